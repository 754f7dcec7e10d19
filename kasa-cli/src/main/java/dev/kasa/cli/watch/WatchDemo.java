package dev.kasa.cli.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code kasa demo watch}: one node, a demo base's watch floor: assets, the allies' intelligence,
 * telemetry replayed through a syslog socket and a tailed folder, alerts for an analyst to work in
 * the web UI until Ctrl-C ({@link WatchFloor}).
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Starts one node on 127.0.0.1 for Base 7 (a fictional naval logistics base) in a temporary"
          + " directory: its protected assets, its allies' intelligence and its Sigma rules, an"
          + " analyst login, a TCP syslog listener and a tailed folder. Replays the demo telemetry"
          + " through both, prints the alerts, the web UI's address and the login.",
      "Then the node keeps serving and ingesting until Ctrl-C."
    })
public final class WatchDemo implements Callable<Integer> {
  private final PrintWriter out;
  private final Clock clock;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTPS port on 127.0.0.1 (default: a free one)")
  int port;

  @Option(
      names = "--syslog-port",
      paramLabel = "PORT",
      description = "TCP syslog port on 127.0.0.1 (default: a free one)")
  int syslogPort;

  @Option(names = "--dir", hidden = true, description = "make the node in DIR and keep it")
  Path dir;

  @Option(names = "--exit", hidden = true, description = "stop after the replay (for tests)")
  boolean exit;

  public WatchDemo(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path base = (dir != null ? dir : Files.createTempDirectory("kasa-watch-")).toAbsolutePath();
    Files.createDirectories(base);
    var stop = new CountDownLatch(1);
    if (!exit) {
      Signal.handle(new Signal("TERM"), s -> stop.countDown());
      Signal.handle(new Signal("INT"), s -> stop.countDown());
    }
    out.println("Kasa watch demo: the watch floor of Base 7, a naval logistics base.");
    out.println("  working directory: " + base);
    out.println();
    try (var floor = new WatchFloor(out, base, clock)) {
      floor.setUp(syslogPort);
      floor.start(port);
      floor.replay();
      floor.alerts();
      out.println("The watch floor is open:");
      out.println("   web UI   " + floor.url() + "/ui/");
      out.println(
          "   login    "
              + WatchFloor.ANALYST
              + " / "
              + floor.password()
              + "   (the browser warns about the node's self-signed certificate)");
      out.println("   alerts   " + floor.url() + "/kasa/v1/alerts (the same login, HTTP Basic)");
      out.println(
          "   more telemetry: append lines to files in "
              + floor.telemetry()
              + ", or send syslog to 127.0.0.1:"
              + floor.syslogPort()
              + " (TCP)");
      if (exit) {
        out.flush();
        return 0;
      }
      out.println("Ctrl-C stops the node (its directory stays in " + base + ").");
      out.flush();
      stop.await();
      out.println("stopping the node");
      out.flush();
    }
    return 0;
  }
}
