package dev.kasa.cli;

import dev.kasa.cli.evtx.EvtxDumpCommand;
import dev.kasa.cli.node.AdminCommands;
import dev.kasa.cli.node.AssetCommand;
import dev.kasa.cli.node.FederationCommands;
import dev.kasa.cli.node.NodeCommand;
import dev.kasa.cli.node.ServeCommand;
import dev.kasa.cli.node.TaxiiCommand;
import dev.kasa.cli.report.Terminal;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.cli.umbrella.UmbrellaDemo;
import dev.kasa.cli.watch.WatchDemo;
import java.io.InputStream;
import java.io.OutputStream;
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
  private final OutputStream stdout;
  private final Terminal terminal;

  /**
   * @param stdout standard output as bytes for commands that write a lot, or null to write through
   *     {@code out}
   * @param terminal the width and colour of standard output, for the table
   */
  CommandFactory(
      InputStream in,
      PrintWriter out,
      TerminalWriter text,
      TerminalWriter err,
      Clock clock,
      OutputStream stdout,
      Terminal terminal) {
    this.in = in;
    this.out = out;
    this.text = text;
    this.err = err;
    this.clock = clock;
    this.stdout = stdout;
    this.terminal = terminal;
  }

  private Object nodeCommand(Class<?> type) {
    if (type == NodeCommand.class) {
      return new NodeCommand(out, clock);
    } else if (type == AdminCommands.Partner.class) {
      return new AdminCommands.Partner(out, clock);
    } else if (type == AdminCommands.User.class) {
      return new AdminCommands.User(out, clock);
    } else if (type == AdminCommands.Collection.class) {
      return new AdminCommands.Collection(out, clock);
    } else if (type == AdminCommands.Grant.class) {
      return new AdminCommands.Grant(out, clock);
    } else if (type == AdminCommands.Revoke.class) {
      return new AdminCommands.Revoke(out, clock);
    } else if (type == AdminCommands.Intel.class) {
      return new AdminCommands.Intel(out, err, clock);
    } else if (type == AssetCommand.class) {
      return new AssetCommand(out, err, clock);
    } else if (type == ServeCommand.class) {
      return new ServeCommand(out, err, clock);
    } else if (type == FederationCommands.Link.class) {
      return new FederationCommands.Link(out, clock);
    } else if (type == FederationCommands.Community.class) {
      return new FederationCommands.Community(out, clock);
    } else if (type == FederationCommands.Recipients.class) {
      return new FederationCommands.Recipients(out, clock);
    } else if (type == FederationCommands.Audit.class) {
      return new FederationCommands.Audit(out, err, clock);
    } else if (type == TaxiiCommand.class) {
      return new TaxiiCommand(out);
    }
    return null;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == ScanCommand.class) {
      return type.cast(new ScanCommand(new ScanRun(in, out, text, err, clock, terminal)));
    }
    if (type == DemoCommand.class) {
      return type.cast(new DemoCommand(text, new ScanRun(in, out, text, err, clock, terminal)));
    }
    if (type == UmbrellaDemo.class) {
      return type.cast(new UmbrellaDemo(text, clock));
    }
    if (type == WatchDemo.class) {
      return type.cast(new WatchDemo(text, clock));
    }
    Object node = nodeCommand(type);
    if (node != null) {
      return type.cast(node);
    }
    if (type == EvtxDumpCommand.class) {
      return type.cast(new EvtxDumpCommand(stdout));
    }
    return CommandLine.defaultFactory().create(type);
  }
}
