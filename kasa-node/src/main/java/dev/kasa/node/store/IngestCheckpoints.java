package dev.kasa.node.store;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** How far each tailed file has been delivered ({@code ingest_checkpoint}). */
public final class IngestCheckpoints {
  private final Store store;

  IngestCheckpoints(Store store) {
    this.store = store;
  }

  /**
   * One file's checkpoint.
   *
   * @param source the configured source's name
   * @param fileKey the file's file-system identity (device and inode)
   * @param path where the file was when last read
   * @param position the bytes delivered: the next read starts here
   * @param head the file's first bytes (at most 256), to tell a replaced file from this one
   */
  public record Checkpoint(String source, String fileKey, String path, long position, byte[] head) {
    public Checkpoint {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(fileKey, "fileKey");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(head, "head");
      if (position < 0) {
        throw new IllegalArgumentException("position of " + path + " is negative: " + position);
      }
    }
  }

  /** Every checkpoint of {@code source}. */
  public List<Checkpoint> of(String source) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT source, file_key, path, position, head FROM ingest_checkpoint"
                        + " WHERE source = ? ORDER BY file_key")
                .bind(0, source)
                .map(
                    (rs, ctx) ->
                        new Checkpoint(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            HexFormat.of().parseHex(rs.getString(5))))
                .list());
  }

  /** Stores {@code c}, replacing the file's earlier checkpoint. */
  public void save(Checkpoint c) {
    store.write(
        h ->
            h.createUpdate(
                    "INSERT INTO ingest_checkpoint (source, file_key, path, position, head,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, file_key)"
                        + " DO UPDATE SET path = excluded.path, position = excluded.position,"
                        + " head = excluded.head, updated_at = excluded.updated_at")
                .bind(0, c.source())
                .bind(1, c.fileKey())
                .bind(2, c.path())
                .bind(3, c.position())
                .bind(4, HexFormat.of().formatHex(c.head()))
                .bind(5, store.nowMicros())
                .execute());
  }

  /** Forgets a file that is gone or finished. */
  public void forget(String source, String fileKey) {
    store.write(
        h ->
            h.createUpdate("DELETE FROM ingest_checkpoint WHERE source = ? AND file_key = ?")
                .bind(0, source)
                .bind(1, fileKey)
                .execute());
  }
}
