package dev.kasa.cli.node;

import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code kasa serve}: runs the node until SIGTERM or SIGINT, then finishes the requests in flight,
 * closes the store and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the node: TAXII 2.1 over HTTPS (discovery at /taxii2/, the API root at /taxii2/api/)."
            + " Prints 'listening on https://HOST:PORT' when ready, then where the web UI is.")
public final class ServeCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  @Parameters(index = "0", paramLabel = "DIR", description = "the node directory")
  Path dir;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "where to listen (default: kasa.yml's listen, else 127.0.0.1:8443; port 0 picks a free"
              + " port)")
  String listen;

  public ServeCommand(PrintWriter out, PrintWriter err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Integer call() throws InterruptedException {
    NodeHome home = NodeHome.open(dir);
    NodeConfig.Listen where =
        listen == null ? home.config().listen() : NodeConfig.Listen.parse(listen);
    var stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    var log =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                err.write(b);
              }

              @Override
              public void flush() {
                err.flush();
              }
            },
            true,
            StandardCharsets.UTF_8);
    try (NodeServer server = NodeServer.start(home, where, clock, log)) {
      out.println("listening on " + server.url());
      out.println("web UI on " + server.url() + "/ui/ (log in as an analyst or admin)");
      out.flush();
      stop.await();
      err.println("kasa serve: stopping (finishing requests in flight)");
      err.flush();
    }
    return 0;
  }
}
