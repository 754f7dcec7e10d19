package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.evtx.EvtxCommand;
import dev.kasa.cli.node.AdminCommands;
import dev.kasa.cli.node.AssetCommand;
import dev.kasa.cli.node.FederationCommands;
import dev.kasa.cli.node.NodeCommand;
import dev.kasa.cli.node.ServeCommand;
import dev.kasa.cli.node.TaxiiCommand;
import dev.kasa.cli.report.Terminal;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.cli.rules.RulesCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kasa} command: entry point and exit status mapping (documented in the README). */
@Command(
    name = "kasa",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Kasa: one cyber defense umbrella over allied partners' threat intelligence.")
public final class Kasa {
  /**
   * The commands, in the order help lists them. A run builds only the one its first argument names
   * (picocli builds a command's whole model up front: all of them cost every start about 0.1 s);
   * help, an unknown word or no command builds them all.
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          ScanCommand.class,
          DemoCommand.class,
          RulesCommand.class,
          EvtxCommand.class,
          NodeCommand.class,
          AdminCommands.Partner.class,
          AdminCommands.User.class,
          AdminCommands.Collection.class,
          AdminCommands.Grant.class,
          AdminCommands.Revoke.class,
          AdminCommands.Intel.class,
          ServeCommand.class,
          AssetCommand.class,
          FederationCommands.Link.class,
          FederationCommands.Community.class,
          FederationCommands.Recipients.class,
          FederationCommands.Audit.class,
          TaxiiCommand.class,
          CommandLine.HelpCommand.class);

  /** Exit status: the command ran and found nothing to fail on. */
  public static final int OK = 0;

  /** Exit status: indicators were hit and {@code --fail-on-hit} was given. */
  public static final int HITS = 1;

  /** Exit status: bad options or arguments ({@link ErrorCode.Category#USER_ERROR}). */
  public static final int USAGE = ErrorCode.Category.USER_ERROR.exitStatus();

  /**
   * Exit status: the run is incomplete: some inputs could not be read (the scan went on with the
   * others), or the output could not be written ({@link ErrorCode.Category#UNAVAILABLE}).
   */
  public static final int INCOMPLETE = ErrorCode.Category.UNAVAILABLE.exitStatus();

  /** Exit status: an internal error (a bug; {@link ErrorCode.Category#INTERNAL}). */
  public static final int INTERNAL = ErrorCode.Category.INTERNAL.exitStatus();

  private Kasa() {}

  public static void main(String[] args) {
    int status;
    try {
      // Not System.out: a PrintStream swallows write errors and their causes. The same file
      // descriptor as bytes, for commands that write a lot ({@code evtx dump}); it throws on a
      // write error too.
      FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
      PrintWriter out = new OutputWriter(new OutputStreamWriter(stdout, System.out.charset()));
      // The launcher tells whether stdout is a terminal and how wide (bash does not export
      // COLUMNS); NO_COLOR and COLUMNS come from the environment.
      Terminal terminal =
          Terminal.of(
              System.getenv(),
              Boolean.getBoolean("kasa.stdout.tty"),
              Integer.getInteger("kasa.columns", 0));
      status =
          run(
              args,
              System.in,
              out,
              new PrintWriter(System.err),
              Clock.systemUTC(),
              stdout,
              terminal);
    } catch (Throwable e) {
      // Even reporting failed (say, out of memory again): the status still says internal error.
      status = INTERNAL;
    }
    System.exit(status);
  }

  /**
   * Runs the command line with the given streams and clock; returns the exit status. Output that
   * could not be written makes a run that would have ended with 0 or 1 end with {@link
   * #INCOMPLETE}.
   */
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
    return run(args, in, out, err, clock, stdout, Terminal.NONE);
  }

  /** As above, the table laid out for {@code terminal}. */
  static int run(
      String[] args,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      OutputStream stdout,
      Terminal terminal) {
    CommandLine cli = commandLine(in, out, err, clock, stdout, terminal, args);
    TerminalWriter errText = new TerminalWriter(err);
    try {
      int status = cli.execute(args);
      String failure = OutputWriter.failureOf(out);
      if (failure != null && (status == OK || status == HITS)) {
        errText.println("kasa: cannot write the output: " + failure);
        return INCOMPLETE;
      }
      return status;
    } catch (Error e) {
      // picocli hands Errors (OutOfMemoryError, StackOverflowError) back to its caller.
      errText.println("kasa: " + messageOf(e));
      printStackTrace(e, errText);
      return INTERNAL;
    } finally {
      out.flush();
      errText.flush();
    }
  }

  static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    return commandLine(in, out, err, clock, null, Terminal.NONE, new String[0]);
  }

  private static CommandLine commandLine(
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      OutputStream stdout,
      Terminal terminal,
      String[] args) {
    // Text from data goes through terminal writers; picocli's help (ours) and JSON reports write
    // to out and err themselves.
    TerminalWriter text = new TerminalWriter(out);
    TerminalWriter errText = new TerminalWriter(err);
    CommandLine cli =
        new CommandLine(
            new Kasa(), new CommandFactory(in, out, text, errText, clock, stdout, terminal));
    Class<?> named = args.length == 0 ? null : commandNamed(args[0]);
    for (Class<?> c : COMMANDS) {
      if (named == null || c == named) {
        cli.addSubcommand(c);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(Kasa::exitCodeOf);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // A message may list several problems, one a line; each line is escaped on its own.
          ("kasa: " + messageOf(e)).lines().forEach(errText::println);
          if (exitCodeOf(e) == INTERNAL) {
            printStackTrace(e, errText);
          }
          errText.flush();
          return exitCodeOf(e);
        });
    cli.setExecutionStrategy(Kasa::executeUnlessUnmatched);
    cli.setParameterExceptionHandler(
        (e, given) -> {
          errText.println("kasa: " + e.getMessage());
          if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = suggestions(unmatched);
            if (!suggestions.isEmpty()) {
              errText.println(
                  "Did you mean "
                      + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                      + "?");
            }
          }
          CommandLine where = e.getCommandLine();
          errText.println(
              where.getParent() == null
                  ? "Try 'kasa --help'."
                  : "Try 'kasa help " + where.getCommandName() + "'.");
          errText.flush();
          return USAGE;
        });
    return cli;
  }

  /** The command named {@code word} (by name or alias), or null: help needs them all. */
  private static Class<?> commandNamed(String word) {
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (c != CommandLine.HelpCommand.class
          && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
        return c;
      }
    }
    return null;
  }

  /**
   * Runs the command picocli parsed, unless an argument matched nothing: picocli lets {@code
   * --help} win over an unknown word ({@code kasa scna --help} would print the root usage and
   * succeed), but a typo must be an error whatever follows it.
   */
  private static int executeUnlessUnmatched(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(
            p.commandSpec().commandLine(), p.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * picocli's suggestions, and for a word that names no command the commands it is a slip of (two
   * letters swapped, one missing, added or wrong), which picocli's similarity misses.
   */
  private static List<String> suggestions(CommandLine.UnmatchedArgumentException e) {
    List<String> suggestions = e.getSuggestions();
    List<String> words = e.getUnmatched();
    if (!suggestions.isEmpty() || words.isEmpty() || words.get(0).startsWith("-")) {
      return suggestions;
    }
    String word = words.get(0);
    return e.getCommandLine().getSubcommands().keySet().stream()
        .filter(name -> slipOf(word, name))
        .toList();
  }

  /** Whether {@code a} is {@code b} with one letter wrong, added, missing, or two swapped. */
  static boolean slipOf(String a, String b) {
    if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (a.length() == b.length()) {
      return a.substring(i + 1).equals(b.substring(i + 1))
          || (i + 1 < a.length()
              && a.charAt(i) == b.charAt(i + 1)
              && a.charAt(i + 1) == b.charAt(i)
              && a.substring(i + 2).equals(b.substring(i + 2)));
    }
    return a.length() > b.length()
        ? a.substring(i + 1).equals(b.substring(i))
        : a.substring(i).equals(b.substring(i + 1));
  }

  /** The stack trace with its tabs as spaces (the terminal writer would escape them). */
  private static void printStackTrace(Throwable e, PrintWriter err) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    trace.toString().lines().forEach(l -> err.println(l.replace("\t", "    ")));
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof KasaException k) {
      return k.code().category().exitStatus();
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
