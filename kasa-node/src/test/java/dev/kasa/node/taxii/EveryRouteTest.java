package dev.kasa.node.taxii;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.Json;
import dev.kasa.node.TestNode;
import dev.kasa.stix.Tlp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enumerates the server's routes: every route must be listed here, every route that can carry
 * objects is checked to let no TLP:RED object out to a partner (the sharing seam), and every route
 * is sent malformed, oversized and wrongly typed requests, none of which may get a 5xx.
 */
class EveryRouteTest {
  @TempDir static Path tmp;
  private static TestNode node;
  private static String collection;
  private static String redId;
  private static String greenId;
  private static String partner;
  private static String statusId;

  /** Every route, with whether it can carry objects out of the node. */
  private static final Map<String, Boolean> ROUTES =
      Map.ofEntries(
          Map.entry("GET /taxii2/", false),
          Map.entry("GET /taxii2/api/", false),
          Map.entry("GET /taxii2/api/status/{status}/", false),
          Map.entry("GET /taxii2/api/collections/", false),
          Map.entry("GET /taxii2/api/collections/{collection}/", false),
          Map.entry("GET /taxii2/api/collections/{collection}/manifest/", true),
          Map.entry("GET /taxii2/api/collections/{collection}/objects/", true),
          Map.entry("POST /taxii2/api/collections/{collection}/objects/", false),
          Map.entry("GET /taxii2/api/collections/{collection}/objects/{object}/", true),
          Map.entry("DELETE /taxii2/api/collections/{collection}/objects/{object}/", false),
          Map.entry("GET /taxii2/api/collections/{collection}/objects/{object}/versions/", true),
          Map.entry("GET /kasa/v1/changes", false),
          // Events and findings are for local users only (sensors; analysts): partners get 403.
          Map.entry("POST /kasa/v1/events", false),
          Map.entry("GET /kasa/v1/findings", false),
          Map.entry("GET /kasa/v1/sources", false),
          // Alerts are for analysts and admins only.
          Map.entry("GET /kasa/v1/alerts", false),
          Map.entry("POST /kasa/v1/alerts", false),
          Map.entry("GET /kasa/v1/alerts/{id}", false),
          Map.entry("POST /kasa/v1/alerts/{id}", false));

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp, null);
    collection = node.collection("c");
    redId = newId();
    greenId = newId();
    node.post(
        "/taxii2/api/collections/" + collection + "/objects/",
        node.adminAuth(),
        envelope(
            indicator(redId, "2024-01-01T00:00:00.000Z", Tlp.RED),
            indicator(redId, "2024-02-01T00:00:00.000Z", Tlp.RED),
            indicator(greenId, "2024-01-01T00:00:00.000Z", Tlp.GREEN)));
    partner = node.partner("bravo", "bravo-pw", List.of("c"), List.of("c"));
    var posted =
        node.post(
            "/taxii2/api/collections/" + collection + "/objects/",
            partner,
            envelope(indicator(newId())));
    statusId = Json.parse(posted.body()).get("id").asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String fill(String route, String object) {
    return route
        .replace("{collection}", collection)
        .replace("{object}", object)
        .replace("{status}", statusId);
  }

  /** The API's routes: the web UI's are classified and checked by WebUiTest. */
  private static List<String> endpoints() {
    return node.server().endpoints().stream().filter(e -> !isUi(e)).toList();
  }

  private static boolean isUi(String endpoint) {
    String path = endpoint.substring(endpoint.indexOf(' ') + 1);
    return path.equals("/") || path.startsWith("/ui/");
  }

  @Test
  void everyRouteIsClassifiedHere() {
    assertThat(endpoints())
        .as("a new route must be added to ROUTES, and an object route must use SharingPolicy")
        .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
  }

  @Test
  void noRouteLetsARedObjectOutToAPartner() {
    for (String endpoint : endpoints()) {
      if (!ROUTES.getOrDefault(endpoint, true)) {
        continue;
      }
      String route = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (String object : List.of(redId, greenId)) {
        for (String query :
            List.of("", "?match[version]=all", "?match[id]=" + redId, "?match[version]=first")) {
          var r = node.get(fill(route, object) + query, partner);
          assertThat(r.statusCode()).as(endpoint + query).isLessThan(500);
          assertThat(r.body()).as(endpoint + " " + object + query).doesNotContain(redId);
          assertThat(r.body()).doesNotContain(Tlp.RED.markingId().orElseThrow());
        }
      }
      // The admin, a local user, does see it: the route really reaches the object.
      var admin = node.get(fill(route, redId) + "?match[version]=all", node.adminAuth());
      assertThat(admin.statusCode()).as(endpoint).isEqualTo(200);
      assertThat(admin.body())
          .as(endpoint)
          .contains(endpoint.endsWith("versions/") ? "2024-02-01" : redId);
    }
  }

  @Test
  void malformedOversizedAndWronglyTypedRequestsNeverGetA5xx() {
    var requests = new ArrayList<java.util.function.Supplier<HttpRequest>>();
    for (String endpoint : endpoints()) {
      String route = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (String object :
          List.of(redId, "not-an-id", "%00", "indicator--" + UUID.randomUUID(), "x".repeat(3000))) {
        String path = fill(route, object).replace("{", "").replace("}", "");
        for (String query :
            List.of(
                "",
                "?limit=99999999999999999999",
                "?next=-99999999999999999999",
                "?added_after=9999-99-99T99:99:99Z",
                "?added_after=2024-02-30T00:00:00Z",
                "?match[version]=" + "2024-01-01T00:00:00Z,".repeat(200) + "last",
                "?match[id]=" + "a,".repeat(1500) + "b",
                "?match%5Btype%5D=indicator&match[type]=malware",
                "?%zz=1",
                "?match[spec_version]=2.1&match[spec_version]=2.0")) {
          for (String method :
              List.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS")) {
            for (String accept :
                List.of(
                    "application/taxii+json;version=2.1",
                    "text/html",
                    "application/taxii+json;version=9",
                    ";;,")) {
              if (!method.equals("GET")
                  && !accept.startsWith("application/taxii+json;version=2.1")) {
                continue;
              }
              String target = path + query;
              requests.add(() -> request(target, method, accept));
            }
          }
        }
      }
    }
    int checked = 0;
    for (var supplier : requests) {
      HttpResponse<String> resp;
      HttpRequest r;
      try {
        r = supplier.get();
        resp = node.send(r);
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        continue; // the client refused to send it
      }
      assertThat(resp.statusCode()).as(r.method() + " " + r.uri()).isLessThan(500);
      if (!r.method().equals("HEAD") && resp.statusCode() >= 400) {
        assertThat(Json.parse(resp.body()).path("http_status").asText())
            .as(r.method() + " " + r.uri() + " " + resp.body())
            .isEqualTo(Integer.toString(resp.statusCode()));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void badBodiesAndHeadersGetTaxiiErrorsNotServerErrors() {
    String post = "/taxii2/api/collections/" + collection + "/objects/";
    List<String> bodies =
        List.of(
            "",
            "null",
            "[]",
            "{\"objects\":{}}",
            "{\"objects\":[null,1,\"x\",[],{}]}",
            "{\"objects\":[{\"type\":\"indicator\"}]}",
            "{\"objects\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}",
            "{\"objects\":[{\"id\":\"" + "\\u0000".repeat(100) + "\"}]}",
            "\u00ff\u00fe{}",
            "{\"objects\":[]} trailing",
            "{\"type\":\"bundle\",\"objects\":[" + indicator(newId()) + "]}");
    for (String body : bodies) {
      var r = node.post(post, partner, body);
      assertThat(r.statusCode())
          .as(body.length() > 80 ? body.substring(0, 80) : body)
          .isIn(202, 400);
    }
    for (String auth :
        List.of("Basic", "Basic !!!", "Basic " + "A".repeat(7000), "Bearer ", "bearer x y z")) {
      assertThat(node.get("/taxii2/", auth).statusCode())
          .as(auth.length() > 30 ? auth.substring(0, 30) : auth)
          .isIn(400, 401, 431);
    }
    // A body streamed past max_content_length: 413, or the connection closed while still sending.
    java.net.http.HttpResponse<String> chunkedHuge;
    try {
      chunkedHuge =
          node.send(
              node.request(post, partner)
                  .header("Content-Type", "application/taxii+json;version=2.1")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () ->
                              new java.io.InputStream() {
                                long left = (40L << 20);

                                @Override
                                public int read() {
                                  return left-- > 0 ? ' ' : -1;
                                }
                              }))
                  .build());
    } catch (java.io.UncheckedIOException e) {
      return;
    }
    assertThat(chunkedHuge.statusCode()).isIn(400, 413);
  }

  @Test
  void requestsJettyRejectsBeforeRoutingGetTaxiiErrorsToo() throws Exception {
    var ctx =
        dev.kasa.node.tls.NodeCertificate.pinnedClientContext(
            dev.kasa.node.NodeHome.open(node.dir()).certificate().certificate());
    for (String head :
        List.of(
            "GET /taxii2/?%zz=1 HTTP/1.1",
            "GET /taxii2/%zz/ HTTP/1.1", "GET /taxii2/\u0001 HTTP/1.1", "GET /taxii2/ HTTP/9.9")) {
      try (var socket =
          (javax.net.ssl.SSLSocket)
              ctx.getSocketFactory().createSocket("127.0.0.1", node.server().port())) {
        var out = socket.getOutputStream();
        out.write(
            (head
                    + "\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + partner
                    + "\r\n"
                    + "Accept: application/taxii+json\r\n"
                    + "Bad Header\r\n"
                    + "Connection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.flush();
        String response =
            new String(
                socket.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(response.substring(9, 12));
        // Jetty's HTTP parser answers an unknown protocol version 505 before any endpoint sees it.
        assertThat(status).as(head).isBetween(400, head.endsWith("9.9") ? 505 : 499);
        assertThat(response)
            .as(head)
            .contains("application/taxii+json")
            .contains("\"http_status\"");
      }
    }
  }

  private static HttpRequest request(String pathAndQuery, String method, String accept) {
    var b =
        HttpRequest.newBuilder(URI.create(node.server().url() + pathAndQuery))
            .header("Authorization", partner)
            .header("Accept", accept);
    if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      b.header("Content-Type", "application/taxii+json;version=2.1");
      b.method(method, HttpRequest.BodyPublishers.ofString("{\"objects\":[{\"type\":\"x\"}]}"));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }
}
