package dev.kasa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code kasa scan} about what is read and how its problems are kept. */
final class InputOptions {
  @Option(
      names = "--intel-list",
      paramLabel = "FILE",
      description =
          "A plain list (one value a line) whatever its name. Without it a plain list is read"
              + " only from a file named .txt, .list or .csv (a LICENSE never becomes indicators)."
              + " Repeatable.")
  List<String> intelLists = new ArrayList<>();

  @Option(
      names = "--problems",
      paramLabel = "FILE",
      description =
          "Write every problem (intel and malformed log records, not only the first ten of each"
              + " kind) to FILE, one a line.")
  Path problems;

  @Option(
      names = "--allowlist",
      paramLabel = "FILE",
      description =
          "Values (or CIDR ranges) that are never indicators, one a line, # comments: indicators"
              + " of these values are suppressed and counted. Repeatable.")
  List<String> allowlists = new ArrayList<>();

  @Option(
      names = "--warninglists",
      paramLabel = "DIR",
      description =
          "MISP warninglists (every list.json under DIR: string, substring, hostname, cidr and"
              + " regex lists): indicators of their well-known benign values are suppressed and"
              + " counted per list. Repeatable.")
  List<String> warninglists = new ArrayList<>();

  /** The values parsed. */
  Spec spec() {
    return new Spec(intelLists, problems, allowlists, warninglists);
  }

  /**
   * @param intelLists files read as plain lists whatever their names
   * @param problems the file every problem is written to, or null
   * @param allowlists files of values that are never indicators
   * @param warninglists directories of MISP warninglists
   */
  record Spec(
      List<String> intelLists, Path problems, List<String> allowlists, List<String> warninglists) {
    static final Spec NONE = new Spec(List.of(), null, List.of(), List.of());

    Spec {
      intelLists = List.copyOf(intelLists);
      allowlists = List.copyOf(allowlists);
      warninglists = List.copyOf(warninglists);
    }

    /** Whether any benign-value list is given. */
    boolean suppresses() {
      return !allowlists.isEmpty() || !warninglists.isEmpty();
    }
  }
}
