package dev.kasa.detect;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.observable.Addresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a list of indicators into the columns and tables of an {@link IndicatorIndex}: groups the
 * entries by value group with a counting sort so that each group is a contiguous ordinal range,
 * then fills one table per group. Transient: lives only during {@code build()}.
 */
final class IndexAssembly {
  /** Hex digits of MD5, SHA-1, SHA-256 and SHA-512. */
  static final int[] DIGITS = {32, 40, 64, 128};

  final int size;

  /** STIX id UUIDs, interleaved: {@code [2e]} high and {@code [2e+1]} low 64 bits. */
  final long[] ids;

  final long[] window;
  final byte[] flags;
  final byte[] confidence;
  final byte[] group;
  final int[] attribution;
  final int[] next;
  final Attribution[] attributions;
  final Map<Integer, Instant> exactFrom = new HashMap<>();
  final Map<Integer, Instant> exactUntil = new HashMap<>();
  final WordTable[] v4 = new WordTable[33];
  final WordTable[] v6 = new WordTable[129];
  final WordTable[] hashes = new WordTable[4];
  TextTable domains;
  TextTable urls;
  TextTable emails;

  IndexAssembly(List<Indicator> indicators) {
    size = indicators.size();
    byte[] groupOf = new byte[size];
    int[] start = new int[IndicatorIndex.GROUPS + 1];
    for (int i = 0; i < size; i++) {
      int g = groupOf(indicators.get(i));
      groupOf[i] = (byte) g;
      start[g + 1]++;
    }
    for (int g = 0; g < IndicatorIndex.GROUPS; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = Arrays.copyOf(start, IndicatorIndex.GROUPS);
    // A permutation of ints rather than an array of references: stores into a large reference
    // array cost a GC write barrier each, which dominated the build.
    int[] order = new int[size];
    group = new byte[size];
    for (int i = 0; i < size; i++) {
      int g = groupOf[i] & 0xff;
      int e = fill[g]++;
      order[e] = i;
      group[e] = groupOf[i];
    }
    ids = new long[2 * size];
    window = new long[2 * size];
    flags = new byte[size];
    confidence = new byte[size];
    attribution = new int[size];
    next = new int[size];
    Arrays.fill(next, -1);
    Map<Attribution, Integer> byIdentity = new IdentityHashMap<>();
    Map<Attribution, Integer> byValue = new HashMap<>();
    for (int e = 0; e < size; e++) {
      Indicator in = indicators.get(order[e]);
      ids[2 * e] = Keys.uuidHigh(in.id());
      ids[2 * e + 1] = Keys.uuidLow(in.id());
      long from = ceilMillis(in.validFrom());
      window[2 * e] = from;
      if (!isMillisecond(in.validFrom(), from)) {
        exactFrom.put(e, in.validFrom());
      }
      int f = in.tlp().ordinal() | (in.revoked() ? IndicatorIndex.REVOKED : 0);
      if (in.revoked() || from == Long.MAX_VALUE) {
        f |= IndicatorIndex.NEVER;
      }
      if (in.validUntil() == null) {
        f |= IndicatorIndex.OPEN_ENDED;
        window[2 * e + 1] = Long.MAX_VALUE;
      } else {
        long until = ceilMillis(in.validUntil());
        window[2 * e + 1] = until;
        if (!isMillisecond(in.validUntil(), until)) {
          exactUntil.put(e, in.validUntil());
        }
      }
      flags[e] = (byte) f;
      confidence[e] = (byte) in.confidence();
      Integer a = byIdentity.get(in.attribution());
      if (a == null) {
        a = byValue.computeIfAbsent(in.attribution(), k -> byValue.size());
        byIdentity.put(in.attribution(), a);
      }
      attribution[e] = a;
    }
    attributions = new Attribution[byValue.size()];
    byValue.forEach((k, v) -> attributions[v] = k);
    for (int g = 0; g < IndicatorIndex.GROUPS; g++) {
      int from = start[g];
      int count = start[g + 1] - from;
      if (count > 0) {
        buildTable(g, from, count, indicators, order);
      }
    }
  }

  private static int groupOf(Indicator in) {
    return switch (in.type()) {
      case IPV4 -> prefixOf(in.value(), 32);
      case IPV6 -> IndicatorIndex.V6_GROUP + prefixOf(in.value(), 128);
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
    try {
      long ms = Math.multiplyExact(t.getEpochSecond(), 1000L);
      int nanos = t.getNano();
      return Math.addExact(ms, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1));
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Whether {@code millis} holds {@code t} exactly, so that no exact instant need be kept. */
  private static boolean isMillisecond(Instant t, long millis) {
    return t.getNano() % 1_000_000 == 0 && millis != Long.MIN_VALUE && millis != Long.MAX_VALUE;
  }

  private void buildTable(int g, int base, int count, List<Indicator> indicators, int[] order) {
    if (g < IndicatorIndex.V6_GROUP) {
      long[] keys = new long[count];
      for (int i = 0; i < count; i++) {
        String v = indicators.get(order[base + i]).value();
        int slash = v.indexOf('/');
        keys[i] = Addresses.parseIpv4(v, 0, slash < 0 ? v.length() : slash);
      }
      v4[g] = new WordTable(base, count, 1, keys, next, flags);
    } else if (g < IndicatorIndex.DOMAIN_GROUP) {
      long[] keys = new long[2 * count];
      long[] parts = new long[2];
      for (int i = 0; i < count; i++) {
        String v = indicators.get(order[base + i]).value();
        int slash = v.indexOf('/');
        Addresses.parseIpv6(v, 0, slash < 0 ? v.length() : slash, parts);
        keys[2 * i] = parts[0];
        keys[2 * i + 1] = parts[1];
      }
      v6[g - IndicatorIndex.V6_GROUP] = new WordTable(base, count, 2, keys, next, flags);
    } else if (g >= IndicatorIndex.MD5_GROUP) {
      int digits = DIGITS[g - IndicatorIndex.MD5_GROUP];
      int words = Keys.wordsFor(digits);
      long[] keys = new long[words * count];
      for (int i = 0; i < count; i++) {
        String v = indicators.get(order[base + i]).value();
        for (int w = 0; w < words; w++) {
          keys[i * words + w] = Keys.hexWord(v, 0, digits, w);
        }
      }
      hashes[g - IndicatorIndex.MD5_GROUP] = new WordTable(base, count, words, keys, next, flags);
    } else {
      TextTable table = textTable(base, count, indicators, order);
      switch (g) {
        case IndicatorIndex.DOMAIN_GROUP -> domains = table;
        case IndicatorIndex.URL_GROUP -> urls = table;
        default -> emails = table;
      }
    }
  }

  private TextTable textTable(int base, int count, List<Indicator> indicators, int[] order) {
    int[] offsets = new int[count + 1];
    byte[] arena = new byte[Math.max(16, count * 32)];
    int at = 0;
    for (int i = 0; i < count; i++) {
      String v = indicators.get(order[base + i]).value();
      byte[] utf8 = Keys.isAscii(v) ? null : v.getBytes(StandardCharsets.UTF_8);
      int len = utf8 == null ? v.length() : utf8.length;
      if (at + len > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, at + len));
      }
      if (utf8 == null) {
        for (int c = 0; c < len; c++) {
          arena[at + c] = (byte) v.charAt(c);
        }
      } else {
        System.arraycopy(utf8, 0, arena, at, len);
      }
      at += len;
      offsets[i + 1] = at;
    }
    return new TextTable(base, count, Arrays.copyOf(arena, at), offsets, next, flags);
  }
}
