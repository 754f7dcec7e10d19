package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit chain as stored.
 *
 * @param seq its number: 1, 2, 3, ... without gaps
 * @param at when it was recorded, microseconds since the epoch
 * @param prevHash the previous entry's hash (64 zeros before the first)
 * @param hash SHA-256 (hex) of {@code prevHash} and this entry's content ({@link AuditLog#hash})
 */
public record AuditEntry(long seq, long at, AuditEvent event, String prevHash, String hash) {
  public AuditEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  public List<String> objects() {
    return event.objects();
  }
}
