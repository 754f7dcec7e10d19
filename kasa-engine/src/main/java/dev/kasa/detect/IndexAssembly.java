package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what an {@link IndexIntake} gathered into the columns and tables of an {@link
 * IndicatorIndex}: groups the entries by value group with a counting sort so that each group is a
 * contiguous ordinal range, leaves out dead entries and entries identical to an earlier one ({@link
 * IdenticalEntries}), then fills one table per group. Transient: lives only during {@code build()}.
 */
final class IndexAssembly {
  /** Hex digits of MD5, SHA-1, SHA-256 and SHA-512. */
  static final int[] DIGITS = {32, 40, 64, 128};

  final int size;

  /** Indicators added that were identical to an earlier one, and are left out. */
  final long duplicates;

  /** STIX id UUIDs, interleaved: {@code [2e]} high and {@code [2e+1]} low 64 bits. */
  final long[] ids;

  final long[] window;
  final byte[] flags;
  final byte[] confidence;
  final byte[] group;
  final int[] context;
  final int[] next;
  final IndicatorContexts.Context[] contexts;
  final Map<Integer, Instant> exactFrom = new HashMap<>();
  final Map<Integer, Instant> exactUntil = new HashMap<>();
  final WordTable[] v4 = new WordTable[33];
  final WordTable[] v6 = new WordTable[129];
  final WordTable[] hashes = new WordTable[4];
  TextTable domains;
  TextTable urls;
  TextTable emails;

  IndexAssembly(List<Indicator> indicators) {
    this(intakeOf(indicators));
  }

  private static IndexIntake intakeOf(List<Indicator> indicators) {
    var intake = new IndexIntake();
    indicators.forEach(intake::add);
    return intake;
  }

  /**
   * Builds from what {@code t} gathered, leaving {@code t} unchanged. Entries are grouped by value
   * group with a stable counting sort over primitive columns, so that each group is a contiguous
   * ordinal range in arrival order; a dead entry, and an entry identical to an earlier live one,
   * are left out.
   */
  IndexAssembly(IndexIntake t) {
    int n = t.size;
    int[] start = new int[IndicatorIndex.GROUPS + 1];
    for (int g = 0; g < IndicatorIndex.GROUPS; g++) {
      start[g + 1] = start[g] + t.groupCount[g];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(start, IndicatorIndex.GROUPS);
    for (int i = 0; i < n; i++) {
      order[fill[t.group[i] & 0xff]++] = i;
    }
    // Left out: dead entries (marked first, so that they keep nothing out), then repeats.
    boolean[] repeat = new boolean[n];
    int[] kept = new int[IndicatorIndex.GROUPS];
    if (t.deadCount > 0) {
      for (int p = 0; p < n; p++) {
        if (t.dead[order[p]]) {
          repeat[p] = true;
          kept[t.group[order[p]] & 0xff]--;
        }
      }
    }
    int repeats = 0;
    for (int g = 0; g < IndicatorIndex.GROUPS; g++) {
      int marked = IdenticalEntries.markRepeats(t, order, start[g], start[g + 1], repeat);
      kept[g] += t.groupCount[g] - marked;
      repeats += marked;
    }
    duplicates = t.duplicates + repeats;
    size = n - repeats - t.deadCount;
    int[] entryOf = new int[n];
    group = new byte[size];
    ids = new long[2 * size];
    window = new long[2 * size];
    flags = new byte[size];
    confidence = new byte[size];
    context = new int[size];
    for (int p = 0, e = 0; p < n; p++) {
      int i = order[p];
      if (repeat[p]) {
        entryOf[i] = -1;
        continue;
      }
      entryOf[i] = e;
      group[e] = t.group[i];
      ids[2 * e] = t.ids[2 * i];
      ids[2 * e + 1] = t.ids[2 * i + 1];
      window[2 * e] = t.window[2 * i];
      window[2 * e + 1] = t.window[2 * i + 1];
      flags[e] = t.flags[i];
      confidence[e] = t.confidence[i];
      context[e] = t.context[i];
      e++;
    }
    t.exactFrom.forEach(
        (i, instant) -> {
          if (entryOf[i] >= 0) {
            exactFrom.put(entryOf[i], instant);
          }
        });
    t.exactUntil.forEach(
        (i, instant) -> {
          if (entryOf[i] >= 0) {
            exactUntil.put(entryOf[i], instant);
          }
        });
    next = new int[size];
    Arrays.fill(next, -1);
    contexts = t.contexts.toArray();
    for (int g = 0, base = 0; g < IndicatorIndex.GROUPS; base += kept[g], g++) {
      if (kept[g] > 0) {
        // Positions start[g] + local in `repeat` are the group's entries in local order.
        buildTable(g, base, kept[g], t, kept[g] == t.groupCount[g] ? null : repeat, start[g]);
      }
    }
  }

  /** Whether group {@code g} holds text (domains, URLs, emails) rather than words. */
  static boolean isText(int g) {
    return g >= IndicatorIndex.DOMAIN_GROUP && g < IndicatorIndex.MD5_GROUP;
  }

  static int wordsOf(int g) {
    if (g < IndicatorIndex.V6_GROUP) {
      return 1;
    }
    if (g < IndicatorIndex.DOMAIN_GROUP) {
      return 2;
    }
    return Keys.wordsFor(DIGITS[g - IndicatorIndex.MD5_GROUP]);
  }

  /**
   * Builds group {@code g}'s table over entries {@code [base, base + count)} from the intake's
   * keys; {@code repeat}, when not null, marks (from {@code at}, in local order) the keys left out.
   */
  private void buildTable(int g, int base, int count, IndexIntake t, boolean[] repeat, int at) {
    int all = t.groupCount[g];
    if (isText(g)) {
      int[] ends = t.offsets[g];
      byte[] arena;
      int[] offsets;
      if (repeat == null) {
        arena = Arrays.copyOf(t.text[g], t.textLength[g]);
        offsets = Arrays.copyOf(ends, count + 1);
      } else {
        arena = new byte[t.textLength[g]];
        offsets = new int[count + 1];
        int length = 0;
        for (int l = 0, k = 0; l < all; l++) {
          if (!repeat[at + l]) {
            int len = ends[l + 1] - ends[l];
            System.arraycopy(t.text[g], ends[l], arena, length, len);
            length += len;
            offsets[++k] = length;
          }
        }
        arena = Arrays.copyOf(arena, length);
      }
      TextTable table = new TextTable(base, count, arena, offsets, next, flags);
      switch (g) {
        case IndicatorIndex.DOMAIN_GROUP -> domains = table;
        case IndicatorIndex.URL_GROUP -> urls = table;
        default -> emails = table;
      }
      return;
    }
    int words = wordsOf(g);
    long[] keys;
    if (repeat == null) {
      keys = Arrays.copyOf(t.keys[g], count * words);
    } else {
      keys = new long[count * words];
      for (int l = 0, k = 0; l < all; l++) {
        if (!repeat[at + l]) {
          System.arraycopy(t.keys[g], l * words, keys, k++ * words, words);
        }
      }
    }
    var table = new WordTable(base, count, words, keys, next, flags);
    if (g < IndicatorIndex.V6_GROUP) {
      v4[g] = table;
    } else if (g < IndicatorIndex.DOMAIN_GROUP) {
      v6[g - IndicatorIndex.V6_GROUP] = table;
    } else {
      hashes[g - IndicatorIndex.MD5_GROUP] = table;
    }
  }
}
