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

  /** The values parsed. */
  Spec spec() {
    return new Spec(intelLists, problems);
  }

  /**
   * @param intelLists files read as plain lists whatever their names
   * @param problems the file every problem is written to, or null
   */
  record Spec(List<String> intelLists, Path problems) {
    static final Spec NONE = new Spec(List.of(), null);

    Spec {
      intelLists = List.copyOf(intelLists);
    }
  }
}
