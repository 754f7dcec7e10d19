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
 * come later in the load), and their observables, in pages of primitive arrays: a million
 * indicators are a few hundred objects for the garbage collector instead of several million, and
 * the pages are filled once, never copied to grow (a column that doubles allocates and copies as
 * much again, and the copies are what the young collections of a cold load spend their time on).
 * Objects are numbered in arrival order; each owns the observables added after it and before the
 * next. Not thread-safe while adding; once added, any number of threads may read.
 */
final class StixPendingIndicators {
  private static final ObservableType[] TYPES = ObservableType.values();
  private static final Tlp[] TLPS = Tlp.values();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final byte[] PREFIX = "indicator--".getBytes(StandardCharsets.US_ASCII);
  // Marking lists remembered by identity (markingsId).
  private static final int RECENT = 4;

  // An object is STRIDE longs in a page of OBJECTS_PER_PAGE objects; two ints share a long.
  private static final int PAGE_SHIFT = 12;
  private static final int OBJECTS_PER_PAGE = 1 << PAGE_SHIFT;
  private static final int STRIDE = 11;
  private static final int ID_HI = 0;
  private static final int ID_LO = 1;
  private static final int MODIFIED_SECONDS = 2;
  private static final int FROM_SECONDS = 3;
  private static final int UNTIL_SECONDS = 4;
  private static final int INDEX_BUNDLE = 5;
  private static final int MODIFIED_FROM_NANOS = 6;
  private static final int UNTIL_NANOS_MARKINGS =
      7; // until nanos -1: open-ended; markings -1: none
  private static final int NAME_CREATED_BY = 8; // -1: none
  private static final int FIRST_END_ROW = 9;
  private static final int FLAGS = 10; // revoked (bit 16), confidence + 1 (bits 8-15), tlp (0-7)

  // An observable row is one long: type (8 bits), value page (24), offset (20), length (12).
  private static final int ROW_SHIFT = 13;
  private static final int ROWS_PER_PAGE = 1 << ROW_SHIFT;
  private static final int VALUE_PAGE = 1 << 20;
  private static final int MAX_PAGED_VALUE = (1 << 12) - 1;

  private int objects;
  private long[][] objectPages = new long[16][];

  private int rows;
  private long[][] rowPages = new long[16][];

  /** Latin-1 bytes of the values, each within one page. */
  private byte[][] valuePages = new byte[16][];

  private int valuePageCount;
  private int valueOffset = VALUE_PAGE; // the current page is full: the first value starts one

  /** The rare values that are not Latin-1 or longer than a row can say: a map, not a page. */
  private final Map<Integer, String> otherValues = new HashMap<>();

  /** The rare rows with a port constraint: a map, not a column. */
  private final Map<Integer, PortConstraint> ports = new HashMap<>();

  private final List<List<String>> markingLists = new ArrayList<>();
  private final Map<List<String>, Integer> markingIds = new HashMap<>();
  private final Object[] recentMarkings = new Object[RECENT];
  private final int[] recentMarkingIds = new int[RECENT];
  private int nextRecent;
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
    int o = objects;
    int page = o >>> PAGE_SHIFT;
    if (page == objectPages.length) {
      objectPages = Arrays.copyOf(objectPages, 2 * page);
    }
    if (objectPages[page] == null) {
      objectPages[page] = new long[OBJECTS_PER_PAGE * STRIDE];
    }
    long[] c = objectPages[page];
    int at = (o & (OBJECTS_PER_PAGE - 1)) * STRIDE;
    String id = i.id();
    c[at + ID_HI] = IndicatorIdMap.high(id);
    c[at + ID_LO] = IndicatorIdMap.low(id);
    c[at + INDEX_BUNDLE] = pair(objectIndex, bundleNumber);
    Instant modified = versionOf(i);
    Instant from = i.validFrom().instant();
    c[at + MODIFIED_SECONDS] = modified.getEpochSecond();
    c[at + FROM_SECONDS] = from.getEpochSecond();
    c[at + MODIFIED_FROM_NANOS] = pair(modified.getNano(), from.getNano());
    Instant until = i.validUntil() == null ? null : i.validUntil().instant();
    c[at + UNTIL_SECONDS] = until == null ? 0 : until.getEpochSecond();
    int markings = markingRefs == null ? -1 : markingsId(markingRefs);
    c[at + UNTIL_NANOS_MARKINGS] = pair(until == null ? -1 : until.getNano(), markings);
    c[at + NAME_CREATED_BY] = pair(stringId(i.name()), stringId(i.common().createdByRef()));
    c[at + FIRST_END_ROW] = pair(rows, rows);
    Integer conf = i.common().confidence();
    c[at + FLAGS] =
        (i.common().isRevoked() ? 1 << 16 : 0) | (conf == null ? 0 : (conf + 1) & 0xff) << 8;
    objects = o + 1;
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
    int r = rows;
    int page = r >>> ROW_SHIFT;
    if (page == rowPages.length) {
      rowPages = Arrays.copyOf(rowPages, 2 * page);
    }
    if (rowPages[page] == null) {
      rowPages[page] = new long[ROWS_PER_PAGE];
    }
    long row = (long) observableType.ordinal() << 56;
    int n = value.length();
    if (n == 0) {
      // no bytes: the row's length says it all
    } else if (n <= MAX_PAGED_VALUE && isLatin1(value)) {
      if (valueOffset + n > VALUE_PAGE) {
        if (valuePageCount == valuePages.length) {
          valuePages = Arrays.copyOf(valuePages, 2 * valuePageCount);
        }
        valuePages[valuePageCount++] = new byte[VALUE_PAGE];
        valueOffset = 0;
      }
      byte[] bytes = valuePages[valuePageCount - 1];
      for (int k = 0; k < n; k++) {
        bytes[valueOffset + k] = (byte) value.charAt(k);
      }
      row |= (long) (valuePageCount - 1) << 32 | (long) valueOffset << 12 | n;
      valueOffset += n;
    } else {
      otherValues.put(r, value);
    }
    rowPages[page][r & (ROWS_PER_PAGE - 1)] = row;
    rows = r + 1;
    int last = objects - 1;
    long[] c = objectPages[last >>> PAGE_SHIFT];
    int at = (last & (OBJECTS_PER_PAGE - 1)) * STRIDE + FIRST_END_ROW;
    c[at] = pair(high(c[at]), rows);
    if (port != null) {
      ports.put(r, port);
    }
  }

  private static boolean isLatin1(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) > 0xff) {
        return false;
      }
    }
    return true;
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
    long hi = field(o, ID_HI);
    long lo = field(o, ID_LO);
    for (int k = 0; k < 32; k++) {
      if (k == 8 || k == 12 || k == 16 || k == 20) {
        id[p++] = '-';
      }
      long word = k < 16 ? hi : lo;
      id[p++] = (byte) HEX[(int) (word >>> (60 - 4 * (k & 15))) & 15];
    }
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  /** The first 16 hex digits of the uuid of the object's id ({@link IndicatorIdMap#high}). */
  long idHigh(int o) {
    return field(o, ID_HI);
  }

  /** The last 16 hex digits of the uuid of the object's id ({@link IndicatorIdMap#low}). */
  long idLow(int o) {
    return field(o, ID_LO);
  }

  /** The object's position in its bundle's {@code objects}. */
  int index(int o) {
    return high(field(o, INDEX_BUNDLE));
  }

  int bundle(int o) {
    return low(field(o, INDEX_BUNDLE));
  }

  /** The number of observables added, of all objects. */
  int rows() {
    return rows;
  }

  long modifiedSeconds(int o) {
    return field(o, MODIFIED_SECONDS);
  }

  int modifiedNanos(int o) {
    return high(field(o, MODIFIED_FROM_NANOS));
  }

  long validFromSeconds(int o) {
    return field(o, FROM_SECONDS);
  }

  int validFromNanos(int o) {
    return low(field(o, MODIFIED_FROM_NANOS));
  }

  /** The seconds of {@code valid_until}; meaningless when {@link #validUntilNanos} is -1. */
  long validUntilSeconds(int o) {
    return field(o, UNTIL_SECONDS);
  }

  /** The nanoseconds of {@code valid_until}, or -1 when the object has none. */
  int validUntilNanos(int o) {
    return high(field(o, UNTIL_NANOS_MARKINGS));
  }

  /** Whether some observable has a port constraint. */
  boolean hasPorts() {
    return !ports.isEmpty();
  }

  Instant modified(int o) {
    return Instant.ofEpochSecond(field(o, MODIFIED_SECONDS), high(field(o, MODIFIED_FROM_NANOS)));
  }

  boolean revoked(int o) {
    return (field(o, FLAGS) & 1 << 16) != 0;
  }

  /** The object's {@code confidence}, or -1 when it has none. */
  int confidence(int o) {
    return (int) (field(o, FLAGS) >>> 8 & 0xff) - 1;
  }

  Instant validFrom(int o) {
    return Instant.ofEpochSecond(field(o, FROM_SECONDS), low(field(o, MODIFIED_FROM_NANOS)));
  }

  Instant validUntil(int o) {
    int nanos = high(field(o, UNTIL_NANOS_MARKINGS));
    return nanos < 0 ? null : Instant.ofEpochSecond(field(o, UNTIL_SECONDS), nanos);
  }

  /** The object's marking references (object and granular), or null when it has none. */
  List<String> markingRefs(int o) {
    int m = low(field(o, UNTIL_NANOS_MARKINGS));
    return m < 0 ? null : markingLists.get(m);
  }

  void tlp(int o, Tlp t) {
    long[] c = objectPages[o >>> PAGE_SHIFT];
    int at = (o & (OBJECTS_PER_PAGE - 1)) * STRIDE + FLAGS;
    c[at] = c[at] & ~0xffL | t.ordinal();
  }

  Tlp tlp(int o) {
    return TLPS[(int) (field(o, FLAGS) & 0xff)];
  }

  /** The object's {@code name}, or null. */
  String name(int o) {
    int n = high(field(o, NAME_CREATED_BY));
    return n < 0 ? null : strings.get(n);
  }

  /** The object's {@code created_by_ref}, or null. */
  String createdBy(int o) {
    int n = low(field(o, NAME_CREATED_BY));
    return n < 0 ? null : strings.get(n);
  }

  int firstObservable(int o) {
    return high(field(o, FIRST_END_ROW));
  }

  int endObservable(int o) {
    return low(field(o, FIRST_END_ROW));
  }

  ObservableType type(int r) {
    return TYPES[(int) (row(r) >>> 56)];
  }

  String value(int r) {
    long row = row(r);
    int n = (int) row & MAX_PAGED_VALUE;
    if (n == 0) {
      String other = otherValues.isEmpty() ? null : otherValues.get(r);
      return other != null ? other : "";
    }
    byte[] page = valuePages[(int) (row >>> 32) & 0xff_ffff];
    return new String(page, (int) (row >>> 12) & (VALUE_PAGE - 1), n, StandardCharsets.ISO_8859_1);
  }

  private long row(int r) {
    return rowPages[r >>> ROW_SHIFT][r & (ROWS_PER_PAGE - 1)];
  }

  private long field(int o, int f) {
    return objectPages[o >>> PAGE_SHIFT][(o & (OBJECTS_PER_PAGE - 1)) * STRIDE + f];
  }

  private static long pair(int high, int low) {
    return (long) high << 32 | (low & 0xffff_ffffL);
  }

  private static int high(long pair) {
    return (int) (pair >>> 32);
  }

  private static int low(long pair) {
    return (int) pair;
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

  // The number of a list of marking references: the byte path hands out the same list instance
  // for the same references, so the last few are found by identity before the map hashes a list.
  private int markingsId(List<String> refs) {
    for (int w = 0; w < RECENT; w++) {
      if (recentMarkings[w] == refs) {
        return recentMarkingIds[w];
      }
    }
    Integer id = markingIds.get(refs);
    if (id == null) {
      id = markingLists.size();
      markingLists.add(refs);
      markingIds.put(refs, id);
    }
    recentMarkings[nextRecent] = refs;
    recentMarkingIds[nextRecent] = id;
    nextRecent = (nextRecent + 1) % RECENT;
    return id;
  }
}
