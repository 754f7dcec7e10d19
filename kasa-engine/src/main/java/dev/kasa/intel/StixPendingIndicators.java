package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicator objects read but not yet emitted (their attribution, producer, reports and markings may
 * come later in the load), and their observables, in columns of primitive arrays: a million
 * indicators are a few dozen objects for the garbage collector instead of several million. Objects
 * are numbered in arrival order; each owns the observables added after it and before the next. Not
 * thread-safe.
 */
final class StixPendingIndicators {
  private static final ObservableType[] TYPES = ObservableType.values();
  private static final Tlp[] TLPS = Tlp.values();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final byte[] PREFIX = "indicator--".getBytes(StandardCharsets.US_ASCII);

  private int objects;
  private long[] idHi = new long[1024];
  private long[] idLo = new long[1024];
  private int[] index = new int[1024];
  private int[] bundle = new int[1024];
  private long[] modifiedSeconds = new long[1024];
  private int[] modifiedNanos = new int[1024];
  private boolean[] revoked = new boolean[1024];
  private byte[] confidence = new byte[1024];
  private byte[] tlp = new byte[1024];
  private long[] fromSeconds = new long[1024];
  private int[] fromNanos = new int[1024];
  private long[] untilSeconds = new long[1024];
  private int[] untilNanos = new int[1024]; // -1: open-ended
  private int[] markings = new int[1024]; // -1: none
  private int[] name = new int[1024]; // -1: none
  private int[] createdBy = new int[1024]; // -1: none
  private int[] firstRow = new int[1025];

  private int rows;
  private byte[] type = new byte[1024];
  private int[] valueEnd = new int[1024];
  private char[] values = new char[1 << 16];
  private int valuesLength;

  /** The rare rows with a port constraint: a map, not a column. */
  private final Map<Integer, PortConstraint> ports = new HashMap<>();

  private final List<List<String>> markingLists = new ArrayList<>();
  private final Map<List<String>, Integer> markingIds = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private final Map<String, Integer> stringIds = new HashMap<>();

  /** Whether {@code id} has the canonical form {@code indicator--<lower-case uuid>} stored here. */
  static boolean storable(String id) {
    return Indicator.isIndicatorId(id);
  }

  /**
   * Adds an indicator object (a version); the observables added next are its own. Its id must be
   * {@link #storable}.
   */
  void addObject(StixIndicator i, int objectIndex, int bundleNumber, List<String> markingRefs) {
    if (objects == index.length) {
      growObjects();
    }
    int o = objects++;
    String id = i.id();
    long hi = IndicatorIdMap.high(id);
    long lo = IndicatorIdMap.low(id);
    idHi[o] = hi;
    idLo[o] = lo;
    index[o] = objectIndex;
    bundle[o] = bundleNumber;
    Instant modified = versionOf(i);
    modifiedSeconds[o] = modified.getEpochSecond();
    modifiedNanos[o] = modified.getNano();
    revoked[o] = i.common().isRevoked();
    Integer conf = i.common().confidence();
    confidence[o] = (byte) (conf == null ? -1 : conf);
    Instant from = i.validFrom().instant();
    fromSeconds[o] = from.getEpochSecond();
    fromNanos[o] = from.getNano();
    Instant until = i.validUntil() == null ? null : i.validUntil().instant();
    untilSeconds[o] = until == null ? 0 : until.getEpochSecond();
    untilNanos[o] = until == null ? -1 : until.getNano();
    markings[o] =
        markingRefs == null ? -1 : markingIds.computeIfAbsent(markingRefs, this::newMarkingList);
    name[o] = stringId(i.name());
    createdBy[o] = stringId(i.common().createdByRef());
    firstRow[o] = rows;
    firstRow[o + 1] = rows;
  }

  /** The version time: {@code modified}, else {@code created} (STIX 2.x requires both). */
  private static Instant versionOf(StixIndicator i) {
    if (i.common().modified() != null) {
      return i.common().modified().instant();
    }
    return i.common().created() != null ? i.common().created().instant() : Instant.EPOCH;
  }

  /** Adds an observable of the last object added, with the port it also requires (or null). */
  void addObservable(ObservableType observableType, String value, PortConstraint port) {
    if (rows == type.length) {
      type = Arrays.copyOf(type, rows * 2);
      valueEnd = Arrays.copyOf(valueEnd, rows * 2);
    }
    int r = rows++;
    type[r] = (byte) observableType.ordinal();
    if (valuesLength + value.length() > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, valuesLength + value.length()));
    }
    value.getChars(0, value.length(), values, valuesLength);
    valuesLength += value.length();
    valueEnd[r] = valuesLength;
    firstRow[objects] = rows;
    if (port != null) {
      ports.put(r, port);
    }
  }

  /** The port observable row {@code r} also requires, or null. */
  PortConstraint port(int r) {
    return ports.isEmpty() ? null : ports.get(r);
  }

  int objects() {
    return objects;
  }

  String id(int o) {
    // Latin-1 bytes make the String without the compression scan that a char[] costs.
    byte[] id = new byte[47];
    System.arraycopy(PREFIX, 0, id, 0, 11);
    int p = 11;
    for (int k = 0; k < 32; k++) {
      if (k == 8 || k == 12 || k == 16 || k == 20) {
        id[p++] = '-';
      }
      long word = k < 16 ? idHi[o] : idLo[o];
      id[p++] = (byte) HEX[(int) (word >>> (60 - 4 * (k & 15))) & 15];
    }
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  /** The first 16 hex digits of the uuid of the object's id ({@link IndicatorIdMap#high}). */
  long idHigh(int o) {
    return idHi[o];
  }

  /** The last 16 hex digits of the uuid of the object's id ({@link IndicatorIdMap#low}). */
  long idLow(int o) {
    return idLo[o];
  }

  /** The object's position in its bundle's {@code objects}. */
  int index(int o) {
    return index[o];
  }

  int bundle(int o) {
    return bundle[o];
  }

  Instant modified(int o) {
    return Instant.ofEpochSecond(modifiedSeconds[o], modifiedNanos[o]);
  }

  boolean revoked(int o) {
    return revoked[o];
  }

  int confidence(int o) {
    return confidence[o];
  }

  Instant validFrom(int o) {
    return Instant.ofEpochSecond(fromSeconds[o], fromNanos[o]);
  }

  Instant validUntil(int o) {
    return untilNanos[o] < 0 ? null : Instant.ofEpochSecond(untilSeconds[o], untilNanos[o]);
  }

  /** The object's marking references (object and granular), or null when it has none. */
  List<String> markingRefs(int o) {
    return markings[o] < 0 ? null : markingLists.get(markings[o]);
  }

  void tlp(int o, Tlp t) {
    tlp[o] = (byte) t.ordinal();
  }

  Tlp tlp(int o) {
    return TLPS[tlp[o]];
  }

  /** The object's {@code name}, or null. */
  String name(int o) {
    return name[o] < 0 ? null : strings.get(name[o]);
  }

  /** The object's {@code created_by_ref}, or null. */
  String createdBy(int o) {
    return createdBy[o] < 0 ? null : strings.get(createdBy[o]);
  }

  int firstObservable(int o) {
    return firstRow[o];
  }

  int endObservable(int o) {
    return firstRow[o + 1];
  }

  ObservableType type(int r) {
    return TYPES[type[r]];
  }

  String value(int r) {
    int start = r == 0 ? 0 : valueEnd[r - 1];
    return new String(values, start, valueEnd[r] - start);
  }

  private int stringId(String s) {
    if (s == null) {
      return -1;
    }
    Integer id = stringIds.get(s);
    if (id == null) {
      id = strings.size();
      strings.add(s);
      stringIds.put(s, id);
    }
    return id;
  }

  private Integer newMarkingList(List<String> refs) {
    markingLists.add(refs);
    return markingLists.size() - 1;
  }

  private void growObjects() {
    int n = index.length * 2;
    idHi = Arrays.copyOf(idHi, n);
    idLo = Arrays.copyOf(idLo, n);
    index = Arrays.copyOf(index, n);
    bundle = Arrays.copyOf(bundle, n);
    modifiedSeconds = Arrays.copyOf(modifiedSeconds, n);
    modifiedNanos = Arrays.copyOf(modifiedNanos, n);
    revoked = Arrays.copyOf(revoked, n);
    confidence = Arrays.copyOf(confidence, n);
    tlp = Arrays.copyOf(tlp, n);
    fromSeconds = Arrays.copyOf(fromSeconds, n);
    fromNanos = Arrays.copyOf(fromNanos, n);
    untilSeconds = Arrays.copyOf(untilSeconds, n);
    untilNanos = Arrays.copyOf(untilNanos, n);
    markings = Arrays.copyOf(markings, n);
    name = Arrays.copyOf(name, n);
    createdBy = Arrays.copyOf(createdBy, n);
    firstRow = Arrays.copyOf(firstRow, n + 1);
  }
}
