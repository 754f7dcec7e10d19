package dev.kasa.node.detect;

import static dev.kasa.node.detect.DetectorFixtures.ANALYST;
import static dev.kasa.node.detect.DetectorFixtures.SENSOR;
import static dev.kasa.node.detect.DetectorFixtures.dns;
import static dev.kasa.node.detect.DetectorFixtures.events;
import static dev.kasa.node.detect.DetectorFixtures.eventually;
import static dev.kasa.node.detect.DetectorFixtures.findings;
import static dev.kasa.node.detect.DetectorFixtures.indicator;
import static dev.kasa.node.detect.DetectorFixtures.ip;
import static dev.kasa.node.detect.DetectorFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.Json;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The node's live detector over HTTPS on real nodes: what the store receives arms and disarms it
 * without a restart, and sensors' events are answered with their findings.
 */
class LiveDetectorTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  private static final String Q = "?format=zeek-json&log=dns";
  private static final long T = 1_717_200_000L;

  private static boolean hits(TestNode node, String ip) {
    var r = events(node, SENSOR, Q, dns(T, "10.0.0.1", ip, "a.example"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return !findings(r).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aPostedIndicatorArmsTheDetectorAndRevocationOrDeletionDisarmIt(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String a = StixFixtures.newId();
      String b = StixFixtures.newId();
      assertThat(hits(node, "198.51.100.1")).isFalse();

      publish(node, c, ip(a, "2024-01-01T00:00:00.000Z", "198.51.100.1"));
      publish(node, c, ip(b, "2024-01-01T00:00:00.000Z", "198.51.100.2"));
      assertThat(eventually(() -> hits(node, "198.51.100.1"))).as("armed without restart").isTrue();
      var r = events(node, SENSOR, Q, dns(T, "10.0.0.1", "198.51.100.2", "a.example"));
      var hit = findings(r).get(0);
      assertThat(hit.path("kind").asText()).isEqualTo("indicator");
      assertThat(hit.path("file").asText()).isEqualTo("-");
      assertThat(hit.path("line").asLong()).isEqualTo(1);
      assertThat(hit.path("indicator").path("id").asText()).isEqualTo(b);

      var revoked = ip(a, "2024-02-01T00:00:00.000Z", "198.51.100.1");
      revoked.put("revoked", true);
      publish(node, c, revoked);
      assertThat(eventually(() -> !hits(node, "198.51.100.1"))).as("revocation").isTrue();

      var del =
          node.send(
              node.request("/taxii2/api/collections/" + c + "/objects/" + b + "/", node.adminAuth())
                  .DELETE()
                  .build());
      assertThat(del.statusCode()).isEqualTo(200);
      assertThat(eventually(() -> !hits(node, "198.51.100.2"))).as("deletion").isTrue();

      // A restart builds the detector from the store: still armed for what is left.
      String d = StixFixtures.newId();
      publish(node, c, ip(d, "2024-01-01T00:00:00.000Z", "198.51.100.4"));
      assertThat(eventually(() -> hits(node, "198.51.100.4"))).isTrue();
      node.restart();
      node.awaitAccess();
      assertThat(hits(node, "198.51.100.4")).isTrue();
      assertThat(hits(node, "198.51.100.1")).isFalse();
      assertThat(hits(node, "198.51.100.2")).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aFindingNamesTheNewVersionOnceThePartnerUpdatesTheIndicator(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      String a = StixFixtures.newId();
      publish(node, c, ip(a, "2024-01-01T00:00:00.000Z", "198.51.100.7"));
      assertThat(eventually(() -> hits(node, "198.51.100.7"))).isTrue();
      assertThat(newestFindingVersion(node)).startsWith("2024-01-01");

      // The recorder remembers the version a finding names; an update must not leave it behind.
      publish(node, c, ip(a, "2024-03-01T00:00:00.000Z", "198.51.100.7"));
      assertThat(
              eventually(
                  () ->
                      hits(node, "198.51.100.7")
                          && newestFindingVersion(node).startsWith("2024-03-01")))
          .as("the finding names the updated version")
          .isTrue();
    }
  }

  private static String newestFindingVersion(TestNode node) {
    var page = Json.parse(node.get("/kasa/v1/findings", ANALYST).body());
    var all = page.path("findings");
    return all.get(all.size() - 1).path("object").path("version").asText();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anIndicatorExpiresOnTheClock(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("intel");
      var soon = ip(StixFixtures.newId(), "2024-01-01T00:00:00.000Z", "198.51.100.9");
      soon.put("valid_until", Instant.now().plusSeconds(3).toString());
      var stays = ip(StixFixtures.newId(), "2024-01-01T00:00:00.000Z", "198.51.100.8");
      publish(node, c, soon, stays);
      var status = node.server().detector().status();
      assertThat(eventually(() -> status.indicators() == 2)).isTrue();
      assertThat(eventually(() -> status.indicators() == 1)).as("expired by the writer").isTrue();
      assertThat(hits(node, "198.51.100.8")).isTrue();
    }
  }

  private static final String EVIL =
      """
      title: evil lookups
      id: 0b5a3f6e-4c1d-4f3a-9d2e-1a2b3c4d5e6f
      logsource:
        product: zeek
        service: dns
      detection:
        sel:
          query|endswith: evil.example
        condition: sel
      """;

  @ParameterizedTest
  @MethodSource("stores")
  void aSigmaRuleSharedAsAnIndicatorArmsItAndABadOneIsACountedProblem(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      String c = node.collection("rules");
      String ruleId = "indicator--0b5a3f6e-4c1d-4f3a-9d2e-1a2b3c4d5e6f";
      String badId = "indicator--" + java.util.UUID.randomUUID();
      publish(
          node,
          c,
          indicator(ruleId, "2024-01-01T00:00:00.000Z", EVIL, "sigma"),
          indicator(badId, "2024-01-01T00:00:00.000Z", "title: broken\ndetection: [", "sigma"));
      assertThat(
              eventually(
                  () ->
                      !findings(
                              events(
                                  node, SENSOR, Q, dns(T, "10.0.0.1", "8.8.8.8", "x.evil.example")))
                          .isEmpty()))
          .isTrue();
      var r = events(node, SENSOR, Q, dns(T, "10.0.0.1", "8.8.8.8", "x.evil.example"));
      var match = findings(r).get(0);
      assertThat(match.path("kind").asText()).isEqualTo("sigma");
      assertThat(match.path("rule").path("id").asText())
          .isEqualTo("0b5a3f6e-4c1d-4f3a-9d2e-1a2b3c4d5e6f");
      var status = node.server().detector().status();
      assertThat(status.ruleProblems()).anyMatch(p -> p.contains(badId));
      assertThat(status.failures()).isZero();

      // The stored finding names the indicator the rule was shared as.
      var page = Json.parse(node.get("/kasa/v1/findings", ANALYST).body());
      var last = page.path("findings").get(page.path("findings").size() - 1);
      assertThat(last.path("object").path("id").asText()).isEqualTo(ruleId);
      assertThat(last.path("object").path("collection").asText()).isEqualTo(c);
      assertThat(last.path("object").path("version").asText()).startsWith("2024-01-01");

      var revoked = indicator(ruleId, "2024-02-01T00:00:00.000Z", EVIL, "sigma");
      revoked.put("revoked", true);
      publish(node, c, revoked);
      assertThat(
              eventually(
                  () ->
                      findings(
                              events(
                                  node, SENSOR, Q, dns(T, "10.0.0.1", "8.8.8.8", "x.evil.example")))
                          .isEmpty()))
          .as("revoked rule disarmed")
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aCorrelationFiresAcrossTwoPostsFromAConfiguredRuleDirectory(String kind) throws Exception {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      DetectorFixtures.users(node);
      Path rules = node.dir().resolve("sigma");
      java.nio.file.Files.createDirectories(rules);
      java.nio.file.Files.writeString(
          rules.resolve("twice.yml"),
          EVIL
              + """
              ---
              title: two evil lookups
              id: twice
              correlation:
                type: event_count
                rules: [0b5a3f6e-4c1d-4f3a-9d2e-1a2b3c4d5e6f]
                group-by: [id.orig_h]
                timespan: 10m
                condition:
                  gte: 2
              """);
      Path yml = node.dir().resolve("kasa.yml");
      java.nio.file.Files.writeString(
          yml, java.nio.file.Files.readString(yml).replace("sigma: []", "sigma: [sigma]"));
      node.restart();
      node.awaitAccess();
      var first = events(node, SENSOR, Q, dns(T, "10.0.0.7", "8.8.8.8", "a.evil.example"));
      // The correlation does not generate its rule's matches (Sigma's default): nothing yet.
      assertThat(findings(first)).isEmpty();
      var second = events(node, SENSOR, Q, dns(T + 60, "10.0.0.7", "8.8.8.8", "b.evil.example"));
      assertThat(findings(second))
          .extracting(f -> f.path("kind").asText())
          .containsExactly("correlation");
      var corr = findings(second).get(0);
      assertThat(corr.path("rule").path("id").asText()).isEqualTo("twice");
      assertThat(corr.path("group").path("id.orig_h").asText()).isEqualTo("10.0.0.7");
    }
  }
}
