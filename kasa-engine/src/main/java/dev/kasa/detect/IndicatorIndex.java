package dev.kasa.detect;

import dev.kasa.intel.Indicator;
import dev.kasa.intel.PortConstraint;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * All indicators of a detector, held in compact primitive tables and looked up by observable value.
 * Immutable and thread-safe once built.
 *
 * <p>Layout: entries are ordinals sorted by value group (IPv4 prefix length, IPv6 prefix length,
 * domains, URLs, emails, each hash algorithm), with one column per indicator field and one
 * open-addressing table per group. No object is kept per entry; {@link #indicator} rebuilds the
 * record on demand (attribution, origin and provenance are shared, one number per entry). Lookups
 * of addresses and hashes do not allocate; domain lookups allocate only for non-ASCII
 * (internationalised) input.
 */
public final class IndicatorIndex extends IndicatorMatcher {
  static final int V6_GROUP = 33;
  static final int DOMAIN_GROUP = V6_GROUP + 129;
  static final int URL_GROUP = DOMAIN_GROUP + 1;
  static final int EMAIL_GROUP = URL_GROUP + 1;
  static final int MD5_GROUP = EMAIL_GROUP + 1;
  static final int SHA1_GROUP = MD5_GROUP + 1;
  static final int SHA256_GROUP = SHA1_GROUP + 1;
  static final int SHA512_GROUP = SHA256_GROUP + 1;
  static final int GROUPS = SHA512_GROUP + 1;

  static final int TLP_MASK = 0x7;
  static final int REVOKED = 0x8;
  static final int OPEN_ENDED = 0x10;

  /** Revoked or starting beyond the millisecond range: left out of the lookup tables. */
  static final int NEVER = 0x20;

  private static final long MAPPED_V4 = 0xffff_0000_0000L;
  private static final Tlp[] TLPS = Tlp.values();

  final int size;
  final long duplicates;

  /** STIX id UUIDs, interleaved: {@code [2e]} high and {@code [2e+1]} low 64 bits. */
  final long[] ids;

  /**
   * Validity windows in epoch milliseconds, interleaved ({@code [2e]} from, {@code [2e+1]} until,
   * {@link Long#MAX_VALUE} for none) so that a candidate costs one cache line.
   */
  final long[] window;

  final byte[] flags;
  final byte[] confidence;
  final byte[] group;
  final int[] context;
  final int[] next;
  final IndicatorContexts.Context[] contexts;

  /** Validity bounds that epoch milliseconds cannot hold exactly (sub-millisecond, far range). */
  final Map<Integer, Instant> exactFrom;

  final Map<Integer, Instant> exactUntil;
  final WordTable[] v4;
  final int[] v4Prefixes;
  final long[] v4Masks;
  final Ipv4PrefixFilter v4Filter;
  final WordTable[] v6;
  final int[] v6Prefixes;
  final TextTable domains;
  final HashFilter domainFilter;
  final HashFilter urlFilter;
  final HashFilter emailFilter;
  final TextTable urls;
  final TextTable emails;
  final WordTable[] hashes;

  /** Added to every entry number reported, so that a layer's entries follow another's. */
  final int offset;

  /** Ids whose entries are not reported (a newer layer replaced or removed them), or null. */
  final IdSet hidden;

  IndicatorIndex(IndexAssembly a) {
    size = a.size;
    duplicates = a.duplicates;
    ids = a.ids;
    window = a.window;
    flags = a.flags;
    confidence = a.confidence;
    group = a.group;
    context = a.context;
    next = a.next;
    contexts = a.contexts;
    exactFrom = Map.copyOf(a.exactFrom);
    exactUntil = Map.copyOf(a.exactUntil);
    v4 = a.v4;
    v4Prefixes = presentDescending(v4);
    v4Masks = new long[v4Prefixes.length];
    for (int i = 0; i < v4Prefixes.length; i++) {
      int p = v4Prefixes[i];
      v4Masks[i] = p == 0 ? 0 : (0xffff_ffffL << (32 - p)) & 0xffff_ffffL;
    }
    v4Filter = new Ipv4PrefixFilter(v4);
    v6 = a.v6;
    v6Prefixes = presentDescending(v6);
    domains = a.domains;
    domainFilter = HashFilter.of(domains);
    urls = a.urls;
    emails = a.emails;
    hashes = a.hashes;
    urlFilter = HashFilter.of(urls);
    emailFilter = HashFilter.of(emails);
    offset = 0;
    hidden = null;
  }

  /** The same tables, reporting entry numbers plus {@code offset} and none of {@code hidden}. */
  private IndicatorIndex(IndicatorIndex i, int offset, IdSet hidden) {
    size = i.size;
    duplicates = i.duplicates;
    ids = i.ids;
    window = i.window;
    flags = i.flags;
    confidence = i.confidence;
    group = i.group;
    context = i.context;
    next = i.next;
    contexts = i.contexts;
    exactFrom = i.exactFrom;
    exactUntil = i.exactUntil;
    v4 = i.v4;
    v4Prefixes = i.v4Prefixes;
    v4Masks = i.v4Masks;
    v4Filter = i.v4Filter;
    v6 = i.v6;
    v6Prefixes = i.v6Prefixes;
    domains = i.domains;
    domainFilter = i.domainFilter;
    urls = i.urls;
    emails = i.emails;
    hashes = i.hashes;
    urlFilter = i.urlFilter;
    emailFilter = i.emailFilter;
    this.offset = offset;
    this.hidden = hidden == null || hidden.isEmpty() ? null : hidden;
  }

  /**
   * A view of this index for a layer of a {@link LayeredIndex}: its matches are reported as entry
   * numbers plus {@code offset}, and entries of {@code hidden} ids are not reported. {@link
   * #indicator} and the id columns still take this index's own entry numbers.
   */
  IndicatorIndex view(int offset, IdSet hidden) {
    return new IndicatorIndex(this, offset, hidden);
  }

  private static int[] presentDescending(WordTable[] tables) {
    return IntStream.iterate(tables.length - 1, p -> p >= 0, p -> p - 1)
        .filter(p -> tables[p] != null)
        .toArray();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of indicator entries (one per indicator observable). */
  @Override
  public int size() {
    return size;
  }

  /**
   * How many of the indicators added to the builder were equal to one added before, and so are held
   * once ({@code size() + duplicates()} were added).
   */
  public long duplicates() {
    return duplicates;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Entry numbers are the ordinals {@code [0, size())}.
   */
  @Override
  public void match(ObservableType type, String rawValue, long timeMillis, IntConsumer entries) {
    match(type, rawValue, timeMillis, entries, null, null);
  }

  @Override
  void match(
      ObservableType type,
      String rawValue,
      long timeMillis,
      IntConsumer entries,
      long[] v6Scratch) {
    match(type, rawValue, timeMillis, entries, null, v6Scratch);
  }

  /**
   * Like {@link #match}, probing {@code second} (another layer, or null) with the same parsed or
   * normalised value, so that the value is read once for both; IPv6 addresses are parsed into
   * {@code v6Scratch} (two longs, the caller's own), or a new array when it is null.
   */
  void match(
      ObservableType type,
      String rawValue,
      long timeMillis,
      IntConsumer entries,
      IndicatorIndex second,
      long[] v6Scratch) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(entries, "entries");
    int from = 0;
    int to = rawValue.length();
    while (from < to && Character.isWhitespace(rawValue.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(rawValue.charAt(to - 1))) {
      to--;
    }
    long t = timeMillis;
    var out = entries;
    switch (type) {
      case IPV4, IPV6 -> matchAddress(rawValue, from, to, t, out, second, v6Scratch);
      case DOMAIN -> matchDomain(rawValue, from, to, t, out, second);
      case URL, EMAIL -> {
        if (holdsText(type) || second != null && second.holdsText(type)) {
          Observables.tryNormalize(type, rawValue)
              .ifPresent(v -> matchNormalized(type, v, t, out, second, v6Scratch));
        }
      }
      case MD5, SHA1, SHA256, SHA512 -> matchHash(type, rawValue, from, to, t, out, second);
    }
  }

  private boolean holdsText(ObservableType type) {
    return (type == ObservableType.URL ? urls : emails) != null;
  }

  private boolean holdsAddresses() {
    return v4Prefixes.length > 0 || v6Prefixes.length > 0;
  }

  private void matchAddress(
      String s,
      int from,
      int to,
      long t,
      IntConsumer out,
      IndicatorIndex second,
      long[] v6Scratch) {
    if (!holdsAddresses() && (second == null || !second.holdsAddresses())) {
      return;
    }
    long v4Address = Addresses.parseIpv4(s, from, to);
    if (v4Address >= 0) {
      matchIpv4(v4Address, t, out, second);
      return;
    }
    if (indexOf(s, ':', from, to) < 0) {
      return;
    }
    long[] parts = v6Scratch != null ? v6Scratch : new long[2];
    if (!Addresses.parseIpv6(s, from, to, parts)) {
      return;
    }
    long hi = parts[0];
    long lo = parts[1];
    boolean mapped = hi == 0 && (lo & 0xffff_ffff_0000_0000L) == MAPPED_V4;
    for (IndicatorIndex layer = this; layer != null; layer = layer == second ? null : second) {
      if (mapped) {
        layer.probeV4(lo & 0xffff_ffffL, t, out);
      }
      layer.probeV6(hi, lo, t, out);
    }
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  @Override
  void matchIpv4(long address, long t, IntConsumer out) {
    matchIpv4(address, t, out, null);
  }

  /** {@link #matchIpv4(long, long, IntConsumer)} in this index and in {@code second}, if any. */
  void matchIpv4(long address, long t, IntConsumer out, IndicatorIndex second) {
    probeV4(address, t, out);
    if (v6Prefixes.length > 0) {
      probeV6(0, MAPPED_V4 | address, t, out);
    }
    if (second != null) {
      second.matchIpv4(address, t, out, null);
    }
  }

  private void probeV4(long address, long t, IntConsumer out) {
    int[] prefixes = v4Prefixes;
    if (prefixes.length == 0) {
      return;
    }
    boolean near24 = v4Filter.mayHold24(address);
    boolean near16 = v4Filter.mayHold16(address);
    for (int i = 0; i < prefixes.length; i++) {
      int p = prefixes[i];
      if (p >= 24 ? near24 : p < 16 || near16) {
        emit(v4[p].find(address & v4Masks[i], 0), t, out);
      }
    }
  }

  private void probeV6(long hi, long lo, long t, IntConsumer out) {
    for (int p : v6Prefixes) {
      long hiMask = p >= 64 ? -1L : p == 0 ? 0 : -1L << (64 - p);
      long loMask = p <= 64 ? 0 : p == 128 ? -1L : -1L << (128 - p);
      emit(v6[p].find(hi & hiMask, lo & loMask), t, out);
    }
  }

  private void matchDomain(
      String s, int from, int to, long t, IntConsumer out, IndicatorIndex second) {
    IndicatorIndex other = second == null || second.domains == null ? null : second;
    if (domains == null && other == null) {
      return;
    }
    if (to > from && s.charAt(to - 1) == '.') {
      to--;
    }
    switch (DomainWalk.check(s, from, to)) {
      case VALID -> walkDomain(s, from, to, t, out, other);
      case NOT_ASCII -> {
        Optional<String> ascii = Observables.tryNormalize(ObservableType.DOMAIN, s);
        ascii.ifPresent(d -> walkDomain(d, 0, d.length(), t, out, other));
      }
      case INVALID -> {}
    }
  }

  /**
   * Probes the name and each parent suffix, hashing right to left so one pass serves them all (and
   * both layers).
   */
  private void walkDomain(
      String s, int from, int to, long t, IntConsumer out, IndicatorIndex second) {
    long h = Keys.FNV_OFFSET;
    for (int i = to - 1; i >= from; i--) {
      char c = s.charAt(i);
      if (c == '.') {
        probeDomain(s, i + 1, to, h, t, out);
        if (second != null) {
          second.probeDomain(s, i + 1, to, h, t, out);
        }
      } else if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      h = Keys.step(h, c);
    }
    probeDomain(s, from, to, h, t, out);
    if (second != null) {
      second.probeDomain(s, from, to, h, t, out);
    }
  }

  private void probeDomain(String s, int from, int to, long h, long t, IntConsumer out) {
    if (domains != null && domainFilter.mayHold(Keys.mix(h))) {
      emit(domains.findAscii(s, from, to, true, h), t, out);
    }
  }

  @Override
  void matchNormalized(ObservableType type, String normalized, long t, IntConsumer out) {
    matchNormalized(type, normalized, t, out, null, null);
  }

  @Override
  void matchNormalized(
      ObservableType type, String normalized, long t, IntConsumer out, long[] v6Scratch) {
    matchNormalized(type, normalized, t, out, null, v6Scratch);
  }

  /** {@link #matchNormalized(ObservableType, String, long, IntConsumer)} in both layers. */
  void matchNormalized(
      ObservableType type,
      String normalized,
      long t,
      IntConsumer out,
      IndicatorIndex second,
      long[] v6Scratch) {
    switch (type) {
      case URL, EMAIL -> {
        boolean ascii = Keys.isAscii(normalized);
        long h = ascii ? Keys.hashAscii(normalized, 0, normalized.length()) : 0;
        byte[] utf8 = ascii ? null : normalized.getBytes(StandardCharsets.UTF_8);
        findText(type, normalized, h, utf8, t, out);
        if (second != null) {
          second.findText(type, normalized, h, utf8, t, out);
        }
      }
      case IPV4, IPV6, DOMAIN, MD5, SHA1, SHA256, SHA512 ->
          match(type, normalized, t, out, second, v6Scratch);
    }
  }

  /** Finds text {@code v}: ASCII with its {@code hash}, or else as its UTF-8 bytes. */
  private void findText(
      ObservableType type, String v, long hash, byte[] utf8, long t, IntConsumer out) {
    TextTable table = type == ObservableType.URL ? urls : emails;
    if (table == null) {
      return;
    }
    if (utf8 == null) {
      HashFilter filter = type == ObservableType.URL ? urlFilter : emailFilter;
      if (filter.mayHold(Keys.mix(hash))) {
        emit(table.findAscii(v, 0, v.length(), false, hash), t, out);
      }
    } else {
      emit(table.findBytes(utf8), t, out);
    }
  }

  private void matchHash(
      ObservableType type,
      String s,
      int from,
      int to,
      long t,
      IntConsumer out,
      IndicatorIndex second) {
    int h =
        switch (type) {
          case MD5 -> 0;
          case SHA1 -> 1;
          case SHA256 -> 2;
          default -> 3;
        };
    int digits = IndexAssembly.DIGITS[h];
    WordTable table = hashes[h];
    WordTable other = second == null ? null : second.hashes[h];
    if (table == null && other == null || to - from != digits || !Keys.isHex(s, from, to)) {
      return;
    }
    if (table != null) {
      emit(table.findHex(s, from, digits), t, out);
    }
    if (other != null) {
      second.emit(other.findHex(s, from, digits), t, out);
    }
  }

  private void emit(int head, long t, IntConsumer out) {
    for (int e = head; e >= 0; e = next[e]) {
      if (appliesAt(e, t) && (hidden == null || !hidden.contains(ids[2 * e], ids[2 * e + 1]))) {
        out.accept(e + offset);
      }
    }
  }

  /** Revoked entries are not in the tables, so only the window is checked here. */
  private boolean appliesAt(int e, long t) {
    long until = window[2 * e + 1];
    return t >= window[2 * e] && (t < until || until == Long.MAX_VALUE);
  }

  /**
   * The indicator behind an entry ordinal, rebuilt from the compact tables (a new, equal record on
   * each call).
   *
   * @throws IndexOutOfBoundsException if {@code entry} is not in {@code [0, size())}
   */
  @Override
  public Indicator indicator(int entry) {
    Objects.checkIndex(entry, size);
    int f = flags[entry];
    Instant from = exactFrom.get(entry);
    Instant until = exactUntil.get(entry);
    if (from == null) {
      from = Instant.ofEpochMilli(window[2 * entry]);
    }
    if (until == null && (f & OPEN_ENDED) == 0) {
      until = Instant.ofEpochMilli(window[2 * entry + 1]);
    }
    int g = group[entry] & 0xff;
    IndicatorContexts.Context c = contexts[context[entry]];
    return new Indicator(
        Keys.formatId(ids[2 * entry], ids[2 * entry + 1]),
        typeOf(g),
        value(entry, g),
        from,
        until,
        (f & REVOKED) != 0,
        confidence[entry],
        TLPS[f & TLP_MASK],
        c.attribution(),
        c.origin(),
        c.provenance(),
        c.port());
  }

  @Override
  PortConstraint port(int entry) {
    return contexts[context[entry]].port();
  }

  @Override
  long idHigh(int entry) {
    return ids[2 * entry];
  }

  @Override
  long idLow(int entry) {
    return ids[2 * entry + 1];
  }

  static ObservableType typeOf(int g) {
    if (g < V6_GROUP) {
      return ObservableType.IPV4;
    }
    if (g < DOMAIN_GROUP) {
      return ObservableType.IPV6;
    }
    return switch (g) {
      case DOMAIN_GROUP -> ObservableType.DOMAIN;
      case URL_GROUP -> ObservableType.URL;
      case EMAIL_GROUP -> ObservableType.EMAIL;
      case MD5_GROUP -> ObservableType.MD5;
      case SHA1_GROUP -> ObservableType.SHA1;
      case SHA256_GROUP -> ObservableType.SHA256;
      default -> ObservableType.SHA512;
    };
  }

  private String value(int entry, int g) {
    if (g < V6_GROUP) {
      String a = Addresses.formatIpv4(v4[g].word(entry, 0));
      return g == 32 ? a : a + "/" + g;
    }
    if (g < DOMAIN_GROUP) {
      int p = g - V6_GROUP;
      String a = Addresses.formatIpv6(v6[p].word(entry, 0), v6[p].word(entry, 1));
      return p == 128 ? a : a + "/" + p;
    }
    return switch (g) {
      case DOMAIN_GROUP -> domains.text(entry);
      case URL_GROUP -> urls.text(entry);
      case EMAIL_GROUP -> emails.text(entry);
      default -> hexValue(hashes[g - MD5_GROUP], entry, IndexAssembly.DIGITS[g - MD5_GROUP]);
    };
  }

  private static String hexValue(WordTable table, int entry, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int w = 0; w < table.words; w++) {
      Keys.appendHexWord(sb, table.word(entry, w), digits, w);
    }
    return sb.toString();
  }

  /** Approximate bytes held by the arrays of this index (for measurements and logs). */
  long approximateBytes() {
    long b = 8L * 4 * size + 3L * size + 8L * size + 64L * contexts.length;
    for (WordTable w : v4) {
      b += w == null ? 0 : w.bytes();
    }
    for (WordTable w : v6) {
      b += w == null ? 0 : w.bytes();
    }
    for (WordTable w : hashes) {
      b += w == null ? 0 : w.bytes();
    }
    b += v4Filter.bytes();
    for (HashFilter f : new HashFilter[] {domainFilter, urlFilter, emailFilter}) {
      b += f == null ? 0 : f.bytes();
    }
    for (TextTable x : new TextTable[] {domains, urls, emails}) {
      b += x == null ? 0 : x.bytes();
    }
    return b;
  }

  /**
   * Collects indicators; not thread-safe. Each indicator is taken apart into primitive columns as
   * it is added (the builder keeps no reference to it), so that {@link #build} only sorts columns.
   */
  public static final class Builder {
    private final IndexIntake intake = new IndexIntake();

    Builder() {}

    /**
     * Adds one indicator; the same value may be added under several indicators, and all of them
     * match. An indicator equal to one already added (the same {@link Indicator} record: value,
     * type, id, validity, revocation, TLP, confidence, attribution, origin and provenance) is held
     * once and counted in the index's {@link IndicatorIndex#duplicates}: it could only yield the
     * same hits.
     *
     * @throws NullPointerException if {@code indicator} is null
     */
    public Builder add(Indicator indicator) {
      intake.add(Objects.requireNonNull(indicator, "indicator"));
      return this;
    }

    /** Builds the index; the builder may be reused afterwards and keeps its indicators. */
    public IndicatorIndex build() {
      return new IndicatorIndex(new IndexAssembly(intake));
    }
  }
}
