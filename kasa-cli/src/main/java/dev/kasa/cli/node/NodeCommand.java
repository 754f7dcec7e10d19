package dev.kasa.cli.node;

import dev.kasa.node.NodeHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kasa node init|cert}: make a node directory, print its certificate. */
@Command(
    name = "node",
    description = "Make a node directory or print its TLS certificate.",
    mixinStandardHelpOptions = true,
    subcommandsRepeatable = false)
public final class NodeCommand {
  private final PrintWriter out;
  private final Clock clock;

  public NodeCommand(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Make a node directory: a commented kasa.yml, the store, a self-signed TLS certificate"
              + " (localhost, 127.0.0.1, ::1 and each --host) and the node's STIX identity.")
  int init(
      @Parameters(paramLabel = "DIR", description = "a new or empty directory") Path dir,
      @Option(
              names = "--name",
              required = true,
              paramLabel = "NAME",
              description = "the node's name")
          String name,
      @Option(
              names = "--host",
              paramLabel = "NAME",
              description = "another host name or address the certificate covers (repeatable)")
          List<String> hosts) {
    NodeHome home =
        NodeHome.init(dir, name, hosts == null ? List.of() : new ArrayList<>(hosts), clock);
    out.println(
        "node " + name + " made in " + dir + " (identity " + home.config().identityId() + ")");
    return 0;
  }

  @Command(
      name = "cert",
      mixinStandardHelpOptions = true,
      description = "Print the node's TLS certificate (PEM) for partners to pin.")
  int cert(@Parameters(paramLabel = "DIR", description = "the node directory") Path dir) {
    out.print(NodeHome.open(dir).certificate().certificatePem());
    return 0;
  }
}
