package dev.kasa.node;

import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.StoreLocation;
import dev.kasa.node.tls.NodeCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A real node for tests: a node directory made by {@link NodeHome#init}, its store (SQLite, or the
 * PostgreSQL database of {@link TestDatabases}), a server on 127.0.0.1 with a free port, and an
 * HTTPS client that pins the node's certificate and checks the host name.
 */
public final class TestNode implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-1";

  private final Path dir;
  private final NodeServer.Timing timing;
  private NodeServer server;
  private final HttpClient client;

  /** Quick links and a short live-update wait, so that tests converge fast. */
  public static final NodeServer.Timing FAST =
      new NodeServer.Timing(
          Duration.ofSeconds(2),
          new dev.kasa.node.link.LinkTiming(
              Duration.ofMillis(200),
              Duration.ofMillis(50),
              Duration.ofMillis(500),
              1000,
              500,
              new dev.kasa.node.link.TaxiiClient.Options(
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(10),
                  64L << 20,
                  2,
                  Duration.ofMillis(20))));

  private TestNode(Path dir, NodeServer.Timing timing) {
    this.dir = dir;
    this.timing = timing;
    this.client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(NodeHome.open(dir).certificate().certificate()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Makes a node in {@code parent}/node with an admin user, on the given store, and starts it. */
  public static TestNode start(Path parent, StoreLocation store) {
    return start(parent, store, "test-node", NodeServer.Timing.DEFAULT);
  }

  /** A node named {@code name} in {@code parent}/{@code name}, with the given timing. */
  public static TestNode start(
      Path parent, StoreLocation store, String name, NodeServer.Timing timing) {
    Path dir = parent.resolve(name.equals("test-node") ? "node" : name);
    NodeHome.init(dir, name, List.of(), Clock.systemUTC());
    if (store != null && !store.url().startsWith("jdbc:sqlite:")) {
      TestDatabases.useStore(dir, store);
    }
    var node = new TestNode(dir, timing);
    try (NodeAdmin admin = node.admin()) {
      admin.addUser(ADMIN, Role.ADMIN, List.of(new Secret(SecretKind.PASSWORD, ADMIN_PASSWORD)));
    }
    node.restart();
    return node;
  }

  public NodeAdmin admin() {
    return NodeAdmin.open(dir, Clock.systemUTC());
  }

  public Path dir() {
    return dir;
  }

  public NodeServer server() {
    return server;
  }

  /** Stops (if running) and starts the server again on a free port. */
  public void restart() {
    restart(0);
  }

  /** Stops (if running) and starts the server again on {@code port} (0: a free port). */
  public void restart(int port) {
    if (server != null) {
      server.close();
    }
    server =
        NodeServer.start(
            NodeHome.open(dir),
            new NodeConfig.Listen("127.0.0.1", port),
            Clock.systemUTC(),
            new PrintStream(System.err, true, StandardCharsets.UTF_8),
            timing);
  }

  /** Stops the server (the directory stays; {@link #restart} starts it again). */
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * Waits (at most 30 s, for a busy machine) until the running server has picked up every admin
   * change made so far.
   */
  public void awaitAccess() {
    long target;
    try (var store = NodeHome.open(dir).openStore(Clock.systemUTC())) {
      target = store.changeCounter();
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (server.accessCounter() < target && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Adds a partner with a password, grants it on collections (UUID or alias), waits for effect. */
  public String partner(String name, String password, List<String> read, List<String> write) {
    try (NodeAdmin admin = admin()) {
      admin.addPartner(name, List.of(new Secret(SecretKind.PASSWORD, password)));
      read.forEach(c -> admin.grant(name, c, true, false));
      write.forEach(c -> admin.grant(name, c, false, true));
    }
    awaitAccess();
    return basic(name, password);
  }

  /** Creates a collection, returns its UUID. */
  public String collection(String alias) {
    try (NodeAdmin admin = admin()) {
      return admin.addCollection(alias, "Collection " + alias, "for tests").id();
    }
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request to a path of this node with TAXII's Accept header and the given credentials. */
  public HttpRequest.Builder request(String path, String authorization) {
    var b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/taxii+json;version=2.1");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  public HttpResponse<String> get(String path, String authorization) {
    return send(request(path, authorization).GET().build());
  }

  public HttpResponse<String> post(String path, String authorization, String body) {
    return send(
        request(path, authorization)
            .header("Content-Type", "application/taxii+json;version=2.1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  public String adminAuth() {
    return basic(ADMIN, ADMIN_PASSWORD);
  }

  /** Writes a secret file (first line) under the node's parent directory. */
  public Path secretFile(String name, String secret) {
    try {
      Path f = dir.resolveSibling(name);
      Files.writeString(f, secret + "\n");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
