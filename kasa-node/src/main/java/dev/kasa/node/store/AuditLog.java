package dev.kasa.node.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit chain in the store: append-only (the database refuses updates and deletes), each entry
 * numbered without gaps and hashed over its content and the previous entry's hash, the head (last
 * number and hash) kept beside it so that a missing tail shows. Appends are serialised by locking
 * the head row in the appending transaction. Entries given to {@link #appendSoon} are committed
 * shortly after the call returns, by one writer for many callers; every read here first waits for
 * them, so that this process reads what it has appended.
 */
public final class AuditLog {
  /** The hash before the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private final Store store;

  AuditLog(Store store) {
    this.store = store;
  }

  /** Which entries to read; null fields do not filter. */
  public record Filter(Long sinceMicros, String principal, String objectId) {
    public static final Filter ALL = new Filter(null, null, null);
  }

  /**
   * Which entries a page shows, newest first; null fields do not filter.
   *
   * @param sinceMicros at or after this time
   * @param untilMicros before this time
   * @param beforeSeq only entries numbered below this ({@link Long#MAX_VALUE} for the newest)
   * @param limit at most this many entries (1 to 1000)
   */
  public record PageQuery(
      Long sinceMicros,
      Long untilMicros,
      String principal,
      String objectId,
      long beforeSeq,
      int limit) {
    public PageQuery {
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be 1 to 1000 but was " + limit);
      }
    }
  }

  /** A page of entries, newest first; {@code more} when older entries match too. */
  public record Page(List<AuditEntry> entries, boolean more) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /** The newest entries the query lets through, below its {@code beforeSeq}. */
  public Page page(PageQuery q) {
    flushQueued();
    return store.call(
        h -> {
          var sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_entry");
          sql.append(" WHERE seq < :before");
          if (q.sinceMicros() != null) {
            sql.append(" AND at >= :since");
          }
          if (q.untilMicros() != null) {
            sql.append(" AND at < :until");
          }
          if (q.principal() != null) {
            sql.append(" AND principal = :principal");
          }
          if (q.objectId() != null) {
            sql.append(" AND objects LIKE :like");
          }
          sql.append(" ORDER BY seq DESC LIMIT :batch");
          var out = new java.util.ArrayList<AuditEntry>();
          long before = q.beforeSeq();
          int batch = q.limit() + 1;
          while (out.size() <= q.limit()) {
            Query query = h.createQuery(sql.toString()).bind("before", before);
            if (q.sinceMicros() != null) {
              query.bind("since", q.sinceMicros());
            }
            if (q.untilMicros() != null) {
              query.bind("until", q.untilMicros());
            }
            if (q.principal() != null) {
              query.bind("principal", q.principal());
            }
            if (q.objectId() != null) {
              // LIKE narrows; the exact id check below decides (an id may contain '_' or '%').
              query.bind("like", "%" + q.objectId() + "%");
            }
            List<AuditEntry> rows = query.bind("batch", batch).map((rs, ctx) -> entry(rs)).list();
            for (AuditEntry e : rows) {
              if (q.objectId() == null || e.objects().contains(q.objectId())) {
                out.add(e);
              }
            }
            if (rows.size() < batch) {
              break;
            }
            before = rows.get(rows.size() - 1).seq();
          }
          boolean more = out.size() > q.limit();
          return new Page(more ? out.subList(0, q.limit()) : out, more);
        });
  }

  /**
   * Queues {@code events}, in order, to be appended by the store's audit writer together with other
   * callers' events: for the serve path, whose pages would otherwise each wait for a commit of
   * their own. They are committed within milliseconds, before any read of the chain through this
   * store and before the store closes; a process killed outright may lose the last of them.
   */
  public void appendSoon(List<AuditEvent> events) {
    store.auditQueue().add(events);
  }

  // Reads wait for the queued entries, so that the chain read is the one this process wrote.
  private void flushQueued() {
    store.auditQueue().flush(30_000);
  }

  /** Appends {@code events}, in order, in one transaction of their own. */
  public void append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    store.write(
        h -> {
          append(store, h, events);
          return null;
        });
  }

  /** Appends {@code events} in the caller's write transaction (with the change they record). */
  static void append(Store store, Handle h, List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Object[] head =
        h.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1" + store.dialect().forUpdate())
            .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .one();
    long seq = (Long) head[0];
    String prev = (String) head[1];
    long at = store.nowMicros();
    var insert =
        h.prepareBatch(
            "INSERT INTO audit_entry (seq, at, kind, principal, collection, rule, objects, detail,"
                + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (AuditEvent e : events) {
      seq++;
      String hash = hash(seq, at, e, prev);
      insert
          .bind(0, seq)
          .bind(1, at)
          .bind(2, e.kind())
          .bind(3, e.principal())
          .bind(4, e.collection())
          .bind(5, e.rule())
          .bind(6, e.objects().isEmpty() ? null : String.join(" ", e.objects()))
          .bind(7, e.detail())
          .bind(8, prev)
          .bind(9, hash)
          .add();
      prev = hash;
    }
    insert.execute();
    h.createUpdate("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")
        .bind(0, seq)
        .bind(1, prev)
        .execute();
  }

  /** Every entry the filter lets through, in order. */
  public void read(Filter f, Consumer<AuditEntry> out) {
    flushQueued();
    store.call(
        h -> {
          var sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_entry");
          var where = new java.util.ArrayList<String>();
          if (f.sinceMicros() != null) {
            where.add("at >= :since");
          }
          if (f.principal() != null) {
            where.add("principal = :principal");
          }
          if (f.objectId() != null) {
            where.add("objects LIKE :like");
          }
          if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
          }
          sql.append(" ORDER BY seq");
          Query q = h.createQuery(sql.toString());
          if (f.sinceMicros() != null) {
            q.bind("since", f.sinceMicros());
          }
          if (f.principal() != null) {
            q.bind("principal", f.principal());
          }
          if (f.objectId() != null) {
            q.bind("like", "%" + f.objectId() + "%");
          }
          try (var rows = q.map((rs, ctx) -> entry(rs)).stream()) {
            rows.filter(e -> f.objectId() == null || e.objects().contains(f.objectId()))
                .forEach(out);
          }
          return null;
        });
  }

  /**
   * Checks the chain from its first entry: numbers without gaps, each entry's previous hash the
   * hash of the one before, each hash matching its content, and the head naming the last entry.
   *
   * @return empty when the chain is intact, else what is wrong with the first bad entry
   */
  public Optional<String> verify() {
    flushQueued();
    return store.call(
        h -> {
          long[] expected = {1};
          String[] prev = {GENESIS};
          String[] problem = {null};
          try (var rows =
              h
                  .createQuery("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq")
                  .map((rs, ctx) -> entry(rs))
                  .stream()) {
            var it = rows.iterator();
            while (it.hasNext() && problem[0] == null) {
              AuditEntry e = it.next();
              if (e.seq() != expected[0]) {
                problem[0] =
                    "entry " + expected[0] + " is missing (the next entry is " + e.seq() + ")";
              } else if (!e.prevHash().equals(prev[0])) {
                problem[0] =
                    "entry "
                        + e.seq()
                        + ": its previous hash is not entry "
                        + (e.seq() - 1)
                        + "'s hash";
              } else if (!e.hash().equals(hash(e.seq(), e.at(), e.event(), e.prevHash()))) {
                problem[0] = "entry " + e.seq() + ": its content does not match its hash";
              }
              prev[0] = e.hash();
              expected[0]++;
            }
          }
          if (problem[0] != null) {
            return Optional.of(problem[0]);
          }
          Object[] head =
              h.createQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                  .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
                  .one();
          long last = expected[0] - 1;
          if ((Long) head[0] != last || !head[1].equals(prev[0])) {
            return Optional.of(
                "entry "
                    + (last + 1)
                    + " is missing: the chain's head names entry "
                    + head[0]
                    + " but the log ends at entry "
                    + last);
          }
          return Optional.<String>empty();
        });
  }

  /** The number of the last entry (0 when the log is empty). */
  public long lastSeq() {
    flushQueued();
    return store.call(
        h -> h.createQuery("SELECT seq FROM audit_head WHERE id = 1").mapTo(Long.class).one());
  }

  private static final String COLUMNS =
      "seq, at, kind, principal, collection, rule, objects, detail, prev_hash, hash";

  private static AuditEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    String objects = rs.getString(7);
    return new AuditEntry(
        rs.getLong(1),
        rs.getLong(2),
        new AuditEvent(
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            objects == null ? List.of() : List.of(objects.split(" ")),
            rs.getString(8)),
        rs.getString(9),
        rs.getString(10));
  }

  /** The hash of an entry: SHA-256 of the previous hash and each field, one per line. */
  static String hash(long seq, long at, AuditEvent e, String prevHash) {
    String text =
        String.join(
            "\n",
            prevHash,
            Long.toString(seq),
            Long.toString(at),
            e.kind(),
            orNull(e.principal()),
            orNull(e.collection()),
            orNull(e.rule()),
            String.join(" ", e.objects()),
            orNull(e.detail()));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java platform has SHA-256", ex);
    }
  }

  private static String orNull(String s) {
    return s == null ? "\u0000" : s;
  }
}
