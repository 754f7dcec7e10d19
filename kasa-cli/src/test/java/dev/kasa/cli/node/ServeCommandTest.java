package dev.kasa.cli.node;

import static dev.kasa.cli.CliRun.kasa;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.NodeHome;
import dev.kasa.node.tls.NodeCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa serve} as its own process: the first line, HTTPS with a pinned certificate, admin
 * commands taking effect while it runs, SIGTERM finishing cleanly (exit 0), and a restart that
 * loses nothing.
 */
class ServeCommandTest {
  @TempDir Path tmp;

  private record Running(Process process, String url) {}

  private Running serve(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.kasa.cli.Kasa",
            "serve",
            dir.toString(),
            "--listen",
            "127.0.0.1:0");
    pb.redirectError(tmp.resolve("serve-" + UUID.randomUUID() + ".err").toFile());
    Process p = pb.start();
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertThat(first).as("first line").matches("listening on https://127\\.0\\.0\\.1:[1-9][0-9]*");
    String url = first.substring("listening on ".length());
    assertThat(out.readLine()).as("second line").startsWith("web UI on " + url + "/ui/ ");
    return new Running(p, url);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest r) throws Exception {
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesUntilSigtermThenExits0AndARestartLosesNothing() throws Exception {
    Path dir = tmp.resolve("node");
    assertThat(kasa("node", "init", dir.toString(), "--name", "alpha").status()).isZero();
    Path pw = tmp.resolve("pw");
    Files.writeString(pw, "root-pw\n");
    assertThat(
            kasa(
                    "user",
                    "add",
                    dir.toString(),
                    "root",
                    "--role",
                    "admin",
                    "--password-file",
                    pw.toString())
                .status())
        .isZero();
    String col =
        kasa("collection", "add", dir.toString(), "shared", "--title", "Shared").out().strip();
    var client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(NodeHome.open(dir).certificate().certificate()))
            .build();
    String root =
        "Basic "
            + Base64.getEncoder().encodeToString("root:root-pw".getBytes(StandardCharsets.UTF_8));
    Running node = serve(dir);
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        ids.add("indicator--" + UUID.randomUUID());
      }
      String body =
          "{\"objects\":["
              + String.join(",", ids.stream().map(ServeCommandTest::indicator).toList())
              + "]}";
      var post =
          send(
              client,
              HttpRequest.newBuilder(
                      URI.create(node.url() + "/taxii2/api/collections/" + col + "/objects/"))
                  .header("Authorization", root)
                  .header("Accept", "application/taxii+json;version=2.1")
                  .header("Content-Type", "application/taxii+json;version=2.1")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build());
      assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
      // An admin command while the node runs: a partner added now can read once the node has
      // polled (AccessTest pins that to the watcher's next poll; here it is another process).
      Path bpw = tmp.resolve("bpw");
      Files.writeString(bpw, "bravo-pw\n");
      assertThat(
              kasa("partner", "add", dir.toString(), "bravo", "--password-file", bpw.toString())
                  .status())
          .isZero();
      String bravo =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("bravo:bravo-pw".getBytes(StandardCharsets.UTF_8));
      // Once its credentials are verified (a slow hash, then remembered), the grant is what counts.
      while (send(client, get(node.url() + "/taxii2/", bravo)).statusCode() != 200) {
        Thread.sleep(50);
      }
      assertThat(
              send(client, get(node.url() + "/taxii2/api/collections/" + col + "/objects/", bravo))
                  .statusCode())
          .isEqualTo(404);
      assertThat(kasa("grant", dir.toString(), "bravo", "shared", "--read").status()).isZero();
      long deadline = System.nanoTime() + 30_000_000_000L;
      int status = 0;
      // The grant, made by another process, reaches the running node at its watcher's next poll.
      while (System.nanoTime() < deadline && status != 200) {
        status =
            send(client, get(node.url() + "/taxii2/api/collections/" + col + "/objects/", bravo))
                .statusCode();
        if (status != 200) {
          Thread.sleep(50);
        }
      }
      assertThat(status).isEqualTo(200);
    } finally {
      node.process().destroy(); // SIGTERM
      assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(node.process().exitValue()).isZero();

    Running again = serve(dir);
    try {
      var r = send(client, get(again.url() + "/taxii2/api/collections/" + col + "/objects/", root));
      assertThat(r.statusCode()).isEqualTo(200);
      ids.forEach(id -> assertThat(r.body()).contains(id));
    } finally {
      again.process().destroy();
      again.process().waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static HttpRequest get(String url, String auth) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", auth)
        .header("Accept", "application/taxii+json;version=2.1")
        .build();
  }

  private static String indicator(String id) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }
}
