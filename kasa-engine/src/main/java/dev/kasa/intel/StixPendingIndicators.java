package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicators read but not yet emitted (their attribution and markings may come later in the
 * bundle), one row per observable, in columns of primitive arrays: a million rows are a few dozen
 * objects for the garbage collector instead of several million. Not thread-safe.
 */
final class StixPendingIndicators {
  private static final ObservableType[] TYPES = ObservableType.values();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final byte[] PREFIX = "indicator--".getBytes(StandardCharsets.US_ASCII);

  /** One row, materialised again for emission. */
  record Row(
      String id,
      int index,
      ObservableType type,
      String value,
      Instant validFrom,
      Instant validUntil,
      boolean revoked,
      int confidence,
      List<String> markingRefs) {}

  private int size;
  private long[] idHi = new long[1024];
  private long[] idLo = new long[1024];
  private int[] index = new int[1024];
  private byte[] type = new byte[1024];
  private byte[] confidence = new byte[1024];
  private boolean[] revoked = new boolean[1024];
  private long[] fromSeconds = new long[1024];
  private int[] fromNanos = new int[1024];
  private long[] untilSeconds = new long[1024];
  private int[] untilNanos = new int[1024]; // -1: open-ended
  private int[] markings = new int[1024]; // -1: none
  private int[] valueEnd = new int[1024];
  private char[] values = new char[1 << 16];
  private int valuesLength;
  private final List<List<String>> markingLists = new ArrayList<>();
  private final Map<List<String>, Integer> markingIds = new HashMap<>();

  /** Whether {@code id} has the canonical form {@code indicator--<lower-case uuid>} stored here. */
  static boolean storable(String id) {
    if (id.length() != 47 || !id.startsWith("indicator--")) {
      return false;
    }
    for (int i = 11; i < 47; i++) {
      char c = id.charAt(i);
      boolean dash = i == 19 || i == 24 || i == 29 || i == 34;
      if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Adds a row; {@code id} must be {@link #storable}. */
  void add(Row row) {
    String id = row.id();
    int objectIndex = row.index();
    ObservableType observableType = row.type();
    String value = row.value();
    Instant validFrom = row.validFrom();
    Instant validUntil = row.validUntil();
    boolean isRevoked = row.revoked();
    int conf = row.confidence();
    List<String> markingRefs = row.markingRefs();
    if (size == index.length) {
      grow();
    }
    int i = size++;
    long hi = 0;
    long lo = 0;
    int digits = 0;
    for (int k = 11; k < 47; k++) {
      char c = id.charAt(k);
      if (c == '-') {
        continue;
      }
      long d = c <= '9' ? c - '0' : c - 'a' + 10;
      if (digits++ < 16) {
        hi = hi << 4 | d;
      } else {
        lo = lo << 4 | d;
      }
    }
    idHi[i] = hi;
    idLo[i] = lo;
    index[i] = objectIndex;
    type[i] = (byte) observableType.ordinal();
    confidence[i] = (byte) conf;
    revoked[i] = isRevoked;
    fromSeconds[i] = validFrom.getEpochSecond();
    fromNanos[i] = validFrom.getNano();
    untilSeconds[i] = validUntil == null ? 0 : validUntil.getEpochSecond();
    untilNanos[i] = validUntil == null ? -1 : validUntil.getNano();
    markings[i] = markingRefs == null ? -1 : markingIds.computeIfAbsent(markingRefs, this::newList);
    if (valuesLength + value.length() > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, valuesLength + value.length()));
    }
    value.getChars(0, value.length(), values, valuesLength);
    valuesLength += value.length();
    valueEnd[i] = valuesLength;
  }

  int size() {
    return size;
  }

  Row row(int i) {
    // Latin-1 bytes make the String without the compression scan that a char[] costs.
    byte[] id = new byte[47];
    System.arraycopy(PREFIX, 0, id, 0, 11);
    int p = 11;
    for (int k = 0; k < 32; k++) {
      if (k == 8 || k == 12 || k == 16 || k == 20) {
        id[p++] = '-';
      }
      long word = k < 16 ? idHi[i] : idLo[i];
      id[p++] = (byte) HEX[(int) (word >>> (60 - 4 * (k & 15))) & 15];
    }
    int start = i == 0 ? 0 : valueEnd[i - 1];
    return new Row(
        new String(id, StandardCharsets.ISO_8859_1),
        index[i],
        TYPES[type[i]],
        new String(values, start, valueEnd[i] - start),
        Instant.ofEpochSecond(fromSeconds[i], fromNanos[i]),
        untilNanos[i] < 0 ? null : Instant.ofEpochSecond(untilSeconds[i], untilNanos[i]),
        revoked[i],
        confidence[i],
        markings[i] < 0 ? null : markingLists.get(markings[i]));
  }

  private Integer newList(List<String> refs) {
    markingLists.add(refs);
    return markingLists.size() - 1;
  }

  private void grow() {
    int n = index.length * 2;
    idHi = Arrays.copyOf(idHi, n);
    idLo = Arrays.copyOf(idLo, n);
    index = Arrays.copyOf(index, n);
    type = Arrays.copyOf(type, n);
    confidence = Arrays.copyOf(confidence, n);
    revoked = Arrays.copyOf(revoked, n);
    fromSeconds = Arrays.copyOf(fromSeconds, n);
    fromNanos = Arrays.copyOf(fromNanos, n);
    untilSeconds = Arrays.copyOf(untilSeconds, n);
    untilNanos = Arrays.copyOf(untilNanos, n);
    markings = Arrays.copyOf(markings, n);
    valueEnd = Arrays.copyOf(valueEnd, n);
  }
}
