package dev.kasa.node.store;

import dev.kasa.node.alert.AlertSettings;
import dev.kasa.node.alert.Triaged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The alerts of a batch of just-stored findings: grouped per (detection, asset) within {@link
 * AlertSettings#window()}, an open alert of the group taking them on, else a new one. A batch costs
 * a few statements, not a few per group: the open alerts of all its groups are looked up at once,
 * and their updates and the findings they list go in one batch each (a tailed chunk's findings are
 * mostly of different groups).
 */
final class FindingAlerts {
  private static final long DAY_MICROS = 86_400_000_000L;

  /** Detections per lookup of open alerts (SQLite takes at most 32,766 parameters). */
  private static final int LOOKUP = 500;

  private FindingAlerts() {}

  private record Group(Triaged first, FindingLog.StoredSource source, List<Long> seqs, int[] best) {
    String key() {
      return key(first.detection(), asset(first));
    }

    static String key(String detection, String asset) {
      return detection + '\u0000' + asset;
    }
  }

  /** An open alert: what a group's new findings add to. */
  private record Open(long id, long findings, int priority, long firstSeen) {}

  /** Triages a batch of just-stored findings, in the caller's transaction, in order. */
  static void add(
      Handle h,
      long now,
      List<Long> seqs,
      List<FindingLog.NewFinding> findings,
      List<Triaged> triaged,
      AlertSettings settings) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < triaged.size(); i++) {
      Triaged t = triaged.get(i);
      FindingLog.StoredSource source = findings.get(i).source();
      Group g =
          groups.computeIfAbsent(
              Group.key(t.detection(), asset(t)),
              k -> new Group(t, source, new ArrayList<>(), new int[] {0}));
      g.seqs().add(seqs.get(i));
      g.best()[0] = Math.max(g.best()[0], t.priority().ordinal());
    }
    long windowStart = now - settings.window().toNanos() / 1000;
    Map<String, Open> open = open(h, groups.values(), windowStart);
    PreparedBatch updates = null;
    PreparedBatch listed = null;
    Map<Integer, Long> perPriority = new LinkedHashMap<>();
    for (Group g : groups.values()) {
      Triaged t = g.first();
      int priority = g.best()[0];
      Open o = open.get(g.key());
      long id;
      long had;
      if (o != null) {
        id = o.id();
        had = o.findings();
        priority = Math.max(priority, o.priority());
        if (updates == null) {
          // An actor known only since the alert opened (attribution shared later) is taken in.
          updates =
              h.prepareBatch(
                  "UPDATE alert SET finding_count = finding_count + :n, last_seen = :now,"
                      + " priority = :p, updated_at = :now, actor = COALESCE(actor, CAST(:actor"
                      + " AS TEXT)), state_sponsored = CASE WHEN actor IS NULL THEN :ss ELSE"
                      + " state_sponsored END WHERE id = :id");
        }
        updates
            .bind("actor", t.actor())
            .bind("ss", t.stateSponsored())
            .bind("n", g.seqs().size())
            .bind("now", now)
            .bind("p", priority)
            .bind("id", id)
            .add();
      } else {
        had = 0;
        id = insert(h, now, g, priority);
      }
      int keep = (int) Math.max(0, Math.min(g.seqs().size(), settings.maxFindings() - had));
      for (Long seq : g.seqs().subList(0, keep)) {
        if (listed == null) {
          listed = h.prepareBatch("INSERT INTO alert_finding (alert, seq) VALUES (?, ?)");
        }
        listed.bind(0, id).bind(1, seq).add();
      }
      perPriority.merge(priority, (long) g.seqs().size(), Long::sum);
    }
    if (updates != null) {
      updates.execute();
    }
    if (listed != null) {
      listed.execute();
    }
    long day = Math.floorDiv(now, DAY_MICROS);
    for (var e : perPriority.entrySet()) {
      h.createUpdate(
              "INSERT INTO alert_day (day, priority, findings) VALUES (:day, :p, :n)"
                  + " ON CONFLICT (day, priority) DO UPDATE SET findings = alert_day.findings + :n")
          .bind("day", day)
          .bind("p", e.getKey())
          .bind("n", e.getValue())
          .execute();
    }
  }

  /**
   * The open alert of each group, by its key: the newest one (by first seen, then id) still new or
   * acknowledged that opened within the window.
   */
  private static Map<String, Open> open(Handle h, Iterable<Group> groups, long windowStart) {
    var detections = new LinkedHashSet<String>();
    for (Group g : groups) {
      detections.add(g.first().detection());
    }
    List<String> all = List.copyOf(detections);
    record Row(String key, Open open) {}
    Map<String, Open> open = new HashMap<>();
    for (int from = 0; from < all.size(); from += LOOKUP) {
      h.createQuery(
              "SELECT id, finding_count, priority, first_seen, detection, asset FROM alert"
                  + " WHERE detection IN (<d>) AND first_seen >= :since"
                  + " AND status IN ('new', 'acknowledged')")
          .bindList("d", all.subList(from, Math.min(all.size(), from + LOOKUP)))
          .bind("since", windowStart)
          .map(
              (rs, ctx) ->
                  new Row(
                      Group.key(rs.getString(5), rs.getString(6)),
                      new Open(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4))))
          .forEach(r -> open.merge(r.key(), r.open(), FindingAlerts::newer));
    }
    return open;
  }

  private static Open newer(Open a, Open b) {
    if (a.firstSeen() != b.firstSeen()) {
      return a.firstSeen() > b.firstSeen() ? a : b;
    }
    return a.id() > b.id() ? a : b;
  }

  /** Opens a new alert for {@code g}; its id. */
  private static long insert(Handle h, long now, Group g, int priority) {
    Triaged t = g.first();
    FindingLog.StoredSource s = g.source();
    return h.createQuery(
            "INSERT INTO alert (detection, title, asset, side, sector, actor,"
                + " state_sponsored, priority, status, finding_count, first_seen,"
                + " last_seen, collection, stix_id, updated_at) VALUES (:d, :title, :a,"
                + " :side, :sector, :actor, :ss, :p, 'new', :n, :now, :now, :col, :sid,"
                + " :now) RETURNING id")
        .bind("d", t.detection())
        .bind("title", t.title())
        .bind("a", asset(t))
        .bind("side", t.side() == null ? null : t.side().name().toLowerCase())
        .bind("sector", t.sector())
        .bind("actor", t.actor())
        .bind("ss", t.stateSponsored())
        .bind("p", priority)
        .bind("n", g.seqs().size())
        .bind("now", now)
        .bind("col", s == null ? null : s.collectionId())
        .bind("sid", s == null ? null : s.stixId())
        .mapTo(Long.class)
        .one();
  }

  private static String asset(Triaged t) {
    return t.asset() == null ? "" : t.asset();
  }
}
