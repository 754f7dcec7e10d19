package dev.kasa.node.taxii;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.node.Json;
import dev.kasa.node.NodesByStore;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.stix.Tlp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kasa's own TAXII 2.1 conformance suite, written from the MUSTs and SHOULDs of the specification
 * (section numbers in each test), run against a real node over HTTPS on 127.0.0.1, on each store.
 */
class TaxiiConformanceTest {
  private static final NodesByStore NODES = new NodesByStore();
  private static final String TAXII = "application/taxii+json;version=2.1";

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  private static String objects(String col) {
    return "/taxii2/api/collections/" + col + "/objects/";
  }

  private static JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(TAXII);
    return Json.parse(r.body());
  }

  @ParameterizedTest // 4.1, 4.2
  @MethodSource("stores")
  void discoveryAndApiRoot(String kind) {
    TestNode node = NODES.node(kind);
    JsonNode d = ok(node.get("/taxii2/", node.adminAuth()));
    assertThat(d.get("title").asText()).isNotEmpty();
    assertThat(Json.texts(d, "api_roots", null)).containsExactly("/taxii2/api/");
    assertThat(d.get("default").asText()).isEqualTo("/taxii2/api/");
    JsonNode root = ok(node.get("/taxii2/api/", node.adminAuth()));
    assertThat(Json.texts(root, "versions", null)).contains(TAXII);
    assertThat(root.get("max_content_length").asLong()).isPositive();
  }

  @ParameterizedTest // 5.1, 5.2, 3.3 (consistent order), 2 (identifier is a UUIDv4)
  @MethodSource("stores")
  void collectionsAreListedInAStableOrderWithPermissions(String kind) {
    TestNode node = NODES.node(kind);
    String a = node.collection("list-a-" + kind);
    JsonNode first = ok(node.get("/taxii2/api/collections/", node.adminAuth()));
    JsonNode second = ok(node.get("/taxii2/api/collections/", node.adminAuth()));
    assertThat(first).isEqualTo(second);
    List<String> ids = Json.texts(first, "collections", "id");
    assertThat(ids).contains(a);
    ids.forEach(id -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
    JsonNode one = ok(node.get("/taxii2/api/collections/" + a + "/", node.adminAuth()));
    assertThat(one.get("id").asText()).isEqualTo(a);
    assertThat(one.get("can_read").isBoolean()).isTrue();
    assertThat(one.get("can_write").isBoolean()).isTrue();
    assertThat(Json.texts(one, "media_types", null))
        .containsExactly("application/stix+json;version=2.1");
    assertThat(
            node.get("/taxii2/api/collections/" + UUID.randomUUID() + "/", node.adminAuth())
                .statusCode())
        .isEqualTo(404);
  }

  @ParameterizedTest // 5.5, 4.3: 202 with a status resource; a bad object refused alone
  @MethodSource("stores")
  void addObjectsAnswers202WithAStatusThatNamesRefusedObjects(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("add-" + kind);
    String good = indicator(newId());
    String bad = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + newId() + "\"}";
    var r = node.post(objects(c), node.adminAuth(), envelope(good, bad, "42"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode s = Json.parse(r.body());
    assertThat(s.get("status").asText()).isEqualTo("complete");
    assertThat(s.get("total_count").asInt()).isEqualTo(3);
    assertThat(s.get("success_count").asInt()).isEqualTo(1);
    assertThat(s.get("failure_count").asInt()).isEqualTo(2);
    assertThat(s.get("pending_count").asInt()).isZero();
    assertThat(s.get("failures").get(0).get("message").asText()).contains("pattern", "is required");
    assertThat(s.get("failures").get(1).get("id").asText()).isEqualTo("objects[2]");
    JsonNode again =
        ok(node.get("/taxii2/api/status/" + s.get("id").asText() + "/", node.adminAuth()));
    assertThat(again).isEqualTo(s);
    assertThat(
            node.get("/taxii2/api/status/" + UUID.randomUUID() + "/", node.adminAuth())
                .statusCode())
        .isEqualTo(404);
    JsonNode held = ok(node.get(objects(c), node.adminAuth()));
    assertThat(Json.texts(held, "objects", "id")).hasSize(1);
  }

  @ParameterizedTest // 3.3, 3.5, 3.2: date-added order, limit, more/next, headers
  @MethodSource("stores")
  void pagingWithNextAndWithAddedAfterCoversEveryObjectOnce(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("paging-" + kind);
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> batch = StixFixtures.indicators(7);
      batch.forEach(o -> posted.add(Json.parse(o).get("id").asText()));
      assertThat(node.post(objects(c), node.adminAuth(), envelope(batch)).statusCode())
          .isEqualTo(202);
    }
    // next
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      var r =
          node.get(
              objects(c) + "?limit=5" + (next == null ? "" : "&next=" + next), node.adminAuth());
      JsonNode e = ok(r);
      List<String> ids = Json.texts(e, "objects", "id");
      assertThat(ids.size()).isLessThanOrEqualTo(5);
      seen.addAll(ids);
      assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
      assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last")).isPresent();
      next = e.path("more").asBoolean() ? e.get("next").asText() : null;
    } while (next != null);
    assertThat(seen).containsExactlyElementsOf(posted);
    // added_after with X-TAXII-Date-Added-Last
    seen.clear();
    String after = null;
    while (true) {
      var r =
          node.get(
              objects(c) + "?limit=6" + (after == null ? "" : "&added_after=" + after),
              node.adminAuth());
      JsonNode e = ok(r);
      seen.addAll(Json.texts(e, "objects", "id"));
      if (!e.path("more").asBoolean()) {
        break;
      }
      after = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
      assertThat(after).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }
    assertThat(seen).containsExactlyElementsOf(posted);
  }

  @ParameterizedTest // 3.4, 3.4.1: match[id|type|version|spec_version], ANDed, values ORed
  @MethodSource("stores")
  void matchFilters(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("match-" + kind);
    String id = newId();
    String other = newId();
    String v1 = indicator(id, "2024-01-01T00:00:00.000Z", Tlp.NONE);
    String v2 = indicator(id, "2024-02-01T00:00:00.000Z", Tlp.NONE);
    String v3 = indicator(id, "2024-03-01T00:00:00.000Z", Tlp.NONE);
    String identity =
        "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--"
            + UUID.randomUUID()
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"x\"}";
    String legacy =
        "{\"type\":\"malware\",\"id\":\"malware--"
            + UUID.randomUUID()
            + "\",\"created\":\"2016-01-01T00:00:00.000Z\",\"modified\":\"2016-01-01T00:00:00.000Z\",\"name\":\"m\",\"labels\":[\"x\"]}";
    node.post(
        objects(c), node.adminAuth(), envelope(v2, v1, indicator(other), identity, v3, legacy));
    var a = node.adminAuth();
    assertThat(ids(node, c, "?match[type]=identity", a)).hasSize(1);
    assertThat(ids(node, c, "?match[type]=identity,malware", a)).hasSize(2);
    assertThat(ids(node, c, "?match[type]=campaign", a)).isEmpty();
    assertThat(versions(node, c, "?match[id]=" + id, a))
        .containsExactly("2024-03-01T00:00:00.000Z");
    assertThat(versions(node, c, "?match[id]=" + id + "&match[version]=all", a))
        .containsExactly(
            "2024-02-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
    assertThat(versions(node, c, "?match[id]=" + id + "&match[version]=first", a))
        .containsExactly("2024-01-01T00:00:00.000Z");
    assertThat(versions(node, c, "?match[id]=" + id + "&match[version]=first,last", a))
        .containsExactly("2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
    assertThat(versions(node, c, "?match[id]=" + id + "&match[version]=2024-02-01T00:00:00Z", a))
        .containsExactly("2024-02-01T00:00:00.000Z");
    assertThat(ids(node, c, "?match[spec_version]=2.0", a)).hasSize(1);
    assertThat(ids(node, c, "?match[spec_version]=2.1&match[type]=malware", a)).isEmpty();
    assertThat(ids(node, c, "?match[id]=" + id + "," + other, a)).hasSize(2);
    assertThat(ids(node, c, "?match[unknown]=x", a)).hasSize(4); // unknown fields are ignored
  }

  @ParameterizedTest // 3.4: malformed filters are 400
  @MethodSource("stores")
  void malformedFiltersAre400(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("bad-filters-" + kind);
    for (String q :
        List.of(
            "?added_after=yesterday",
            "?added_after=2024-01-01T00:00:00Z&added_after=2024-01-01T00:00:00Z",
            "?limit=0",
            "?limit=-3",
            "?limit=ten",
            "?next=abc",
            "?match[version]=all,last",
            "?match[version]=last,last",
            "?match[version]=soon",
            "?match[type]=",
            "?match[spec_version]=two")) {
      var r = node.get(objects(c) + q, node.adminAuth());
      assertThat(r.statusCode()).as(q + " -> " + r.body()).isEqualTo(400);
      assertThat(Json.parse(r.body()).get("title").asText()).isNotEmpty();
      assertThat(Json.parse(r.body()).get("http_status").asText()).isEqualTo("400");
    }
  }

  @ParameterizedTest // 5.3: manifest
  @MethodSource("stores")
  void manifestDescribesEachObject(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("manifest-" + kind);
    String id = newId();
    node.post(
        objects(c),
        node.adminAuth(),
        envelope(indicator(id, "2024-05-05T05:05:05.123Z", Tlp.NONE)));
    var r = node.get("/taxii2/api/collections/" + c + "/manifest/", node.adminAuth());
    JsonNode m = ok(r);
    JsonNode entry = m.get("objects").get(0);
    assertThat(entry.get("id").asText()).isEqualTo(id);
    assertThat(entry.get("version").asText()).isEqualTo("2024-05-05T05:05:05.123Z");
    assertThat(entry.get("media_type").asText()).isEqualTo("application/stix+json;version=2.1");
    assertThat(entry.get("date_added").asText())
        .isEqualTo(r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow());
  }

  @ParameterizedTest // 5.6, 5.8, 5.7: object by id, versions, delete
  @MethodSource("stores")
  void objectByIdVersionsAndDelete(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("by-id-" + kind);
    String id = newId();
    node.post(
        objects(c),
        node.adminAuth(),
        envelope(
            indicator(id, "2024-01-01T00:00:00.000Z", Tlp.NONE),
            indicator(id, "2024-06-01T00:00:00.000Z", Tlp.NONE)));
    String path = objects(c) + id + "/";
    JsonNode one = ok(node.get(path, node.adminAuth()));
    assertThat(Json.texts(one, "objects", "modified")).containsExactly("2024-06-01T00:00:00.000Z");
    assertThat(
            Json.texts(
                ok(node.get(path + "?match[version]=all", node.adminAuth())),
                "objects",
                "modified"))
        .hasSize(2);
    JsonNode versions = ok(node.get(path + "versions/", node.adminAuth()));
    assertThat(Json.texts(versions, "versions", null))
        .containsExactly("2024-01-01T00:00:00.000Z", "2024-06-01T00:00:00.000Z");
    assertThat(node.get(objects(c) + newId() + "/", node.adminAuth()).statusCode()).isEqualTo(404);
    assertThat(node.get(objects(c) + newId() + "/versions/", node.adminAuth()).statusCode())
        .isEqualTo(404);
    var del =
        node.send(
            node.request(path + "?match[version]=2024-06-01T00:00:00.000Z", node.adminAuth())
                .DELETE()
                .build());
    assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
    assertThat(Json.texts(ok(node.get(path, node.adminAuth())), "objects", "modified"))
        .containsExactly("2024-01-01T00:00:00.000Z");
    assertThat(node.send(node.request(path, node.adminAuth()).DELETE().build()).statusCode())
        .isEqualTo(200);
    assertThat(node.get(path, node.adminAuth()).statusCode()).isEqualTo(404);
    assertThat(ids(node, c, "", node.adminAuth())).isEmpty();
    assertThat(ok(node.get(objects(c), node.adminAuth())).size()).isZero(); // an empty envelope: {}
  }

  @ParameterizedTest // 1.6.8, 3.1: media types, 406 and 415; 5.5: 413
  @MethodSource("stores")
  void mediaTypesAndSizes(String kind) {
    TestNode node = NODES.node(kind);
    String c = node.collection("media-" + kind);
    var noAccept =
        node.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(node.server().url() + "/taxii2/"))
                .header("Authorization", node.adminAuth())
                .build());
    assertThat(noAccept.statusCode()).isEqualTo(406);
    assertThat(
            node.send(
                    node.request("/taxii2/", node.adminAuth())
                        .setHeader("Accept", "application/json")
                        .build())
                .statusCode())
        .isEqualTo(406);
    assertThat(
            node.send(
                    node.request("/taxii2/", node.adminAuth())
                        .setHeader("Accept", "application/taxii+json;version=2.0")
                        .build())
                .statusCode())
        .isEqualTo(406);
    assertThat(
            node.send(
                    node.request("/taxii2/", node.adminAuth())
                        .setHeader("Accept", "application/taxii+json")
                        .build())
                .statusCode())
        .isEqualTo(200);
    var wrongType =
        node.send(
            node.request(objects(c), node.adminAuth())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope()))
                .build());
    assertThat(wrongType.statusCode()).isEqualTo(415);
    long max = ok(node.get("/taxii2/api/", node.adminAuth())).get("max_content_length").asLong();
    var big =
        node.post(
            objects(c), node.adminAuth(), "{\"objects\":[\"" + "x".repeat((int) max) + "\"]}");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(Json.parse(big.body()).get("http_status").asText()).isEqualTo("413");
    assertThat(node.post(objects(c), node.adminAuth(), "{\"objects\":[{").statusCode())
        .isEqualTo(400);
    assertThat(node.post(objects(c), node.adminAuth(), "[]").statusCode()).isEqualTo(400);
  }

  @ParameterizedTest // 1.6.9: 401 with WWW-Authenticate
  @MethodSource("stores")
  void withoutCredentials401WithAChallenge(String kind) {
    TestNode node = NODES.node(kind);
    for (String auth :
        new String[] {null, TestNode.basic(TestNode.ADMIN, "wrong"), "Bearer nope", "Digest x"}) {
      var r = node.get("/taxii2/", auth);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("Basic"));
      assertThat(r.headers().firstValue("Content-Type")).hasValue(TAXII);
    }
  }

  private static List<String> ids(TestNode node, String c, String query, String auth) {
    return Json.texts(ok(node.get(objects(c) + query, auth)), "objects", "id");
  }

  private static List<String> versions(TestNode node, String c, String query, String auth) {
    return Json.texts(ok(node.get(objects(c) + query, auth)), "objects", "modified");
  }
}
