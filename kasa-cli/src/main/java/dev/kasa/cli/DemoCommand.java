package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.umbrella.UmbrellaDemo;
import dev.kasa.cli.watch.WatchDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kasa demo}: the main job on bundled intelligence and logs that tell one story. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = {UmbrellaDemo.class, WatchDemo.class},
    description = {
      "Sweeps a base's bundled demo logs against intelligence shared by its allies.",
      "The files are written to a temporary directory (or to --extract DIR) and scanned with the"
          + " same engine as 'kasa scan'.",
      "'kasa demo umbrella' shows the federation instead: three nodes sharing over TAXII.",
      "'kasa demo watch' shows one node's watch floor: live ingest, assets, alerts, the web UI."
    })
final class DemoCommand implements Callable<Integer> {
  private static final String ROOT = "/dev/kasa/cli/demo/";

  private final PrintWriter out;
  private final ScanRun sweep;

  @Option(
      names = "--extract",
      paramLabel = "DIR",
      description =
          "Write the demo files to DIR (kept afterwards) instead of a temporary directory.")
  Path extractTo;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  DemoCommand(PrintWriter out, ScanRun sweep) {
    this.out = out;
    this.sweep = sweep;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = extractTo != null ? extractTo : Files.createTempDirectory("kasa-demo-");
    List<String> files;
    try {
      files = extract(dir);
    } catch (IOException e) {
      if (extractTo == null) {
        throw e;
      }
      throw new KasaException(
          ErrorCode.USAGE,
          "--extract: cannot write the demo files to " + dir + ": " + reason(e),
          e);
    }
    if (format == OutputFormat.TABLE) {
      out.println("Kasa demo: Base 7 sweeps its logs for what its allies shared.");
      // A temporary directory is gone when the user reads this: name the folders, not its path.
      Path shown = extractTo != null ? dir : Path.of("DIR");
      out.println("  intel: " + shown.resolve("intel") + " (STIX bundle, MISP event, plain list)");
      out.println(
          "  sigma: " + shown.resolve("sigma") + " (Base 7's detection rules and a correlation)");
      out.println(
          "  logs:  " + shown.resolve("logs") + " (Zeek TSV and JSON, Suricata EVE, Sysmon)");
      out.println(
          "  "
              + files.size()
              + " files; to run it yourself: "
              + (extractTo != null ? "" : "kasa demo --extract DIR, then ")
              + "kasa scan --intel "
              + shown.resolve("intel")
              + " --sigma "
              + shown.resolve("sigma")
              + " "
              + shown.resolve("logs"));
      out.println();
      out.flush();
    }
    ScanRequest request =
        new ScanRequest(
            List.of(dir.resolve("intel").toString()),
            List.of(dir.resolve("sigma").toString()),
            null,
            null,
            List.of(dir.resolve("logs").toString()),
            format,
            ScanRequest.DEFAULT_IDENTITY,
            0,
            null,
            null,
            false,
            false,
            dev.kasa.cli.filter.FilterSpec.NONE,
            null,
            InputOptions.Spec.NONE,
            dev.kasa.cli.report.ViewSpec.NONE,
            null,
            false);
    try {
      int status = sweep.run(request);
      if (format == OutputFormat.TABLE) {
        printTraps();
      }
      return status;
    } finally {
      if (extractTo == null) {
        deleteTree(dir);
      }
    }
  }

  /** One value the demo's logs hold on purpose that no indicator may match, and why. */
  record Trap(String value, String where, String why) {}

  /** The traps in the demo's logs; DemoStoryTest proves that none of them is hit. */
  static List<Trap> traps() {
    try (InputStream in = DemoCommand.class.getResourceAsStream(ROOT + "traps.tsv")) {
      if (in == null) {
        throw new KasaException(ErrorCode.INTERNAL, "demo files are missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .map(l -> l.split("\t", 3))
          .map(f -> new Trap(f[0], f[1], f[2]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printTraps() {
    out.println();
    out.println(
        "Rightly not matched (values in the logs that look like intelligence but are not):");
    for (Trap t : traps()) {
      out.println("  " + t.value() + "  (" + t.where() + "): " + t.why());
    }
    out.flush();
  }

  private static List<String> extract(Path dir) throws IOException {
    List<String> files;
    try (InputStream index = DemoCommand.class.getResourceAsStream(ROOT + "index.txt")) {
      if (index == null) {
        throw new KasaException(ErrorCode.INTERNAL, "demo files are missing from this build");
      }
      files =
          new String(index.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    }
    for (String name : files) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = DemoCommand.class.getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new KasaException(ErrorCode.INTERNAL, "demo file missing from this build: " + name);
        }
        Files.write(target, in.readAllBytes());
      }
    }
    return files;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
