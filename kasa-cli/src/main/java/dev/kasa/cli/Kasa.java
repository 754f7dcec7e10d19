package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.evtx.EvtxCommand;
import dev.kasa.cli.rules.RulesCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kasa} command: entry point and exit status mapping (documented in the README). */
@Command(
    name = "kasa",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Kasa: one cyber defense umbrella over allied partners' threat intelligence.",
    subcommands = {
      ScanCommand.class,
      DemoCommand.class,
      RulesCommand.class,
      EvtxCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Kasa {
  /** Exit status: the command ran and found nothing to fail on. */
  public static final int OK = 0;

  /** Exit status: indicators were hit and {@code --fail-on-hit} was given. */
  public static final int HITS = 1;

  /** Exit status: bad options or arguments. */
  public static final int USAGE = 2;

  /** Exit status: the scan completed, but some inputs could not be read. */
  public static final int INCOMPLETE = 3;

  /** Exit status: an internal error (a bug). */
  public static final int INTERNAL = 4;

  private Kasa() {}

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            System.in,
            new PrintWriter(System.out),
            new PrintWriter(System.err),
            Clock.systemUTC(),
            System.out));
  }

  /** Runs the command line with the given streams and clock; returns the exit status. */
  public static int run(
      String[] args, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    return run(args, in, out, err, clock, null);
  }

  /**
   * As {@link #run(String[], InputStream, PrintWriter, PrintWriter, Clock)}, with standard output
   * also as bytes for commands that write a lot of it ({@code evtx dump}); null writes through
   * {@code out}.
   */
  static int run(
      String[] args,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      OutputStream stdout) {
    CommandLine cli = commandLine(in, out, err, clock, stdout);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    return commandLine(in, out, err, clock, null);
  }

  private static CommandLine commandLine(
      InputStream in, PrintWriter out, PrintWriter err, Clock clock, OutputStream stdout) {
    CommandLine cli = new CommandLine(new Kasa(), new CommandFactory(in, out, err, clock, stdout));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(Kasa::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("kasa: " + messageOf(e));
          if (exitCodeOf(e) == INTERNAL) {
            e.printStackTrace(commandLine.getErr());
          }
          return exitCodeOf(e);
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("kasa: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("Try 'kasa help " + e.getCommandLine().getCommandName() + "'.");
          return USAGE;
        });
    return cli;
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof KasaException k) {
      return switch (k.code().category()) {
        case USER_ERROR -> USAGE;
        case INVALID_INPUT, UNAVAILABLE -> INCOMPLETE;
        case INTERNAL -> INTERNAL;
      };
    }
    return INTERNAL;
  }

  private static String messageOf(Throwable e) {
    if (e instanceof KasaException k && k.code() != ErrorCode.INTERNAL) {
      return k.getMessage();
    }
    return "internal error: " + e;
  }
}
