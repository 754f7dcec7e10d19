package dev.kasa.bench.node;

import dev.kasa.node.NodeHome;
import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.http.ProblemStatus;
import dev.kasa.node.store.AccessState;
import dev.kasa.node.store.Store;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The same-run baseline of the node benchmark: the node's own HTTPS server (Javalin, Jetty, TLS,
 * the same authentication with its cache) answering GET objects with precomputed page bytes and
 * POST objects by reading and discarding the body. Usage: {@code BaselineServer NODE_DIR}; prints
 * {@code listening on https://127.0.0.1:PORT}.
 */
public final class BaselineServer {
  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    NodeHome home = NodeHome.open(Path.of(args[0]));
    AccessState access;
    try (Store store = home.openStore(Clock.systemUTC())) {
      access = store.accounts().state();
    }
    var auth = new Authenticator(access, Clock.systemUTC());
    byte[] page = page(1000);
    byte[] status =
        ("{\"id\":\""
                + UUID.randomUUID()
                + "\",\"status\":\"complete\",\"total_count\":1000,"
                + "\"success_count\":1000,\"failure_count\":0,\"pending_count\":0}")
            .getBytes(StandardCharsets.UTF_8);
    String objects = "/taxii2/api/collections/{collection}/objects/";
    try (HttpsServer server =
        HttpsServer.start(
            "127.0.0.1",
            0,
            home.certificate(),
            auth::authenticate,
            routes -> {
              routes.get(
                  objects,
                  ctx -> {
                    ctx.header("X-TAXII-Date-Added-First", "2026-01-01T00:00:00.000000Z");
                    ctx.header("X-TAXII-Date-Added-Last", "2026-01-01T00:00:00.000999Z");
                    ctx.contentType(ProblemStatus.TAXII_JSON).result(page);
                  });
              routes.post(
                  objects,
                  ctx -> {
                    try (InputStream in = ctx.bodyInputStream()) {
                      in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    ctx.status(202).contentType(ProblemStatus.TAXII_JSON).result(status);
                  });
            },
            System.err)) {
      System.out.println("listening on https://127.0.0.1:" + server.port());
      System.out.flush();
      new CountDownLatch(1).await();
    }
  }

  /** A page as the node would serve it: {@code n} indicators the size the load client posts. */
  static byte[] page(int n) {
    List<String> objects = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      objects.add(NodeLoad.indicator("indicator--" + UUID.randomUUID()));
    }
    return ("{\"more\":true,\"next\":\"1\",\"objects\":[" + String.join(",", objects) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
