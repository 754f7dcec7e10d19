package dev.kasa.node.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link PlainRfc5424} read and wrote of one connection's last message header, so that the
 * next message with the same bytes is not read again: the TIMESTAMP it found valid, and the
 * HOSTNAME, APP-NAME, PROCID, MSGID and STRUCTURED-DATA ({@code -}) bytes with the JSON members it
 * wrote for them and the sender. A sender's host, application, process and message id rarely change
 * between its messages; a timestamp repeats within its precision. The header of a message depends
 * on these bytes alone, so equal bytes give the same members. Not thread-safe: one per receiving
 * connection ({@link EventBatch}).
 */
final class HeaderMemo {
  private final byte[] time = new byte[64];
  private int timeLength = -1;
  // HOSTNAME through the STRUCTURED-DATA '-', as received; -1: none yet.
  private byte[] fields = new byte[128];
  private int fieldsLength = -1;
  private String sender;
  // What was written for them: ,"hostname":… through the sender member.
  private byte[] members = new byte[256];
  private int membersLength;

  /** Whether {@code b[s, e)} is the TIMESTAMP last {@linkplain #validTime found valid}. */
  boolean sameTime(byte[] b, int s, int e) {
    return e - s == timeLength && Arrays.equals(b, s, e, time, 0, timeLength);
  }

  /** Remembers {@code b[s, e)} (at most 64 bytes) as a valid TIMESTAMP. */
  void validTime(byte[] b, int s, int e) {
    System.arraycopy(b, s, time, 0, e - s);
    timeLength = e - s;
  }

  /**
   * Where the bytes after the remembered fields start when {@code b[s, end)} begins with them and
   * the sender is the same, else -1.
   */
  int after(byte[] b, int s, int end, String from) {
    int n = fieldsLength;
    if (n < 0
        || end - s < n
        || !Objects.equals(from, sender)
        || !Arrays.equals(b, s, s + n, fields, 0, n)) {
      return -1;
    }
    return s + n;
  }

  /** Writes the members remembered with the fields. */
  void writeMembers(EventBytes out) {
    out.write(members, 0, membersLength);
  }

  /**
   * Remembers the fields {@code b[s, e)} (HOSTNAME through the STRUCTURED-DATA '-') of a message
   * from {@code from}, and the members written for them, {@code written[ws, we)}.
   */
  void remember(byte[] b, int s, int e, String from, byte[] written, int ws, int we) {
    if (fields.length < e - s) {
      fields = new byte[e - s];
    }
    if (members.length < we - ws) {
      members = new byte[we - ws];
    }
    System.arraycopy(b, s, fields, 0, e - s);
    fieldsLength = e - s;
    System.arraycopy(written, ws, members, 0, we - ws);
    membersLength = we - ws;
    sender = from;
  }
}
