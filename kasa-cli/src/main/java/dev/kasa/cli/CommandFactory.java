package dev.kasa.cli;

import dev.kasa.cli.report.TerminalWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Constructor wiring in one place: every command gets the streams and clock of this run. {@code
 * out} is standard output itself (for JSON), {@code text} and {@code err} the terminal writers of
 * text for people on standard output and standard error.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final InputStream in;
  private final PrintWriter out;
  private final TerminalWriter text;
  private final TerminalWriter err;
  private final Clock clock;

  CommandFactory(
      InputStream in, PrintWriter out, TerminalWriter text, TerminalWriter err, Clock clock) {
    this.in = in;
    this.out = out;
    this.text = text;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == ScanCommand.class) {
      return type.cast(new ScanCommand(new ScanRun(in, out, text, err, clock)));
    }
    if (type == DemoCommand.class) {
      return type.cast(new DemoCommand(text, new ScanRun(in, out, text, err, clock)));
    }
    return CommandLine.defaultFactory().create(type);
  }
}
