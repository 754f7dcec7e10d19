package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.alert.AlertSettings;
import dev.kasa.node.alert.AlertStatus;
import dev.kasa.node.alert.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Alerts: findings grouped per (detection, asset) within {@link AlertSettings#window()}, written in
 * the findings' own transaction (so no finding is stored without its alert; {@link FindingAlerts}),
 * and the analysts' changes to them, each audited as {@code alert-change} in the same transaction.
 */
public final class AlertStore {
  private static final String COLUMNS =
      "id, detection, title, asset, side, sector, actor, state_sponsored, priority, status,"
          + " assignee, finding_count, first_seen, last_seen, collection, stix_id";

  private final Store store;

  AlertStore(Store store) {
    this.store = store;
  }

  /** Which alerts to list; null members do not filter. */
  public record Filter(
      AlertStatus status, Priority minPriority, String asset, String actor, String detection) {
    public static final Filter ALL = new Filter(null, null, null, null, null);
  }

  /** A position in the newest-first list: the last row's last_seen and id. */
  public record Cursor(long lastSeen, long id) {
    /** Parses {@code LASTSEEN.ID}, as {@link #toString()} writes it. */
    public static Cursor parse(String text) {
      int dot = text.indexOf('.');
      try {
        return new Cursor(
            Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
      } catch (RuntimeException e) {
        throw new KasaException(ErrorCode.BAD_VALUE, "cursor '" + text + "' is not one we gave");
      }
    }

    @Override
    public String toString() {
      return lastSeen + "." + id;
    }
  }

  /** A page of alerts, newest first, and the cursor of the next page or null. */
  public record Page(List<StoredAlert> alerts, Cursor next) {
    public Page {
      alerts = List.copyOf(alerts);
    }
  }

  /** A comment on an alert; {@code at} in microseconds since the epoch. */
  public record Comment(long id, String author, long at, String text) {}

  /** An analyst's change; null members change nothing. */
  public record Change(AlertStatus status, String assignee, String comment) {}

  /** The alerts the filter lets through, newest (last seen) first, after {@code after}. */
  public Page list(Filter f, Cursor after, int limit) {
    String sql = listSql(f, after != null);
    List<StoredAlert> rows =
        store.call(
            h -> {
              var q = h.createQuery(sql).bind("limit", limit + 1);
              if (f.status() != null) {
                q.bind("status", f.status().label());
              }
              if (f.minPriority() != null) {
                q.bind("priority", f.minPriority().ordinal());
              }
              if (f.asset() != null) {
                q.bind("asset", f.asset());
              }
              if (f.actor() != null) {
                q.bind("actor", f.actor());
              }
              if (f.detection() != null) {
                q.bind("detection", f.detection());
              }
              if (after != null) {
                q.bind("ls", after.lastSeen()).bind("id", after.id());
              }
              return q.map((rs, ctx) -> row(rs)).list();
            });
    boolean more = rows.size() > limit;
    List<StoredAlert> page = more ? rows.subList(0, limit) : rows;
    StoredAlert last = page.isEmpty() ? null : page.getLast();
    return new Page(page, more ? new Cursor(last.lastSeen(), last.id()) : null);
  }

  /** The list's query (AlertQueryPlansTest checks its plan). */
  static String listSql(Filter f, boolean after) {
    var where = new ArrayList<String>();
    if (f.status() != null) {
      where.add("status = :status");
    }
    if (f.minPriority() != null) {
      where.add("priority >= :priority");
    }
    if (f.asset() != null) {
      where.add("asset = :asset");
    }
    if (f.actor() != null) {
      where.add("actor = :actor");
    }
    if (f.detection() != null) {
      where.add("detection = :detection");
    }
    if (after) {
      where.add("(last_seen < :ls OR (last_seen = :ls AND id < :id))");
    }
    return "SELECT "
        + COLUMNS
        + " FROM alert"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY last_seen DESC, id DESC LIMIT :limit";
  }

  /**
   * The alerts in any of {@code statuses} (all when empty) that the rest of the filter lets
   * through, newest first. One index-backed query per status, merged: an {@code IN} over the
   * leading column of the (status, last_seen) index would have the database sort every match.
   */
  public Page list(java.util.Set<AlertStatus> statuses, Filter f, Cursor after, int limit) {
    if (statuses.size() <= 1) {
      AlertStatus only = statuses.isEmpty() ? f.status() : statuses.iterator().next();
      return list(
          new Filter(only, f.minPriority(), f.asset(), f.actor(), f.detection()), after, limit);
    }
    var merged = new ArrayList<StoredAlert>();
    boolean more = false;
    for (AlertStatus s : statuses) {
      Page p =
          list(new Filter(s, f.minPriority(), f.asset(), f.actor(), f.detection()), after, limit);
      merged.addAll(p.alerts());
      more |= p.next() != null;
    }
    merged.sort(
        java.util.Comparator.comparingLong(StoredAlert::lastSeen)
            .thenComparingLong(StoredAlert::id)
            .reversed());
    more |= merged.size() > limit;
    List<StoredAlert> page = merged.size() > limit ? merged.subList(0, limit) : merged;
    StoredAlert last = page.isEmpty() ? null : page.getLast();
    return new Page(page, more && last != null ? new Cursor(last.lastSeen(), last.id()) : null);
  }

  /** One alert. */
  public Optional<StoredAlert> get(long id) {
    return store.call(h -> get(h, id, ""));
  }

  /** The findings kept for an alert, oldest first. */
  public List<FindingLog.StoredFinding> findings(long id) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT f.seq, f.found_at, f.kind, f.sensor, f.collection, f.stix_id,"
                        + " f.version, f.line FROM alert_finding a JOIN finding f ON f.seq = a.seq"
                        + " WHERE a.alert = :id ORDER BY f.seq")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new FindingLog.StoredFinding(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5) == null
                                ? null
                                : new FindingLog.StoredSource(
                                    rs.getString(5), rs.getString(6), rs.getString(7)),
                            rs.getString(8)))
                .list());
  }

  /** The comments on an alert, oldest first. */
  public List<Comment> comments(long id) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT id, author, at, text FROM alert_comment WHERE alert = :id ORDER BY id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new Comment(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list());
  }

  /**
   * Applies an analyst's change and audits it ({@code alert-change}) in one transaction.
   *
   * @return the alert before and after
   * @throws KasaException {@link ErrorCode#USAGE} when there is no such alert, {@link
   *     ErrorCode#BAD_VALUE} when the status may not follow the current one
   */
  public StoredAlert[] change(long id, String principal, Change c) {
    return store.write(
        h -> {
          StoredAlert before =
              get(h, id, store.dialect().forUpdate())
                  .orElseThrow(() -> new KasaException(ErrorCode.USAGE, "no alert " + id));
          AlertStatus status = before.status();
          if (c.status() != null && c.status() != status) {
            if (!status.mayBecome(c.status())) {
              throw new KasaException(
                  ErrorCode.BAD_VALUE,
                  "alert "
                      + id
                      + " cannot go from "
                      + status.label()
                      + " to "
                      + c.status().label());
            }
            status = c.status();
          }
          String assignee = c.assignee() == null ? before.assignee() : c.assignee();
          if (assignee != null && assignee.isBlank()) {
            assignee = null;
          }
          long now = store.nowMicros();
          h.createUpdate(
                  "UPDATE alert SET status = :s, assignee = :a, updated_at = :now WHERE id = :id")
              .bind("s", status.label())
              .bind("a", assignee)
              .bind("now", now)
              .bind("id", id)
              .execute();
          if (c.comment() != null && !c.comment().isBlank()) {
            h.createUpdate(
                    "INSERT INTO alert_comment (alert, author, at, text) VALUES (:id, :by, :now,"
                        + " :t)")
                .bind("id", id)
                .bind("by", principal)
                .bind("now", now)
                .bind("t", c.comment())
                .execute();
          }
          String detail =
              "{\"alert\":"
                  + id
                  + ",\"from\":"
                  + Json.quote(before.status().label())
                  + ",\"to\":"
                  + Json.quote(status.label())
                  + ",\"assignee\":"
                  + Json.quote(assignee)
                  + ",\"comment\":"
                  + Json.quote(c.comment())
                  + "}";
          AuditLog.append(
              store,
              h,
              List.of(
                  new AuditEvent(
                      "alert-change",
                      principal,
                      before.collection(),
                      null,
                      before.stixId() == null ? List.of() : List.of(before.stixId()),
                      detail)));
          return new StoredAlert[] {before, get(h, id, "").orElseThrow()};
        });
  }

  /** How many open alerts share a value of a column; {@code value} null when the column is. */
  public record Count(String value, long alerts) {}

  /**
   * Open alerts (new or acknowledged) counted by a column: priority (as its label), sector, asset
   * (empty: none) or actor; the {@code limit} largest counts, largest first. The partial indexes of
   * V7 hold only open alerts (and cover the query), so this reads no closed one and no row.
   */
  public List<Count> openBy(String column, int limit) {
    if (!List.of("priority", "sector", "asset", "actor").contains(column)) {
      throw new IllegalArgumentException("cannot count alerts by " + column);
    }
    return store.call(
        h ->
            h.createQuery(openBySql(store.dialect(), column))
                .bind("limit", limit)
                .map(
                    (rs, ctx) -> {
                      String v = rs.getString(1);
                      if (column.equals("priority") && v != null) {
                        v = Priority.values()[Integer.parseInt(v)].label();
                      }
                      return new Count(v, rs.getLong(2));
                    })
                .list());
  }

  /** The open-count query (AlertQueryPlansTest checks its plan). */
  static String openBySql(Dialect dialect, String column) {
    return "SELECT "
        + column
        + ", COUNT(*) AS n FROM alert"
        + dialect.alertIndexedBy("alert_open_by_" + column)
        + " WHERE status IN ('new', 'acknowledged') GROUP BY "
        + column
        + " ORDER BY n DESC, 1 LIMIT :limit";
  }

  /** Open alerts per asset, for the given assets only (absent: none open). */
  public Map<String, Long> openFor(List<String> assets) {
    if (assets.isEmpty()) {
      return Map.of();
    }
    return store.call(
        h -> {
          var out = new LinkedHashMap<String, Long>();
          h.createQuery(
                  "SELECT asset, COUNT(*) FROM alert"
                      + store.dialect().alertIndexedBy("alert_open_by_asset")
                      + " WHERE status IN ('new', 'acknowledged') AND asset IN (<assets>)"
                      + " GROUP BY asset")
              .bindList("assets", assets)
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /** Findings per UTC day (epoch days) and priority since {@code sinceDay}, oldest first. */
  public List<long[]> daily(long sinceDay) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT day, priority, findings FROM alert_day WHERE day >= :d"
                        + " ORDER BY day, priority")
                .bind("d", sinceDay)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .list());
  }

  private static Optional<StoredAlert> get(Handle h, long id, String lock) {
    return h.createQuery("SELECT " + COLUMNS + " FROM alert WHERE id = :id" + lock)
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findFirst();
  }

  private static StoredAlert row(java.sql.ResultSet rs) throws java.sql.SQLException {
    String asset = rs.getString(4);
    return new StoredAlert(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        asset.isEmpty() ? null : asset,
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        Priority.values()[rs.getInt(9)],
        AlertStatus.parse(rs.getString(10)),
        rs.getString(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getLong(14),
        rs.getString(15),
        rs.getString(16));
  }
}
