package dev.kasa.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.cli.Kasa;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.tls.NodeCertificate;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa demo watch --exit} end to end: the demo makes its node, replays its telemetry through
 * a real syslog socket and a tailed folder and stops; the test then serves the node directory it
 * left and reads, over HTTPS with the printed login, the alerts and findings the replay made.
 */
class WatchDemoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void theReplayedTelemetryLeavesAlertsThatThePrintedAnalystReadsOverTheApi() throws Exception {
    Path base = tmp.resolve("watch");
    var o = new StringWriter();
    var e = new StringWriter();
    int status =
        Kasa.run(
            new String[] {"demo", "watch", "--exit", "--dir", base.toString()},
            InputStream.nullInputStream(),
            new PrintWriter(o),
            new PrintWriter(e),
            Clock.systemUTC());
    String out = o.toString();
    assertThat(status).as(out + e).isZero();
    assertThat(out).containsPattern("web UI   https://127\\.0\\.0\\.1:\\d+/ui/");
    Matcher login = Pattern.compile("login    analyst / ([0-9a-f]{24})").matcher(out);
    assertThat(login.find()).as(out).isTrue();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("analyst:" + login.group(1)).getBytes(StandardCharsets.UTF_8));

    Path dir = base.resolve("base7");
    try (var log = new PrintStream(Files.newOutputStream(tmp.resolve("node.log")));
        var server =
            NodeServer.start(
                NodeHome.open(dir),
                new NodeConfig.Listen("127.0.0.1", 0),
                Clock.systemUTC(),
                log)) {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(
                  NodeCertificate.pinnedClientContext(
                      NodeCertificate.readCertificate(dir.resolve("tls").resolve("cert.pem"))))
              .build();
      JsonNode alerts =
          get(client, server.url() + "/kasa/v1/alerts?limit=500", auth).path("alerts");
      var titles = new ArrayList<String>();
      var assets = new HashSet<String>();
      alerts.forEach(
          a -> {
            titles.add(a.path("title").asText());
            assets.add(a.path("asset").asText());
          });
      // The Sysmon events (tailed) hit the base's Sigma rule on the quartermaster's workstation,
      // an asset of criticality 5: high, one step up.
      assertThat(alerts.findValuesAsText("priority")).contains("critical");
      assertThat(titles).contains("Office Application Starts a Program From a User Temp Folder");
      assertThat(assets).contains("quartermaster-ws", "freight-desk", "base7-mail");
      // The allies' intelligence attributes its indicators (STIX relationships, MISP galaxies):
      // the alerts name the state-sponsored group, as kasa scan's findings do.
      var actors = new HashSet<String>();
      alerts.forEach(
          a -> {
            if (a.path("state_sponsored").asBoolean()) {
              actors.add(a.path("actor").asText());
            }
          });
      assertThat(actors).containsExactlyInAnyOrder("STORM HALBERD", "Storm Halberd");

      Set<String> sensors = new HashSet<>();
      for (JsonNode f :
          get(client, server.url() + "/kasa/v1/findings?limit=1000", auth).path("findings")) {
        sensors.add(f.path("sensor").asText());
      }
      // Both paths delivered: the syslog listener and the tailed folder.
      assertThat(sensors).containsExactlyInAnyOrder("ingest:suricata", "ingest:sensors");
    }
  }

  private static JsonNode get(HttpClient client, String url, String auth) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
