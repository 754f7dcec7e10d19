package dev.kasa.cli;

import dev.kasa.cli.evtx.EvtxDumpCommand;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Constructor wiring in one place: every command gets the streams and clock of this run. */
final class CommandFactory implements CommandLine.IFactory {
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final OutputStream stdout;

  /**
   * @param stdout standard output as bytes for commands that write a lot, or null
   */
  CommandFactory(
      InputStream in, PrintWriter out, PrintWriter err, Clock clock, OutputStream stdout) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.stdout = stdout;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == ScanCommand.class) {
      return type.cast(new ScanCommand(new Sweep(in, out, err, clock)));
    }
    if (type == DemoCommand.class) {
      return type.cast(new DemoCommand(out, new Sweep(in, out, err, clock)));
    }
    if (type == EvtxDumpCommand.class) {
      return type.cast(new EvtxDumpCommand(stdout));
    }
    return CommandLine.defaultFactory().create(type);
  }
}
