package dev.kasa.bench.node;

import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.link.LinkTiming;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code kasa serve} with the links' live-update path off: pull links poll their partners every 10
 * s ({@link LinkTiming#DEFAULT}'s poll), as against servers other than Kasa. The federation
 * benchmark's baseline. Usage: {@code PollingNode DIR}; prints {@code listening on URL}, serves
 * until killed.
 */
public final class PollingNode {
  private PollingNode() {}

  public static void main(String[] args) throws Exception {
    var timing = new NodeServer.Timing(Duration.ofSeconds(30), LinkTiming.DEFAULT.pollingOnly());
    var stop = new CountDownLatch(1);
    NodeServer server =
        NodeServer.start(
            NodeHome.open(Path.of(args[0])),
            new NodeConfig.Listen("127.0.0.1", 0),
            Clock.systemUTC(),
            System.err,
            timing);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stop.countDown();
                }));
    System.out.println("listening on " + server.url());
    System.out.flush();
    stop.await();
  }
}
