package dev.kasa.cli.evtx;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.evtx.EvtxDump;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.RecordFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kasa evtx dump}: writes the records of .evtx files as JSON lines or XML. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the records of Windows event log files: one JSON object per line, shaped as the"
          + " Rust evtx_dump writes it plus the file it came from (\"file\"), or XML as Windows"
          + " shows events. Damaged chunks and records are skipped and reported on stderr with"
          + " file, chunk, offset and reason; the rest is read.",
      "Exit status: 0 every input was read; 2 usage error; 3 some inputs could not be read;"
          + " 4 internal error."
    })
public final class EvtxDumpCommand implements Callable<Integer> {
  private static final int LISTED = 100;

  /** The format names of the command line. */
  enum Format {
    jsonl,
    xml
  }

  @Spec CommandSpec spec;

  private final OutputStream stdout;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = ".evtx files, or directories searched for them.")
  List<String> paths;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "Decoding threads; 0 uses every core (default: ${DEFAULT-VALUE}).")
  int threads;

  /**
   * @param stdout standard output as bytes, or null to write through the command line's writer
   */
  public EvtxDumpCommand(OutputStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws IOException {
    if (threads < 0) {
      throw new KasaException(ErrorCode.USAGE, "--threads must be >= 0, got " + threads);
    }
    EvtxDump.Options defaults =
        EvtxDump.Options.defaults(format == Format.xml ? RecordFormat.XML : RecordFormat.JSON);
    EvtxDump.Options options =
        new EvtxDump.Options(
            defaults.format(),
            threads == 0 ? defaults.threads() : threads,
            defaults.batchChunks(),
            defaults.maxDepth(),
            defaults.maxRecordBytes());
    PrintWriter err = spec.commandLine().getErr();
    Report report = new Report(err);
    EvtxDump.Totals totals;
    spec.commandLine().getOut().flush();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "kasa-evtx");
              t.setDaemon(true);
              return t;
            });
    try (OutputStream out = open()) {
      totals = new EvtxDump(options, workers).dump(paths, out, report);
    } catch (IOException e) {
      // Only writing throws (inputs that cannot be read are reported and skipped): a full disk or
      // a closed pipe ends the dump, as a write error ends every command.
      throw new KasaException(
          ErrorCode.IO_FAILURE,
          "cannot write the output: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } finally {
      workers.shutdownNow();
    }
    if (report.listed < report.count) {
      err.println("  … and " + (report.count - report.listed) + " more problems");
    }
    if (totals.problems() > 0 || totals.unreadable() > 0) {
      err.printf(
          Locale.ROOT,
          "kasa evtx dump: %d records from %d files; %d problems; %d inputs unreadable%n",
          totals.records(),
          totals.files(),
          totals.problems(),
          totals.unreadable());
    }
    err.flush();
    return totals.unreadable() > 0 ? 3 : 0;
  }

  private OutputStream open() throws IOException {
    if (output != null) {
      return new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
    }
    if (stdout != null) {
      return new BufferedOutputStream(uncloseable(stdout), 1 << 16);
    }
    PrintWriter out = spec.commandLine().getOut();
    // Whole records reach each write, so each piece is valid UTF-8 on its own.
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(new String(b, off, len, StandardCharsets.UTF_8));
      }

      @Override
      public void flush() {
        out.flush();
      }
    };
  }

  private static OutputStream uncloseable(OutputStream s) {
    return new java.io.FilterOutputStream(s) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** Problems and unreadable inputs on stderr, the first {@value #LISTED} of them. */
  private static final class Report implements EvtxDump.Listener {
    private final PrintWriter err;
    int count;
    int listed;

    Report(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void problem(String file, EvtxProblem problem) {
      line("kasa evtx dump: " + file + ": " + problem);
    }

    @Override
    public void unreadable(String file, String reason) {
      line("kasa evtx dump: " + file + ": unreadable: " + reason);
    }

    private void line(String s) {
      count++;
      if (listed < LISTED) {
        listed++;
        err.println(s);
      }
    }
  }
}
