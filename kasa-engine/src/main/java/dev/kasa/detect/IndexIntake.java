package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The columns and keys of indicators in arrival order, gathered as they are added so that the
 * indicator objects need not be kept or visited again. Entries can be marked dead (an intelligence
 * set does so when a version is superseded or removed): a build leaves them out. Not thread-safe.
 */
final class IndexIntake {
  int size;
  byte[] group = new byte[64];
  long[] ids = new long[128];
  long[] window = new long[128];
  byte[] flags = new byte[64];
  byte[] confidence = new byte[64];

  /** Each entry's {@link IndicatorContexts} number: attribution, origin and provenance. */
  int[] context = new int[64];

  /** Each entry's position among the entries of its group (where its key is). */
  int[] local = new int[64];

  /** Each entry's hash, for finding identical entries. */
  int[] hash = new int[64];

  final Map<Integer, Instant> exactFrom = new HashMap<>();
  final Map<Integer, Instant> exactUntil = new HashMap<>();
  final IndicatorContexts contexts = new IndicatorContexts();
  final int[] groupCount = new int[IndicatorIndex.GROUPS];

  /** Per word group: the keys of its entries, {@code words} longs each, in arrival order. */
  final long[][] keys = new long[IndicatorIndex.GROUPS][];

  /** Per text group: UTF-8 bytes and end offsets ({@code [0]} is 0) in arrival order. */
  final byte[][] text = new byte[IndicatorIndex.GROUPS][];

  final int[] textLength = new int[IndicatorIndex.GROUPS];
  final int[][] offsets = new int[IndicatorIndex.GROUPS][];
  private final long[] parts = new long[2];
  private final IdenticalEntries identical = new IdenticalEntries();

  /** Indicators added that repeated a recent identical one, and so were not held again. */
  long duplicates;

  /** Entries marked dead, or null while there are none. */
  boolean[] dead;

  int deadCount;

  /**
   * Takes an indicator apart into the columns, unless it repeats an identical one added recently:
   * then it is only counted in {@link #duplicates}.
   */
  void add(Indicator in) {
    add(in, Keys.uuidHigh(in.id()), Keys.uuidLow(in.id()));
  }

  /**
   * Like {@link #add(Indicator)}, with the uuid of the indicator's id already parsed ({@link
   * Keys#uuidHigh}, {@link Keys#uuidLow}): a set parses each version's id once for all its
   * observables.
   */
  void add(Indicator in, long idHigh, long idLow) {
    Instant from = in.validFrom();
    Instant until = in.validUntil();
    add(
        in.type(),
        in.value(),
        from.getEpochSecond(),
        from.getNano(),
        until == null ? 0 : until.getEpochSecond(),
        until == null ? -1 : until.getNano(),
        in.tlp(),
        in.revoked(),
        in.confidence(),
        contexts.idOf(in),
        idHigh,
        idLow);
  }

  /**
   * Like {@link #add(Indicator, long, long)}, from the indicator's fields: {@code value} canonical
   * for {@code type}, the validity window as epoch seconds and nanoseconds ({@code untilNanos} -1:
   * open-ended), {@code context} a number of {@link #contexts}. How a set takes a load's columns
   * without an {@link Indicator} record per observable.
   */
  void add(
      ObservableType type,
      String value,
      long fromSeconds,
      int fromNanos,
      long untilSeconds,
      int untilNanos,
      Tlp tlp,
      boolean revoked,
      int confidenceOrMinusOne,
      int context,
      long idHigh,
      long idLow) {
    int i = size;
    if (i == group.length) {
      grow();
    }
    int g = groupOf(type, value);
    group[i] = (byte) g;
    ids[2 * i] = idHigh;
    ids[2 * i + 1] = idLow;
    long from = ceilMillis(fromSeconds, fromNanos);
    window[2 * i] = from;
    if (!isMillisecond(fromNanos, from)) {
      exactFrom.put(i, Instant.ofEpochSecond(fromSeconds, fromNanos));
    }
    int f = tlp.ordinal() | (revoked ? IndicatorIndex.REVOKED : 0);
    if (revoked || from == Long.MAX_VALUE) {
      f |= IndicatorIndex.NEVER;
    }
    if (untilNanos < 0) {
      f |= IndicatorIndex.OPEN_ENDED;
      window[2 * i + 1] = Long.MAX_VALUE;
    } else {
      long until = ceilMillis(untilSeconds, untilNanos);
      window[2 * i + 1] = until;
      if (!isMillisecond(untilNanos, until)) {
        exactUntil.put(i, Instant.ofEpochSecond(untilSeconds, untilNanos));
      }
    }
    flags[i] = (byte) f;
    confidence[i] = (byte) confidenceOrMinusOne;
    this.context[i] = context;
    local[i] = groupCount[g];
    addKey(g, value);
    hash[i] = IdenticalEntries.hash(this, i, value);
    // The entry is written past the end; it is kept unless it repeats a recent one (the build
    // folds the other repeats).
    if (identical.findRecent(this, i) >= 0) {
      exactFrom.remove(i);
      exactUntil.remove(i);
      if (IndexAssembly.isText(g)) {
        textLength[g] = offsets[g][local[i]];
      }
      duplicates++;
      return;
    }
    identical.remember(i);
    groupCount[g]++;
    size++;
  }

  /**
   * Adds entry {@code e} of {@code other} as it is (not checked for repeats): how a set copies its
   * live entries into fresh columns.
   */
  void copy(IndexIntake other, int e) {
    int i = size;
    if (i == group.length) {
      grow();
    }
    int g = other.group[e] & 0xff;
    group[i] = other.group[e];
    ids[2 * i] = other.ids[2 * e];
    ids[2 * i + 1] = other.ids[2 * e + 1];
    window[2 * i] = other.window[2 * e];
    window[2 * i + 1] = other.window[2 * e + 1];
    flags[i] = other.flags[e];
    confidence[i] = other.confidence[e];
    context[i] = contexts.idOf(other.contexts.context(other.context[e]));
    Instant from = other.exactFrom.get(e);
    if (from != null) {
      exactFrom.put(i, from);
    }
    Instant until = other.exactUntil.get(e);
    if (until != null) {
      exactUntil.put(i, until);
    }
    local[i] = groupCount[g];
    String value = null;
    int l = other.local[e];
    if (IndexAssembly.isText(g)) {
      int[] ends = other.offsets[g];
      value = new String(other.text[g], ends[l], ends[l + 1] - ends[l], StandardCharsets.UTF_8);
      addText(g, groupCount[g], value);
    } else {
      int words = IndexAssembly.wordsOf(g);
      long[] k = keys[g];
      if (k == null) {
        k = keys[g] = new long[16 * words];
      } else if ((groupCount[g] + 1) * words > k.length) {
        k = keys[g] = Arrays.copyOf(k, 2 * k.length);
      }
      System.arraycopy(other.keys[g], l * words, k, groupCount[g] * words, words);
    }
    hash[i] = IdenticalEntries.hash(this, i, value);
    groupCount[g]++;
    size++;
  }

  /** Marks entries {@code [from, to)} dead: the next build leaves them out. */
  void kill(int from, int to) {
    if (from == to) {
      return;
    }
    if (dead == null) {
      dead = new boolean[group.length];
    }
    for (int e = from; e < to; e++) {
      if (!dead[e]) {
        dead[e] = true;
        deadCount++;
      }
    }
  }

  boolean isDead(int e) {
    return dead != null && dead[e];
  }

  private void grow() {
    resize(2 * group.length);
  }

  private void resize(int n) {
    group = Arrays.copyOf(group, n);
    ids = Arrays.copyOf(ids, 2 * n);
    window = Arrays.copyOf(window, 2 * n);
    flags = Arrays.copyOf(flags, n);
    confidence = Arrays.copyOf(confidence, n);
    context = Arrays.copyOf(context, n);
    if (dead != null) {
      dead = Arrays.copyOf(dead, n);
    }
    local = Arrays.copyOf(local, n);
    hash = Arrays.copyOf(hash, n);
  }

  private void addKey(int g, String v) {
    int local = groupCount[g];
    if (IndexAssembly.isText(g)) {
      addText(g, local, v);
      return;
    }
    int words = IndexAssembly.wordsOf(g);
    long[] k = keys[g];
    if (k == null) {
      k = keys[g] = new long[16 * words];
    } else if ((local + 1) * words > k.length) {
      k = keys[g] = Arrays.copyOf(k, 2 * k.length);
    }
    int at = local * words;
    int slash = v.indexOf('/');
    if (g < IndicatorIndex.V6_GROUP) {
      k[at] = Addresses.parseIpv4(v, 0, slash < 0 ? v.length() : slash);
    } else if (g < IndicatorIndex.DOMAIN_GROUP) {
      Addresses.parseIpv6(v, 0, slash < 0 ? v.length() : slash, parts);
      k[at] = parts[0];
      k[at + 1] = parts[1];
    } else {
      int digits = IndexAssembly.DIGITS[g - IndicatorIndex.MD5_GROUP];
      for (int w = 0; w < words; w++) {
        k[at + w] = Keys.hexWord(v, 0, digits, w);
      }
    }
  }

  // String.getBytes(int, int, byte[], int) is deprecated for dropping the high byte, which is
  // exactly the ASCII copy wanted here, and it is a bulk copy rather than a loop over charAt.
  @SuppressWarnings("deprecation")
  private void addText(int g, int local, String v) {
    byte[] utf8 = Keys.isAscii(v) ? null : v.getBytes(StandardCharsets.UTF_8);
    int len = utf8 == null ? v.length() : utf8.length;
    byte[] arena = text[g];
    int[] ends = offsets[g];
    if (arena == null) {
      arena = text[g] = new byte[Math.max(64, 2 * len)];
      ends = offsets[g] = new int[16];
    }
    int at = textLength[g];
    if (at + len > arena.length) {
      arena = text[g] = Arrays.copyOf(arena, Math.max(arena.length * 2, at + len));
    }
    if (local + 2 > ends.length) {
      ends = offsets[g] = Arrays.copyOf(ends, 2 * ends.length);
    }
    if (utf8 == null) {
      v.getBytes(0, len, arena, at);
    } else {
      System.arraycopy(utf8, 0, arena, at, len);
    }
    textLength[g] = at + len;
    ends[local + 1] = at + len;
  }

  private static int groupOf(ObservableType type, String value) {
    return switch (type) {
      case IPV4 -> prefixOf(value, 32);
      case IPV6 -> IndicatorIndex.V6_GROUP + prefixOf(value, 128);
      case DOMAIN -> IndicatorIndex.DOMAIN_GROUP;
      case URL -> IndicatorIndex.URL_GROUP;
      case EMAIL -> IndicatorIndex.EMAIL_GROUP;
      case MD5 -> IndicatorIndex.MD5_GROUP;
      case SHA1 -> IndicatorIndex.SHA1_GROUP;
      case SHA256 -> IndicatorIndex.SHA256_GROUP;
      case SHA512 -> IndicatorIndex.SHA512_GROUP;
    };
  }

  private static int prefixOf(String value, int full) {
    int slash = value.indexOf('/');
    return slash < 0 ? full : Integer.parseInt(value, slash + 1, value.length(), 10);
  }

  /** Epoch milliseconds of the first millisecond instant at or after {@code t}, saturated. */
  static long ceilMillis(Instant t) {
    return ceilMillis(t.getEpochSecond(), t.getNano());
  }

  /** {@link #ceilMillis(Instant)} of the instant {@code seconds}, {@code nanos}. */
  static long ceilMillis(long seconds, int nanos) {
    try {
      long ms = Math.multiplyExact(seconds, 1000L);
      return Math.addExact(ms, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1));
    } catch (ArithmeticException e) {
      return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Whether {@code millis} holds the instant with {@code nanos} exactly, so that no exact instant
   * need be kept.
   */
  private static boolean isMillisecond(int nanos, long millis) {
    return nanos % 1_000_000 == 0 && millis != Long.MIN_VALUE && millis != Long.MAX_VALUE;
  }

  /**
   * Makes room for {@code more} entries beyond those held, at once: a load that knows its count
   * saves the copies of growing step by step (and the young collections that copy them again).
   */
  void reserve(int more) {
    long wanted = (long) size + more;
    if (more <= 0 || wanted <= group.length || wanted > MAX_COLUMN) {
      return;
    }
    // Exactly the count into empty columns; else at least doubled, as growing would.
    resize((int) (size == 0 ? wanted : Math.min(Math.max(wanted, 2L * group.length), MAX_COLUMN)));
  }

  private static final int MAX_COLUMN = Integer.MAX_VALUE / 4;
}
