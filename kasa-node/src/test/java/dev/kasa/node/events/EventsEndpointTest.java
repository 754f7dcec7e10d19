package dev.kasa.node.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /kasa/v1/events} and {@code GET /kasa/v1/findings} on real nodes over HTTPS. */
class EventsEndpointTest {
  @TempDir Path tmp;

  static final String SENSOR = TestNode.basic("sensor", "sensor-password");
  static final String ANALYST = TestNode.basic("analyst", "analyst-password");
  static final String IP = "203.0.113.7"; // StixFixtures.indicator's pattern

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  private static TestNode armed(Path tmp, String kind) {
    TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp));
    try (NodeAdmin admin = node.admin()) {
      admin.addUser(
          "sensor", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "sensor-password")));
      admin.addUser(
          "analyst", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "analyst-password")));
    }
    node.awaitAccess();
    String c = node.collection("intel");
    node.post(
        "/taxii2/api/collections/" + c + "/objects/",
        node.adminAuth(),
        StixFixtures.envelope(StixFixtures.indicator(StixFixtures.newId())));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (node.server().detector().status().indicators() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(node.server().detector().status().indicators()).isEqualTo(1);
    return node;
  }

  static HttpResponse<String> post(
      TestNode node, String auth, String query, byte[] body, String enc) {
    var b =
        node.request("/kasa/v1/events" + query, auth)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (enc != null) {
      b.header("Content-Encoding", enc);
    }
    return node.send(b.build());
  }

  static HttpResponse<String> post(TestNode node, String auth, String body) {
    return post(node, auth, "", body.getBytes(StandardCharsets.UTF_8), null);
  }

  static List<JsonNode> lines(HttpResponse<String> r) {
    List<JsonNode> out = new ArrayList<>();
    for (String l : r.body().split("\n")) {
      out.add(Json.parse(l));
    }
    return out;
  }

  static byte[] gzip(byte[] plain) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var g = new GZIPOutputStream(out)) {
      g.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void findingsAndTheSummaryAnswerABodyAndMalformedRecordsLoseNoGoodOne() throws IOException {
    try (TestNode node = armed(tmp, "sqlite")) {
      String body =
          "{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\""
              + IP
              + "\"}\n"
              + "{not json\n"
              + "{\"src_ip\":\"10.0.0.2\"}\n"
              + "{\"src_ip\":\""
              + IP
              + "\"}\n";
      var r = post(node, SENSOR, body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/x-ndjson");
      List<JsonNode> lines = lines(r);
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0).path("kind").asText()).isEqualTo("indicator");
      assertThat(lines.get(0).path("file").asText()).isEqualTo("-");
      assertThat(lines.get(0).path("line").asLong()).isEqualTo(1);
      assertThat(lines.get(1).path("line").asLong()).isEqualTo(4);
      JsonNode summary = lines.get(2);
      assertThat(summary.path("kind").asText()).isEqualTo("summary");
      assertThat(summary.path("events").asLong()).isEqualTo(3);
      assertThat(summary.path("findings").asLong()).isEqualTo(2);
      assertThat(summary.path("malformed").asLong()).isEqualTo(1);
      assertThat(summary.path("problems").get(0).path("record").asLong()).isEqualTo(2);
      assertThat(summary.path("problems").get(0).path("reason").asText()).isNotBlank();

      // The same body gzipped, by Content-Encoding: the same answer.
      var z = post(node, SENSOR, "", gzip(body.getBytes(StandardCharsets.UTF_8)), "gzip");
      assertThat(z.statusCode()).isEqualTo(200);
      assertThat(lines(z).get(2)).isEqualTo(summary);

      // Admins may post too.
      assertThat(post(node, node.adminAuth(), body).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void credentialsFormatsAndBadBodiesGetClientErrors() throws IOException {
    try (TestNode node = armed(tmp, "sqlite")) {
      String partner = node.partner("bravo", "bravo-pw", List.of("intel"), List.of("intel"));
      String line = "{\"src_ip\":\"" + IP + "\"}\n";
      assertThat(post(node, null, line).statusCode()).isEqualTo(401);
      assertThat(post(node, TestNode.basic("sensor", "wrong"), line).statusCode()).isEqualTo(401);
      assertThat(post(node, ANALYST, line).statusCode()).isEqualTo(403);
      assertThat(post(node, partner, line).statusCode()).isEqualTo(403);
      assertThat(node.get("/kasa/v1/findings", SENSOR).statusCode()).isEqualTo(403);
      assertThat(node.get("/kasa/v1/findings", partner).statusCode()).isEqualTo(403);

      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertThat(post(node, SENSOR, "?format=nope", b, null).statusCode()).isEqualTo(400);
      assertThat(post(node, SENSOR, "?log=DNS%20x", b, null).statusCode()).isEqualTo(400);
      assertThat(post(node, SENSOR, "?format=ndjson&format=eve", b, null).statusCode())
          .isEqualTo(400);
      assertThat(post(node, SENSOR, "", b, "br").statusCode()).isEqualTo(415);
      assertThat(post(node, SENSOR, "", b, "gzip").statusCode()).as("not gzip").isEqualTo(400);
      assertThat(post(node, SENSOR, "?format=ndjson", b, null).statusCode()).isEqualTo(200);
      var empty = post(node, SENSOR, "", new byte[0], null);
      assertThat(empty.statusCode()).isEqualTo(200);
      assertThat(lines(empty).get(0).path("events").asLong()).isZero();

      // Over max-content-length (32 MiB by default): 413.
      byte[] huge = new byte[(32 << 20) + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      var tooBig = post(node, SENSOR, "", huge, null);
      assertThat(tooBig.statusCode()).isEqualTo(413);
      assertThat(Json.parse(tooBig.body()).path("http_status").asText()).isEqualTo("413");

      // A gzip bomb: a small body that inflates past the decompressed limit (8 × 32 MiB).
      var bomb = new ByteArrayOutputStream();
      try (var g = new GZIPOutputStream(bomb)) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 300; i++) {
          g.write(zeros);
        }
      }
      assertThat(bomb.size()).isLessThan(1 << 20);
      assertThat(post(node, SENSOR, "", bomb.toByteArray(), "gzip").statusCode()).isEqualTo(413);
      // Without Content-Encoding the magic number still unwraps it, within the same limit.
      assertThat(post(node, SENSOR, "", bomb.toByteArray(), null).statusCode()).isEqualTo(413);
      // Gzip in gzip is bounded layer by layer.
      assertThat(post(node, SENSOR, "", gzip(bomb.toByteArray()), "gzip").statusCode())
          .isEqualTo(413);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void findingsPageWithStableCursors(String kind) {
    try (TestNode node = armed(tmp, kind)) {
      var body = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        body.append("{\"n\":").append(i).append(",\"src_ip\":\"").append(IP).append("\"}\n");
      }
      assertThat(post(node, SENSOR, body.toString()).statusCode()).isEqualTo(200);
      List<Long> lines = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        var r =
            node.get(
                "/kasa/v1/findings?limit=2" + (after == null ? "" : "&after=" + after), ANALYST);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = Json.parse(r.body());
        page.path("findings").forEach(f -> lines.add(f.path("finding").path("line").asLong()));
        page.path("findings")
            .forEach(
                f -> {
                  assertThat(f.path("sensor").asText()).isEqualTo("sensor");
                  assertThat(f.path("object").path("collection").asText()).isNotBlank();
                  assertThat(f.path("object").path("version").asText()).isNotBlank();
                });
        after = page.path("next").isNull() ? null : page.path("next").asText();
        pages++;
      } while (after != null);
      assertThat(lines).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(pages).isEqualTo(3);
      assertThat(
              Json.parse(node.get("/kasa/v1/findings", node.adminAuth()).body()).path("findings"))
          .hasSize(5);
      for (String bad :
          List.of("limit=0", "limit=1001", "limit=x", "after=-1", "after=1&after=2")) {
        assertThat(node.get("/kasa/v1/findings?" + bad, ANALYST).statusCode())
            .as(bad)
            .isEqualTo(400);
      }
      // Findings survive a restart.
      node.restart();
      node.awaitAccess();
      assertThat(
              Json.parse(node.get("/kasa/v1/findings?limit=1000", ANALYST).body()).path("findings"))
          .hasSize(5);
    }
  }

  @Test
  void continuousIngestIsMatchedAndItsFindingsStoredAsTheSourcesOwn() throws IOException {
    try (TestNode node = armed(tmp, "sqlite")) {
      Path logs = Files.createDirectories(tmp.resolve("logs"));
      node.stop();
      Files.writeString(
          node.dir().resolve("kasa.yml"),
          "ingest:\n  files:\n    - name: sensors\n      path: "
              + logs
              + "\n      format: ndjson\n      poll-millis: 50\n",
          StandardOpenOption.APPEND);
      node.restart();
      node.awaitAccess();
      Files.writeString(
          logs.resolve("eve.json"),
          "{\"src_ip\":\"10.0.0.1\",\"dest_ip\":\""
              + IP
              + "\"}\n{not json\n{\"src_ip\":\"10.0.0.9\"}\n{\"src_ip\":\""
              + IP
              + "\"}\n \t\n\n");
      JsonNode found = Json.parse(node.get("/kasa/v1/findings", ANALYST).body()).path("findings");
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (found.size() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        found = Json.parse(node.get("/kasa/v1/findings", ANALYST).body()).path("findings");
      }
      assertThat(found).hasSize(2);
      for (JsonNode f : found) {
        assertThat(f.path("sensor").asText()).isEqualTo("ingest:sensors");
        assertThat(f.path("finding").path("kind").asText()).isEqualTo("indicator");
        assertThat(f.path("finding").path("file").asText()).endsWith("eve.json");
        assertThat(f.path("object").path("collection").asText()).isNotBlank();
      }
      // The malformed second line cost neither good line around it.
      assertThat(found.get(0).path("finding").path("line").asLong()).isEqualTo(1);
      assertThat(found.get(1).path("finding").path("line").asLong()).isEqualTo(4);
      // The source counts what the decoder took: three records and the malformed one, not the
      // blank lines after them.
      JsonNode status = sources(node);
      deadline = System.nanoTime() + 20_000_000_000L;
      while (status.path("events").asLong() < 4 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        status = sources(node);
      }
      assertThat(status.path("events").asLong()).isEqualTo(4);
    }
  }

  /** The status of the tailed source {@code sensors}. */
  private static JsonNode sources(TestNode node) {
    for (JsonNode s : Json.parse(node.get("/kasa/v1/sources", ANALYST).body()).path("sources")) {
      if (s.path("name").asText().equals("sensors")) {
        return s;
      }
    }
    return Json.parse("{}");
  }
}
