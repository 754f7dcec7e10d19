package dev.kasa.node.link;

import dev.kasa.node.TestNode;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Real nodes over HTTPS on 127.0.0.1 for federation tests, and the helpers to link them. */
final class Federation implements AutoCloseable {
  private final Path dir;
  private final String storeKind;
  private final Map<String, TestNode> nodes = new HashMap<>();

  Federation(Path dir) {
    this(dir, "sqlite");
  }

  /** Nodes on stores of that kind ({@link dev.kasa.node.TestDatabases#kinds}). */
  Federation(Path dir, String storeKind) {
    this.dir = dir;
    this.storeKind = storeKind;
  }

  TestNode node(String name) {
    return nodes.computeIfAbsent(
        name,
        n ->
            TestNode.start(
                dir,
                storeKind.equals("sqlite")
                    ? null
                    : dev.kasa.node.TestDatabases.location(storeKind, dir.resolve(n)),
                n,
                TestNode.FAST));
  }

  /** {@code at} makes {@code partner} a partner with a password (idempotent per pair). */
  static void partner(TestNode at, String partner) {
    try (var admin = at.admin()) {
      admin.addPartner(partner, List.of(new Secret(SecretKind.PASSWORD, password(partner, at))));
    }
  }

  static String password(String partner, TestNode at) {
    return "pw-" + partner + "-at-" + at.server().home().config().name();
  }

  /**
   * {@code from} links to {@code to}'s collection {@code remote} (credentials {@code to} issued,
   * its certificate pinned).
   *
   * @return our local collection's UUID
   */
  static String link(TestNode from, TestNode to, String remote, String local, Direction... ds) {
    String me = from.server().home().config().name();
    String them = to.server().home().config().name();
    Path secret = from.secretFile("secret-" + me + "-for-" + them, password(me, to));
    try (var admin = from.admin()) {
      return admin
          .addLink(
              new LinkStore.Spec(
                  them,
                  remote,
                  local,
                  Set.of(ds),
                  to.server().url() + "/taxii2/",
                  me,
                  SecretKind.PASSWORD,
                  secret.toString(),
                  to.server().home().certificate().certificatePem()))
          .id();
    }
  }

  /** {@code from} pulls collection {@code remote} of a server that is not a test node. */
  static String pullFrom(TestNode from, String partner, String url, String caPem, String remote) {
    try (var admin = from.admin()) {
      return admin
          .addLink(
              new LinkStore.Spec(
                  partner, remote, null, Set.of(Direction.PULL), url, "me", null, null, caPem))
          .id();
    }
  }

  /** Every (id, version) in a collection, as its admin reads it (every version). */
  static List<String> versions(TestNode node, String collection) {
    var out = new ArrayList<String>();
    String next = null;
    while (true) {
      var r =
          node.get(
              "/taxii2/api/collections/"
                  + collection
                  + "/objects/?match[version]=all&limit=1000"
                  + (next == null ? "" : "&next=" + next),
              node.adminAuth());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
      }
      var page = dev.kasa.node.Json.parse(r.body());
      for (var o : page.path("objects")) {
        out.add(o.get("id").asText() + "@" + o.path("modified").asText());
      }
      if (!page.path("more").asBoolean()) {
        return out;
      }
      next = page.get("next").asText();
    }
  }

  /** The ids in a collection (each once, whatever the versions). */
  static Set<String> ids(TestNode node, String collection) {
    var out = new java.util.TreeSet<String>();
    versions(node, collection).forEach(v -> out.add(v.substring(0, v.indexOf('@'))));
    return out;
  }

  static List<LinkRecord> links(TestNode node) {
    try (var admin = node.admin()) {
      return admin.links();
    }
  }

  /** Waits up to {@code timeout} for {@code condition}; true when it held. */
  static boolean await(Duration timeout, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.get();
  }

  @Override
  public void close() {
    nodes.values().forEach(TestNode::close);
  }
}
