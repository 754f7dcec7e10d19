package dev.kasa.node.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The status resources of add-objects requests. */
public final class StatusLog {
  private final Store store;

  StatusLog(Store store) {
    this.store = store;
  }

  /** Keeps a status resource. */
  public void save(StatusRecord s) {
    store.write(h -> save(h, s));
  }

  /** Keeps a status resource in the caller's write transaction. */
  static int save(Handle h, StatusRecord s) {
    return h.createUpdate(
            "INSERT INTO ingest_status (id, col, principal, status, request_timestamp,"
                + " total_count, success_count, failure_count, pending_count, details)"
                + " SELECT ?, col, ?, ?, ?, ?, ?, ?, ?, ? FROM collection WHERE id = ?")
        .bind(0, s.id())
        .bind(1, s.principal())
        .bind(2, s.status())
        .bind(3, s.requestTimestamp())
        .bind(4, s.totalCount())
        .bind(5, s.successCount())
        .bind(6, s.failureCount())
        .bind(7, s.pendingCount())
        .bind(8, s.details())
        .bind(9, s.collectionId())
        .execute();
  }

  /** The status resource with that id, if any. */
  public Optional<StatusRecord> find(String id) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT s.id, c.id, s.principal, s.status, s.request_timestamp, s.total_count,"
                        + " s.success_count, s.failure_count, s.pending_count, s.details"
                        + " FROM ingest_status s JOIN collection c ON c.col = s.col WHERE s.id = ?")
                .bind(0, id)
                .map(
                    (rs, ctx) ->
                        new StatusRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getInt(8),
                            rs.getInt(9),
                            rs.getString(10)))
                .findOne());
  }
}
