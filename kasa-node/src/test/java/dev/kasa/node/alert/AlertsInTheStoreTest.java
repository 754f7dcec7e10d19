package dev.kasa.node.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kasa.KasaException;
import dev.kasa.node.SettableClock;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.AssetResolver;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.FindingLog;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Triage of finding lines into alerts and the analysts' changes, on SQLite and PostgreSQL. */
class AlertsInTheStoreTest {
  @TempDir Path tmp;

  static final AssetResolver ASSETS =
      new AssetResolver(
          List.of(
              new Asset(
                  "base7-lan",
                  AssetKind.NETWORK,
                  List.of(Cidr.parse("10.7.0.0/16")),
                  List.of(),
                  null,
                  Sector.DEFENSE,
                  4,
                  List.of()),
              new Asset(
                  "ws01",
                  AssetKind.HOST,
                  List.of(Cidr.parse("10.7.0.5")),
                  List.of("ws01"),
                  "it",
                  Sector.DEFENSE,
                  2,
                  List.of())));

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  static String hit(String indicatorId, int confidence, String field, String value, String more) {
    return "{\"kind\":\"indicator\",\"file\":\"http\",\"line\":1,\"field\":\""
        + field
        + "\",\"value\":\""
        + value
        + "\",\"indicator\":{\"id\":\""
        + indicatorId
        + "\",\"type\":\"ipv4-addr\",\"value\":\"203.0.113.7\",\"confidence\":"
        + confidence
        + ",\"actors\":[\"Sandworm\"],\"state_sponsored\":true}"
        + more
        + "}";
  }

  @Test
  void theContextSaysWhichSideIsOursAndTheMostSpecificAssetWins() {
    String line =
        hit(
            "indicator--1",
            10,
            "dest_ip",
            "203.0.113.7",
            ",\"context\":{\"source\":{\"ip\":\"10.7.0.5\",\"port\":49152},"
                + "\"destination\":{\"ip\":\"203.0.113.7\",\"port\":443}}");
    Triaged t = Triage.of(line, ASSETS);
    assertThat(t.asset()).isEqualTo("ws01");
    assertThat(t.side()).isEqualTo(dev.kasa.node.asset.AssetTouch.Side.SOURCE);
    assertThat(t.actor()).isEqualTo("Sandworm");
    // Band low (10), criticality 2 (no step), state-sponsored (one step): medium.
    assertThat(t.priority()).isEqualTo(Priority.MEDIUM);

    Triaged fallback = Triage.of(hit("indicator--1", 75, "id.orig_h", "10.7.9.9", ""), ASSETS);
    assertThat(fallback.asset()).isEqualTo("base7-lan");
    assertThat(fallback.side()).isEqualTo(dev.kasa.node.asset.AssetTouch.Side.SOURCE);
    assertThat(fallback.priority()).isEqualTo(Priority.CRITICAL);

    Triaged rule =
        Triage.of(
            "{\"kind\":\"sigma\",\"rule\":{\"id\":\"r-1\",\"title\":\"Odd <b>\",\"level\":"
                + "\"informational\"},\"fields\":{\"Computer\":\"elsewhere\"}}",
            ASSETS);
    assertThat(rule)
        .isEqualTo(new Triaged("rule:r-1", "Odd <b>", null, null, null, null, false, Priority.LOW));
  }

  @Test
  void aPlainLineTouchesItsSendingHostAndTheValueItNames() {
    // A firewall line over syslog: the sender is the host, the matched value one of ours.
    String sent =
        hit("indicator--2", 50, "message", "203.0.113.7", ",\"context\":{\"host\":\"ws01\"}");
    assertThat(Triage.of(sent, ASSETS).asset()).isEqualTo("ws01");
    String named =
        hit("indicator--2", 50, "message", "10.7.44.1", ",\"context\":{\"host\":\"fw-9\"}");
    assertThat(Triage.of(named, ASSETS).asset()).isEqualTo("base7-lan");
    // A connection's ends say which side is ours.
    String flow =
        hit(
            "indicator--2",
            50,
            "dest_ip",
            "203.0.113.7",
            ",\"context\":{\"host\":\"fw-9\",\"source\":{\"ip\":\"10.7.44.1\"},"
                + "\"destination\":{\"ip\":\"203.0.113.7\"}}");
    Triaged t = Triage.of(flow, ASSETS);
    assertThat(t.asset()).isEqualTo("base7-lan");
    assertThat(t.side()).isEqualTo(dev.kasa.node.asset.AssetTouch.Side.SOURCE);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void findingsGroupPerDetectionAndAssetWithinTheWindowAndChangesAreAudited(String kind) {
    var clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    var settings = new AlertSettings(Duration.ofHours(1), 3);
    try (Store store = Store.open(TestDatabases.location(kind, tmp), clock)) {
      var lines = new ArrayList<String>();
      for (int i = 0; i < 5; i++) {
        lines.add(hit("indicator--1", 80, "src_ip", "10.7.0.5", ""));
      }
      lines.add(hit("indicator--1", 80, "src_ip", "10.7.3.3", ""));
      record(store, lines, settings);
      clock.advanceMillis(Duration.ofMinutes(30).toMillis());
      record(store, List.of(hit("indicator--1", 80, "src_ip", "10.7.0.5", "")), settings);

      AlertStore alerts = store.alerts();
      var all = alerts.list(AlertStore.Filter.ALL, null, 10).alerts();
      assertThat(all).extracting(StoredAlert::asset).containsExactly("ws01", "base7-lan");
      StoredAlert ws = all.getFirst();
      assertThat(ws.count()).isEqualTo(6);
      assertThat(ws.firstSeen()).isLessThan(ws.lastSeen());
      assertThat(ws.priority()).isEqualTo(Priority.CRITICAL); // high, state-sponsored
      assertThat(alerts.findings(ws.id())).as("max-findings kept").hasSize(3);
      assertThat(all.get(1).priority()).isEqualTo(Priority.CRITICAL); // high, crit. 4, state
      assertThat(alerts.daily(0)).containsExactly(new long[] {20513, 3, 7});

      // Past the window a new alert opens; closed alerts take no more findings.
      clock.advanceMillis(Duration.ofMinutes(31).toMillis());
      record(store, List.of(hit("indicator--1", 80, "src_ip", "10.7.0.5", "")), settings);
      assertThat(
              alerts.list(new AlertStore.Filter(null, null, "ws01", null, null), null, 10).alerts())
          .extracting(StoredAlert::count)
          .containsExactly(1L, 6L);

      var changed =
          alerts.change(
              ws.id(), "analyst", new AlertStore.Change(AlertStatus.ACKNOWLEDGED, "ana", "mine"));
      assertThat(changed[1].status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
      assertThat(changed[1].assignee()).isEqualTo("ana");
      alerts.change(
          ws.id(), "analyst", new AlertStore.Change(AlertStatus.FALSE_POSITIVE, null, null));
      assertThatThrownBy(
              () ->
                  alerts.change(
                      ws.id(), "analyst", new AlertStore.Change(AlertStatus.NEW, null, null)))
          .isInstanceOf(KasaException.class)
          .hasMessageContaining("cannot go from false_positive to new");
      assertThat(alerts.comments(ws.id()))
          .extracting(AlertStore.Comment::text)
          .containsExactly("mine");
      var audited = new ArrayList<String>();
      store
          .audit()
          .read(AuditLog.Filter.ALL, e -> audited.add(e.event().kind() + " " + e.event().detail()));
      assertThat(audited)
          .filteredOn(s -> s.startsWith("alert-change"))
          .hasSize(2)
          .anyMatch(s -> s.contains("\"to\":\"false_positive\""));
      assertThat(store.audit().verify()).isEmpty();

      // Filters and cursor paging: each alert once, newest first.
      var high =
          alerts.list(
              new AlertStore.Filter(AlertStatus.NEW, Priority.HIGH, null, "Sandworm", null),
              null,
              1);
      assertThat(high.alerts()).hasSize(1);
      var next =
          alerts.list(
              new AlertStore.Filter(AlertStatus.NEW, Priority.HIGH, null, "Sandworm", null),
              high.next(),
              1);
      assertThat(next.alerts()).hasSize(1).doesNotContainAnyElementsOf(high.alerts());
      assertThat(next.next()).isNull();
      assertThat(alerts.openBy("asset", 10))
          .containsExactlyInAnyOrder(
              new AlertStore.Count("ws01", 1), new AlertStore.Count("base7-lan", 1));
      assertThat(alerts.openBy("priority", 10))
          .containsExactly(new AlertStore.Count("critical", 2));
      assertThat(alerts.openFor(List.of("ws01", "elsewhere"))).containsExactly(entry("ws01", 1L));
      // Several statuses: merged newest first, paged by the same cursor.
      var open = java.util.EnumSet.of(AlertStatus.NEW, AlertStatus.ACKNOWLEDGED);
      var first = alerts.list(open, AlertStore.Filter.ALL, null, 1);
      var second = alerts.list(open, AlertStore.Filter.ALL, first.next(), 1);
      assertThat(first.alerts().getFirst().lastSeen())
          .isGreaterThanOrEqualTo(second.alerts().getFirst().lastSeen());
      assertThat(second.next()).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aBatchOfManyGroupsFindsEachGroupsOpenAlertAndOpensTheOthers(String kind) {
    var clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    var settings = new AlertSettings(Duration.ofHours(1), 3);
    try (Store store = Store.open(TestDatabases.location(kind, tmp), clock)) {
      // More detections than one lookup of open alerts takes, on two assets.
      var first = new ArrayList<String>();
      for (int i = 0; i < 600; i++) {
        first.add(hit("indicator--" + i, 80, "src_ip", "10.7.0.5", ""));
      }
      first.add(hit("indicator--0", 80, "src_ip", "10.7.3.3", ""));
      record(store, first, settings);
      clock.advanceMillis(Duration.ofMinutes(10).toMillis());
      var second = new ArrayList<String>();
      for (int i = 0; i < 602; i++) {
        second.add(hit("indicator--" + i, 80, "src_ip", "10.7.0.5", ""));
        second.add(hit("indicator--" + i, 80, "src_ip", "10.7.0.5", ""));
      }
      second.add(hit("indicator--0", 80, "src_ip", "10.7.3.3", ""));
      second.add(hit("indicator--1", 80, "src_ip", "10.7.3.3", ""));
      record(store, second, settings);

      AlertStore alerts = store.alerts();
      var counts = new java.util.TreeMap<String, Long>();
      for (StoredAlert a : alerts.list(AlertStore.Filter.ALL, null, 10_000).alerts()) {
        assertThat(counts.put(a.detection() + " " + a.asset(), a.count())).isNull();
        assertThat(alerts.findings(a.id())).hasSize((int) Math.min(3, a.count()));
      }
      assertThat(counts).hasSize(604);
      assertThat(counts)
          .contains(
              entry("indicator:indicator--0 ws01", 3L),
              entry("indicator:indicator--599 ws01", 3L),
              entry("indicator:indicator--600 ws01", 2L),
              entry("indicator:indicator--601 ws01", 2L),
              entry("indicator:indicator--0 base7-lan", 2L),
              entry("indicator:indicator--1 base7-lan", 1L));
      assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(601 + 1206);
    }
  }

  private static void record(Store store, List<String> lines, AlertSettings settings) {
    var findings = new ArrayList<FindingLog.NewFinding>();
    var triaged = new ArrayList<Triaged>();
    for (String l : lines) {
      findings.add(new FindingLog.NewFinding("indicator", "sensor", null, l));
      triaged.add(Triage.of(l, ASSETS));
    }
    store.findings().append(findings, triaged, settings);
  }
}
