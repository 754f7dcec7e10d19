package dev.kasa.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One running test node per store kind, started on first use and closed with the test class (for
 * suites that run many requests against the same node).
 */
public final class NodesByStore implements AutoCloseable {
  private final Map<String, TestNode> nodes = new HashMap<>();

  public synchronized TestNode node(String kind) {
    return nodes.computeIfAbsent(
        kind,
        k -> {
          try {
            Path dir = Files.createTempDirectory("kasa-node-" + k);
            return TestNode.start(dir, TestDatabases.location(k, dir));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Override
  public synchronized void close() {
    nodes.values().forEach(TestNode::close);
    nodes.clear();
  }
}
