package dev.kasa.bench.node;

import dev.kasa.node.NodeHome;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import dev.kasa.node.store.StoreLocation;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills a node's store with a watch floor's history for the page benchmark: {@code ASSETS}
 * protected assets, {@code ACTORS} threat actors with 100 indicators each (published to {@code
 * COLLECTION} as a STIX bundle through the admin API), and {@code ALERTS} alerts over the last
 * {@code DAYS} days, each with 1 to 5 findings, in a realistic mix of statuses and priorities.
 * Assets and intel go through the node's own API; alerts and findings, for speed, as JDBC batches
 * into the tables the node's migrations made (the store is opened first, so they are current).
 *
 * <p>Usage: {@code AlertFill NODE_DIR COLLECTION ALERTS [DAYS [ASSETS [ACTORS]]]}; defaults 90,
 * 10000, 20. Deterministic for a given argument list (seeded).
 */
public final class AlertFill {
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final String[] SECTORS = {
    "defense", "energy", "telecom", "transport", "government", "major-event"
  };
  private static final String[] STATUSES = {"new", "acknowledged", "resolved", "false_positive"};
  private static final int BATCH = 5_000;

  private AlertFill() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String collection = args[1];
    int alerts = Integer.parseInt(args[2]);
    int days = args.length > 3 ? Integer.parseInt(args[3]) : 90;
    int assetCount = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
    int actorCount = args.length > 5 ? Integer.parseInt(args[5]) : 20;
    Clock clock = Clock.systemUTC();
    long t0 = System.nanoTime();
    List<Asset> assets = assets(assetCount);
    List<String> actors = new ArrayList<>();
    for (int i = 0; i < actorCount; i++) {
      actors.add("BENCH ACTOR " + (char) ('A' + i % 26) + (i / 26 == 0 ? "" : "" + i / 26));
    }
    List<String> indicators = new ArrayList<>();
    Path bundle = Files.createTempFile("kasa-alert-fill-", ".json");
    Files.writeString(bundle, bundle(actors, indicators), StandardCharsets.UTF_8);
    try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
      admin.putAssets(assets);
      admin.addIntel(collection, List.of(bundle), Tlp.GREEN, null);
    } finally {
      Files.deleteIfExists(bundle);
    }
    long t1 = System.nanoTime();
    StoreLocation where = NodeHome.open(dir).config().store();
    long findings;
    try (Connection c = connect(where)) {
      findings = fillAlerts(c, alerts, days, assets, actors, indicators, collection, clock);
    }
    long t2 = System.nanoTime();
    System.out.printf(
        "filled assets=%d actors=%d indicators=%d alerts=%d findings=%d days=%d intel_s=%.1f"
            + " alerts_s=%.1f%n",
        assets.size(),
        actors.size(),
        indicators.size(),
        alerts,
        findings,
        days,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
  }

  private static Connection connect(StoreLocation where) throws SQLException {
    var p = new Properties();
    if (where.user() != null) {
      p.setProperty("user", where.user());
    }
    if (where.password() != null) {
      p.setProperty("password", where.password());
    }
    if (where.url().startsWith("jdbc:postgresql:")) {
      p.setProperty("reWriteBatchedInserts", "true");
    }
    Connection c = DriverManager.getConnection(where.url(), p);
    if (where.url().startsWith("jdbc:sqlite:")) {
      try (var s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 30000");
      }
    }
    c.setAutoCommit(false);
    return c;
  }

  // 200 networks of /24 (each a base, a facility or a network) and hosts inside them.
  private static List<Asset> assets(int n) {
    var out = new ArrayList<Asset>(n);
    var r = new SplittableRandom(7);
    int networks = Math.max(1, Math.min(200, n / 50));
    AssetKind[] kinds = {AssetKind.BASE, AssetKind.FACILITY, AssetKind.NETWORK};
    for (int i = 0; i < networks; i++) {
      out.add(
          new Asset(
              "net-" + i,
              kinds[i % 3],
              List.of(Cidr.parse("10." + (i / 250) + "." + (i % 250) + ".0/24")),
              List.of(),
              "owner " + (i % 17),
              Sector.parse(SECTORS[i % SECTORS.length]),
              1 + r.nextInt(5),
              List.of("bench")));
    }
    for (int i = networks; i < n; i++) {
      int net = r.nextInt(networks);
      int host = 1 + (i / networks) % 254;
      out.add(
          new Asset(
              "host-" + i,
              AssetKind.HOST,
              List.of(Cidr.parse("10." + (net / 250) + "." + (net % 250) + "." + host + "/32")),
              List.of("host-" + i + ".bench.example"),
              "owner " + (net % 17),
              Sector.parse(SECTORS[net % SECTORS.length]),
              1 + r.nextInt(5),
              List.of()));
    }
    return out;
  }

  // Each actor: a threat-actor and 100 indicators that indicate it (relationships).
  private static String bundle(List<String> actors, List<String> indicators) {
    var sb = new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--" + uuid(0, 0) + "\",");
    sb.append("\"objects\":[");
    String t = "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\"";
    boolean first = true;
    for (int a = 0; a < actors.size(); a++) {
      String actor = "threat-actor--" + uuid(1, a);
      sb.append(first ? "" : ",");
      first = false;
      sb.append("{\"type\":\"threat-actor\",\"spec_version\":\"2.1\",\"id\":\"")
          .append(actor)
          .append("\",")
          .append(t)
          .append(",\"name\":\"")
          .append(actors.get(a))
          .append("\"")
          .append(a % 3 == 0 ? ",\"threat_actor_types\":[\"nation-state\"]" : "")
          .append("}");
      for (int i = 0; i < 100; i++) {
        int k = a * 100 + i;
        String id = "indicator--" + uuid(2, k);
        indicators.add(id);
        sb.append(",{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"")
            .append(id)
            .append("\",")
            .append(t)
            .append(",\"name\":\"bench ")
            .append(k)
            .append("\",\"confidence\":")
            .append((k * 37) % 101)
            .append(",\"pattern\":\"[ipv4-addr:value = '198.18.")
            .append(k / 250)
            .append('.')
            .append(k % 250)
            .append("']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}");
        sb.append(",{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--")
            .append(uuid(3, k))
            .append("\",")
            .append(t)
            .append(",\"relationship_type\":\"indicates\",\"source_ref\":\"")
            .append(id)
            .append("\",\"target_ref\":\"")
            .append(actor)
            .append("\"}");
      }
    }
    return sb.append("]}").toString();
  }

  private static String uuid(int kind, int i) {
    return new UUID(0x6b6173610000_4000L | ((long) kind << 16), 0x8000_0000_0000_0000L | i)
        .toString();
  }

  private static long fillAlerts(
      Connection c,
      int n,
      int days,
      List<Asset> assets,
      List<String> actors,
      List<String> indicators,
      String collection,
      Clock clock)
      throws SQLException {
    long alertId = max(c, "SELECT COALESCE(MAX(id), 0) FROM alert");
    long seq = max(c, "SELECT COALESCE(MAX(seq), 0) FROM finding");
    boolean pg = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
    long now = clock.millis() * 1000L;
    long span = days * DAY_MICROS;
    var r = new SplittableRandom(42);
    Map<Long, Long> perDay = new HashMap<>(); // (epoch day * 4 + priority) → findings
    long findings = 0;
    try (PreparedStatement alert =
            c.prepareStatement(
                "INSERT INTO alert (id, detection, title, asset, side, sector, actor,"
                    + " state_sponsored, priority, status, assignee, finding_count, first_seen,"
                    + " last_seen, collection, stix_id, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement finding =
            c.prepareStatement(
                "INSERT INTO finding (seq, found_at, kind, sensor, collection, stix_id, version,"
                    + " line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement link =
            c.prepareStatement("INSERT INTO alert_finding (alert, seq) VALUES (?, ?)")) {
      for (int i = 0; i < n; i++) {
        long id = ++alertId;
        long last = now - (long) (r.nextDouble() * span);
        long first = last - r.nextLong(6 * 3_600_000_000L);
        double age = (now - last) / (double) DAY_MICROS;
        String status = status(r, age);
        int priority = priority(r);
        boolean rule = r.nextInt(100) < 15;
        int actor = r.nextInt(actors.size());
        String stixId = rule ? null : indicators.get(actor * 100 + r.nextInt(100));
        String detection = rule ? "rule:bench-rule-" + r.nextInt(30) : "indicator:" + stixId;
        // Skewed: a few assets get most alerts, as in life.
        Asset asset =
            r.nextInt(100) < 5
                ? null
                : assets.get((int) (Math.pow(r.nextDouble(), 3) * assets.size()));
        int k = r.nextInt(100) < 75 ? 1 : 2 + r.nextInt(4);
        long count = k + (r.nextInt(100) < 10 ? r.nextInt(500) : 0);
        alert.setLong(1, id);
        alert.setString(2, detection);
        alert.setString(3, rule ? "Bench rule " + detection.substring(16) : "ipv4-addr bench");
        alert.setString(4, asset == null ? "" : asset.name());
        alert.setString(5, asset == null ? null : r.nextBoolean() ? "source" : "destination");
        alert.setString(6, asset == null ? null : asset.sector().label());
        alert.setString(7, rule ? null : actors.get(actor));
        if (pg) {
          alert.setBoolean(8, !rule && actor % 3 == 0);
        } else {
          alert.setInt(8, !rule && actor % 3 == 0 ? 1 : 0);
        }
        alert.setInt(9, priority);
        alert.setString(10, status);
        alert.setString(11, status.equals("new") ? null : "analyst" + r.nextInt(12));
        alert.setLong(12, count);
        alert.setLong(13, first);
        alert.setLong(14, last);
        alert.setString(15, rule ? null : collection);
        alert.setString(16, stixId);
        alert.setLong(17, last);
        alert.addBatch();
        for (int j = 0; j < k; j++) {
          long at = k == 1 ? last : first + (last - first) * j / (k - 1);
          long s = ++seq;
          finding.setLong(1, s);
          finding.setLong(2, at);
          finding.setString(3, rule ? "sigma" : "indicator");
          finding.setString(4, "ingest:bench");
          finding.setString(5, rule ? null : collection);
          finding.setString(6, stixId);
          finding.setString(7, rule ? null : "2026-01-01T00:00:00.000Z");
          finding.setString(8, line(rule, stixId, actors.get(actor), asset, at));
          finding.addBatch();
          link.setLong(1, id);
          link.setLong(2, s);
          link.addBatch();
          perDay.merge(Math.floorDiv(at, DAY_MICROS) * 4 + priority, 1L, Long::sum);
          findings++;
        }
        if ((i + 1) % BATCH == 0 || i + 1 == n) {
          alert.executeBatch();
          finding.executeBatch();
          link.executeBatch();
          if ((i + 1) % (BATCH * 20) == 0 || i + 1 == n) {
            c.commit();
          }
        }
      }
    }
    try (PreparedStatement day =
        c.prepareStatement(
            "INSERT INTO alert_day (day, priority, findings) VALUES (?, ?, ?)"
                + " ON CONFLICT (day, priority) DO UPDATE SET findings = alert_day.findings"
                + " + excluded.findings")) {
      for (var e : perDay.entrySet()) {
        day.setLong(1, Math.floorDiv(e.getKey(), 4));
        day.setInt(2, (int) Math.floorMod(e.getKey(), 4));
        day.setLong(3, e.getValue());
        day.addBatch();
      }
      day.executeBatch();
    }
    if (pg) {
      try (var s = c.createStatement()) {
        s.execute("SELECT setval(pg_get_serial_sequence('alert', 'id'), " + alertId + ")");
        s.execute("SELECT setval(pg_get_serial_sequence('finding', 'seq'), " + seq + ")");
        s.execute("ANALYZE alert");
        s.execute("ANALYZE finding");
        s.execute("ANALYZE alert_finding");
      }
    } else {
      try (var s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    }
    c.commit();
    return findings;
  }

  // Older alerts are mostly closed; the last week's mostly open.
  private static String status(SplittableRandom r, double ageDays) {
    int p = r.nextInt(100);
    if (ageDays < 7) {
      return STATUSES[p < 50 ? 0 : p < 80 ? 1 : p < 95 ? 2 : 3];
    }
    return STATUSES[p < 5 ? 0 : p < 15 ? 1 : p < 85 ? 2 : 3];
  }

  // low 30 %, medium 40 %, high 22 %, critical 8 %.
  private static int priority(SplittableRandom r) {
    int p = r.nextInt(100);
    return p < 30 ? 0 : p < 70 ? 1 : p < 92 ? 2 : 3;
  }

  private static String line(boolean rule, String stixId, String actor, Asset asset, long at) {
    String time = java.time.Instant.ofEpochSecond(at / 1_000_000L).toString();
    String ip =
        asset == null ? "192.0.2.1" : asset.addresses().get(0).toString().replaceAll("/\\d+$", "");
    if (rule) {
      return "{\"kind\":\"sigma\",\"file\":\"syslog:bench\",\"line\":1,\"time\":\""
          + time
          + "\",\"rule\":{\"title\":\"Bench rule\",\"level\":\"high\"},\"context\":{\"host\":\""
          + ip
          + "\"}}";
    }
    return "{\"kind\":\"indicator\",\"file\":\"syslog:bench\",\"line\":1,\"time\":\""
        + time
        + "\",\"field\":\"dest_ip\",\"value\":\"198.18.0.1\",\"context\":{\"source\":{\"ip\":\""
        + ip
        + "\"},\"destination\":{\"ip\":\"198.18.0.1\"}},\"indicator\":{\"id\":\""
        + stixId
        + "\",\"type\":\"ipv4-addr\",\"value\":\"198.18.0.1\",\"tlp\":\"green\",\"actors\":[\""
        + actor
        + "\"]}}";
  }

  private static long max(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
