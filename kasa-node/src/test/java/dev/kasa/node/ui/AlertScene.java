package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.alert.AlertSettings;
import dev.kasa.node.alert.Triage;
import dev.kasa.node.alert.Triaged;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.AssetResolver;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.FindingLog;
import java.util.ArrayList;
import java.util.List;

/**
 * What the alert pages' tests share: a node with protected assets, an analyst and a sensor, a
 * stored indicator (confidence 75) its detector matches, and finding lines written to the store the
 * way the node's recorder writes them (for rules and hostile values no real rule set produces).
 */
final class AlertScene {
  static final String ANALYST = "ana";
  static final String ANALYST_PASSWORD = "ana-password-1";
  static final String SENSOR = "sen";
  static final String SENSOR_PASSWORD = "sen-password-1";

  /** Markup in an event's host, matched value, context and a rule's title. */
  static final String HOSTILE_HOST = "\"><img src=x onerror=window.kasaPwned=1>";

  static final String HOSTILE_TITLE = "<script>window.kasaPwned=2</script>";
  static final String HOSTILE_VALUE = "<b onmouseover=window.kasaPwned=3>bold</b>";

  static final List<Asset> ASSETS =
      List.of(
          new Asset(
              "hq-dmz",
              AssetKind.NETWORK,
              List.of(Cidr.parse("203.0.113.0/24")),
              List.of(),
              "soc",
              Sector.GOVERNMENT,
              5,
              List.of("dmz")),
          new Asset(
              "ws01",
              AssetKind.HOST,
              List.of(Cidr.parse("10.7.0.5")),
              List.of("ws01"),
              "it",
              Sector.DEFENSE,
              2,
              List.of()));

  private AlertScene() {}

  /**
   * Adds the users and assets, stores an indicator of 203.0.113.7 in the collection {@code c};
   * returns its STIX id.
   */
  static String prepare(TestNode node, String c) {
    try (NodeAdmin admin = node.admin()) {
      admin.addUser(
          ANALYST, Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, ANALYST_PASSWORD)));
      admin.addUser(SENSOR, Role.SENSOR, List.of(new Secret(SecretKind.PASSWORD, SENSOR_PASSWORD)));
    }
    node.server().store().assets().put(ASSETS);
    String indicator = StixFixtures.newId();
    var r =
        node.post(
            "/taxii2/api/collections/" + c + "/objects/",
            node.adminAuth(),
            StixFixtures.envelope(
                StixFixtures.indicator(indicator)
                    .replace("\"name\":", "\"confidence\":75,\"name\":")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    node.awaitAccess();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while ((node.server().detector().status().indicators() == 0
            || node.server().assets().assets().isEmpty())
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(node.server().detector().status().indicators()).isEqualTo(1);
    return indicator;
  }

  /** An indicator hit on {@code ip} (as the source) with no stored object behind it. */
  static String hit(String indicatorId, int confidence, String actor, String ip) {
    return "{\"kind\":\"indicator\",\"file\":\"syslog:test\",\"line\":1,"
        + "\"time\":\"2026-03-01T00:00:00.000Z\",\"field\":\"src_ip\",\"value\":\""
        + ip
        + "\",\"indicator\":{\"id\":\""
        + indicatorId
        + "\",\"type\":\"ipv4-addr\",\"value\":\""
        + ip
        + "\",\"confidence\":"
        + confidence
        + ",\"actors\":"
        + (actor == null ? "[]" : "[\"" + actor + "\"]")
        + ",\"state_sponsored\":"
        + (actor != null)
        + ",\"techniques\":[\"T1071\"],\"technique_names\":{\"T1071\":\"Application Layer"
        + " Protocol\"}},\"provenance\":{\"source\":\"file\",\"name\":\"feed.csv\"}}";
  }

  /** A Sigma match whose title, host, matched value and context are markup. */
  static String hostileRule() {
    return "{\"kind\":\"sigma\",\"file\":\"syslog:test\",\"line\":7,"
        + "\"time\":\"2026-03-01T00:00:00.000Z\",\"context\":{\"host\":"
        + json(HOSTILE_HOST)
        + ",\"source\":{\"ip\":\"10.7.0.5\",\"port\":4444},\"fields\":{\"user\":"
        + json(HOSTILE_VALUE)
        + "}},\"rule\":{\"id\":\"hostile-1\",\"title\":"
        + json(HOSTILE_TITLE)
        + ",\"level\":\"high\",\"tags\":[],\"techniques\":[]},\"fields\":{\"CommandLine\":"
        + json(HOSTILE_VALUE)
        + "}}";
  }

  /** Stores finding lines as the node's recorder does: triaged against {@link #ASSETS}. */
  static void record(TestNode node, List<String> lines) {
    var resolver = new AssetResolver(ASSETS);
    var findings = new ArrayList<FindingLog.NewFinding>();
    var triaged = new ArrayList<Triaged>();
    for (String l : lines) {
      String kind = l.startsWith("{\"kind\":\"sigma\"") ? "sigma" : "indicator";
      findings.add(new FindingLog.NewFinding(kind, SENSOR, null, l));
      triaged.add(Triage.of(l, resolver));
    }
    node.server().store().findings().append(findings, triaged, AlertSettings.DEFAULT);
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
