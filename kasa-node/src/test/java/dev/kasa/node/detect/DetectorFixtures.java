package dev.kasa.node.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.node.Json;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Indicators, events and requests for the detector's tests. */
final class DetectorFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SENSOR = TestNode.basic("sensor", "sensor-password");
  static final String ANALYST = TestNode.basic("analyst", "analyst-password");

  private DetectorFixtures() {}

  /** Adds a sensor and an analyst user. */
  static void users(TestNode node) {
    try (NodeAdmin admin = node.admin()) {
      admin.addUser(
          "sensor", Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, "sensor-password")));
      admin.addUser(
          "analyst", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "analyst-password")));
    }
    node.awaitAccess();
  }

  /** A STIX 2.1 indicator; {@code more} sets further properties (valid_until, revoked). */
  static ObjectNode indicator(String id, String modified, String pattern, String patternType) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "indicator");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", "2024-01-01T00:00:00.000Z");
    o.put("modified", modified);
    o.put("name", "test");
    o.put("pattern", pattern);
    o.put("pattern_type", patternType);
    o.put("valid_from", "2024-01-01T00:00:00Z");
    return o;
  }

  static ObjectNode ip(String id, String modified, String ip) {
    return indicator(id, modified, "[ipv4-addr:value = '" + ip + "']", "stix");
  }

  static String envelope(ObjectNode... objects) {
    var env = JSON.createObjectNode();
    var arr = env.putArray("objects");
    for (ObjectNode o : objects) {
      arr.add(o);
    }
    return env.toString();
  }

  static void publish(TestNode node, String collection, ObjectNode... objects) {
    var r =
        node.post(
            "/taxii2/api/collections/" + collection + "/objects/",
            node.adminAuth(),
            envelope(objects));
    if (r.statusCode() != 202 || Json.parse(r.body()).path("failure_count").asInt() != 0) {
      throw new AssertionError("publish failed: " + r.statusCode() + " " + r.body());
    }
  }

  /** A Zeek DNS record as JSON: {@code host} looked up {@code query} and asked {@code server}. */
  static String dns(long seconds, String host, String server, String query) {
    return "{\"ts\":"
        + seconds
        + ".0,\"uid\":\"C"
        + seconds
        + "\",\"id.orig_h\":\""
        + host
        + "\",\"id.resp_h\":\""
        + server
        + "\",\"query\":\""
        + query
        + "\"}\n";
  }

  static HttpResponse<String> events(TestNode node, String auth, String query, String body) {
    return node.send(
        node.request("/kasa/v1/events" + query, auth)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> events(
      TestNode node, String auth, String query, byte[] body, String encoding) {
    var b =
        node.request("/kasa/v1/events" + query, auth)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return node.send(b.build());
  }

  /** The JSON lines of an events answer (the summary is the last). */
  static List<com.fasterxml.jackson.databind.JsonNode> lines(HttpResponse<String> r) {
    List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
    for (String l : r.body().split("\n")) {
      out.add(Json.parse(l));
    }
    return out;
  }

  /** The findings (not the summary) of an events answer. */
  static List<com.fasterxml.jackson.databind.JsonNode> findings(HttpResponse<String> r) {
    var all = lines(r);
    return all.subList(0, all.size() - 1);
  }

  /** Waits (at most 20 s) until {@code condition} holds; false when it never did. */
  static boolean eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
