package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * The live detector's findings, in the order they were stored: appended by the events endpoint,
 * read by analysts in pages after a cursor. Cursors are the rows' sequence numbers; appends are
 * serialised in this process so that sequence order is commit order and a reader paging while
 * findings arrive never skips one.
 */
public final class FindingLog {
  private final Store store;

  FindingLog(Store store) {
    this.store = store;
  }

  /**
   * A finding to store.
   *
   * @param kind {@code indicator}, {@code sigma} or {@code correlation}
   * @param sensor the principal that posted the events
   * @param source the stored object it came from, or null
   * @param line the finding as one JSON object (its JSON line, without the line end)
   */
  public record NewFinding(String kind, String sensor, StoredSource source, String line) {
    public NewFinding {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(sensor, "sensor");
      Objects.requireNonNull(line, "line");
    }
  }

  /** The stored object a finding came from: collection UUID, STIX id and version. */
  public record StoredSource(String collectionId, String stixId, String version) {
    public StoredSource {
      Objects.requireNonNull(collectionId, "collectionId");
      Objects.requireNonNull(stixId, "stixId");
    }
  }

  /** A stored finding; {@code foundAt} in microseconds since the epoch. */
  public record StoredFinding(
      long seq, long foundAt, String kind, String sensor, StoredSource source, String line) {}

  /** A page of findings and whether more follow. */
  public record Page(List<StoredFinding> findings, boolean more) {
    public Page {
      findings = List.copyOf(findings);
    }
  }

  /** Stores {@code findings} in one transaction, in order, without alerts. */
  public void append(List<NewFinding> findings) {
    append(findings, null, dev.kasa.node.alert.AlertSettings.DEFAULT);
  }

  /**
   * Stores {@code findings} and, when {@code triaged} is not null (one per finding, in the same
   * order), their alerts, in one transaction.
   */
  public void append(
      List<NewFinding> findings,
      List<dev.kasa.node.alert.Triaged> triaged,
      dev.kasa.node.alert.AlertSettings settings) {
    if (findings.isEmpty()) {
      return;
    }
    if (triaged != null && triaged.size() != findings.size()) {
      throw new IllegalArgumentException(
          triaged.size() + " triaged for " + findings.size() + " findings");
    }
    long now = store.nowMicros();
    synchronized (store.findingWrites()) {
      store.write(
          h -> {
            // Writes are serialised (findingWrites), so the rows after the largest are ours.
            long before =
                triaged == null
                    ? 0
                    : h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM finding")
                        .mapTo(Long.class)
                        .one();
            var batch =
                h.prepareBatch(
                    "INSERT INTO finding (found_at, kind, sensor, collection, stix_id, version,"
                        + " line) VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (NewFinding f : findings) {
              StoredSource s = f.source();
              batch
                  .bind(0, now)
                  .bind(1, f.kind())
                  .bind(2, f.sensor())
                  .bind(3, s == null ? null : s.collectionId())
                  .bind(4, s == null ? null : s.stixId())
                  .bind(5, s == null ? null : s.version())
                  .bind(6, f.line())
                  .add();
            }
            batch.execute();
            if (triaged != null) {
              List<Long> seqs =
                  h.createQuery("SELECT seq FROM finding WHERE seq > :b ORDER BY seq")
                      .bind("b", before)
                      .mapTo(Long.class)
                      .list();
              FindingAlerts.add(h, now, seqs, findings, triaged, settings);
            }
            return null;
          });
    }
  }

  /** The first {@code limit} findings after sequence number {@code after}. */
  public Page after(long after, int limit) {
    List<StoredFinding> rows =
        store.call(
            h ->
                h.createQuery(
                        "SELECT seq, found_at, kind, sensor, collection, stix_id, version, line"
                            + " FROM finding WHERE seq > :after ORDER BY seq LIMIT :limit")
                    .bind("after", after)
                    .bind("limit", limit + 1)
                    .map(
                        (rs, ctx) ->
                            new StoredFinding(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5) == null
                                    ? null
                                    : new StoredSource(
                                        rs.getString(5), rs.getString(6), rs.getString(7)),
                                rs.getString(8)))
                    .list());
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  /**
   * The newest version of {@code stixId} held in the collection, or null: what a finding names as
   * the stored object it came from.
   */
  public String newestVersion(String collectionId, String stixId) {
    return store.call(
        h -> {
          Long col = CollectionCatalog.keyById(h, collectionId).orElse(null);
          if (col == null) {
            return null;
          }
          // From the id's versions to their entries: no index on collection_entry starts with
          // the id, and SQLite would scan the collection's newest entries (CROSS JOIN fixes the
          // order there; PostgreSQL plans it the same way on its own).
          return h.createQuery(
                  "SELECT v.version FROM object_version v CROSS JOIN collection_entry e"
                      + " WHERE v.stix_id = :id AND e.col = :col AND e.ver = v.ver AND e.latest = "
                      + store.dialect().yes())
              .bind("col", col)
              .bind("id", stixId)
              .mapTo(String.class)
              .findFirst()
              .orElse(null);
        });
  }
}
