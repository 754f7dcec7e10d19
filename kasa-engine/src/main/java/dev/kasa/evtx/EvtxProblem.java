package dev.kasa.evtx;

import java.util.Objects;

/**
 * A part of an EVTX file that could not be read: it was skipped (or, for a checksum, read with
 * care) and the rest of the file was read.
 *
 * @param chunk the chunk's index in the file (0 for the first), or -1 for the file header
 * @param offset the byte offset in the file where the problem is
 * @param recordId the event record identifier when the problem is one record's, else -1
 * @param reason what is wrong, and what was skipped
 */
public record EvtxProblem(long chunk, long offset, long recordId, String reason) {
  public EvtxProblem {
    Objects.requireNonNull(reason, "reason");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
  }

  /** {@code chunk 3, offset 0x31200, record 42: reason} (parts that do not apply left out). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(chunk < 0 ? "file header" : "chunk " + chunk);
    s.append(", offset 0x").append(Long.toHexString(offset));
    if (recordId >= 0) {
      s.append(", record ").append(recordId);
    }
    return s.append(": ").append(reason).toString();
  }
}
