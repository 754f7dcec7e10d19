package dev.kasa.cli.option;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths given on the command line: checked before any work starts. */
public final class PathArguments {
  private PathArguments() {}

  /**
   * Checks that each of {@code paths} exists ({@code -}, standard input, is taken as it is).
   *
   * @param what what the paths are, for the message ("log", "Sigma rule")
   * @throws KasaException USAGE for an empty path (which would silently mean the current directory)
   *     or a path that does not exist
   */
  public static void requireExisting(String what, List<String> paths) {
    for (String p : paths) {
      if (p.isEmpty()) {
        throw new KasaException(
            ErrorCode.USAGE, "empty path given as " + what + " path; use . for this directory");
      }
      if (!p.equals("-") && !Files.exists(Path.of(p))) {
        throw new KasaException(ErrorCode.USAGE, what + " path does not exist: " + p);
      }
    }
  }
}
