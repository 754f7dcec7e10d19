package dev.kasa.cli.umbrella;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allies' sensors: from before the publish, every 20 ms, each node's sensor posts a connection
 * to the C2 server and a lookup of the implant's domain to its node, until the node matched each;
 * when the node's answer with the first hit on each came back ({@code "NODE conn"}, {@code "NODE
 * dns"}): what a SOC watching that node sees.
 */
final class ArmingProbe implements AutoCloseable {
  private final List<DemoNode> nodes;
  private final Clock clock;
  private final Map<String, Instant> matched = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  ArmingProbe(List<DemoNode> nodes, Clock clock) {
    this.nodes = List.copyOf(nodes);
    this.clock = clock;
    this.thread = Thread.ofPlatform().name("demo-sensors").daemon().start(this::loop);
  }

  private void loop() {
    try {
      while (!stopped && matched.size() < 2 * nodes.size()) {
        for (DemoNode n : nodes) {
          long seconds = clock.millis() / 1000;
          probe(n, "conn", DemoIntel.conn(seconds, "10.40.1.20"), DemoIntel.C2_ID);
          probe(n, "dns", DemoIntel.dns(seconds, "10.40.1.21"), DemoIntel.RULE_UUID);
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void probe(DemoNode n, String log, String event, String match) {
    String key = n.name() + " " + log;
    if (matched.containsKey(key)) {
      return;
    }
    if (n.events(log, event).stream().anyMatch(l -> l.contains(match))) {
      matched.put(key, clock.instant());
    }
  }

  /**
   * Waits at most {@code nanos} for every node to match both.
   *
   * @throws KasaException when they did not, or a sensor's POST failed
   */
  Map<String, Instant> await(long nanos) throws InterruptedException {
    thread.join(nanos / 1_000_000);
    if (failure != null) {
      throw failure;
    }
    if (matched.size() < 2 * nodes.size()) {
      throw new KasaException(
          ErrorCode.IO_FAILURE,
          "the demo waited in vain for the nodes to be armed (matched: " + matched.keySet() + ")");
    }
    return Map.copyOf(matched);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join();
  }
}
