package dev.kasa.bench.workload;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The indicators of a generated workload, held in memory in bundle order. Values are unique and in
 * Kasa's canonical form. Immutable after {@link #generate}, so safe to read from many threads.
 */
public final class IntelCatalog {
  /** What an indicator observes; {@code CIDR} is an IPv4 range with a prefix below 32. */
  public enum Kind {
    IPV4,
    CIDR,
    DOMAIN,
    URL,
    SHA256
  }

  /** Earliest {@code valid_from}: 2024-01-01T00:00:00Z. */
  static final long VALID_FROM_MIN = 1_704_067_200L;

  /** Latest {@code valid_from}: 2025-05-01T00:00:00Z, before every event. */
  static final long VALID_FROM_MAX = 1_746_057_600L;

  /**
   * {@code valid_until} of the indicators that have one: 2027-01-01T00:00:00Z, after every event.
   */
  static final long VALID_UNTIL = 1_798_761_600L;

  private final Kind[] kinds;
  private final String[] values;
  private final String[] ids;
  private final long[] validFrom;
  private final boolean[] hasValidUntil;
  private final boolean[] amber;
  private final int[][] byKind;

  private IntelCatalog(
      Kind[] kinds,
      String[] values,
      String[] ids,
      long[] validFrom,
      boolean[] hasValidUntil,
      boolean[] amber) {
    this.kinds = kinds;
    this.values = values;
    this.ids = ids;
    this.validFrom = validFrom;
    this.hasValidUntil = hasValidUntil;
    this.amber = amber;
    int[] counts = new int[Kind.values().length];
    for (Kind k : kinds) {
      counts[k.ordinal()]++;
    }
    byKind = new int[counts.length][];
    for (int k = 0; k < counts.length; k++) {
      byKind[k] = new int[counts[k]];
    }
    int[] fill = new int[counts.length];
    for (int i = 0; i < kinds.length; i++) {
      int k = kinds[i].ordinal();
      byKind[k][fill[k]++] = i;
    }
  }

  /**
   * Generates {@code n} unique indicators: about 30% IPv4 addresses, 10% IPv4 ranges (mostly /24
   * and /28, 2% /16), 25% domains, 15% URLs and 20% SHA-256 hashes.
   */
  public static IntelCatalog generate(int n, SplittableRandom rng) {
    if (n < 0) {
      throw new IllegalArgumentException("indicator count must be >= 0 but was " + n);
    }
    RandomValues r = new RandomValues(rng);
    Kind[] kinds = new Kind[n];
    for (int i = 0; i < n; i++) {
      int p = r.below(1000);
      kinds[i] =
          p < 300
              ? Kind.IPV4
              : p < 400 ? Kind.CIDR : p < 650 ? Kind.DOMAIN : p < 800 ? Kind.URL : Kind.SHA256;
    }
    String[] values = new String[n];
    Set<String> seen = new HashSet<>(n * 2);
    // Domains before URLs, so URL hosts can be kept off every domain indicator and its subdomains.
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < n; i++) {
        if (kinds[i] == kind) {
          String v;
          do {
            v = newValue(kind, r, seen);
          } while (!seen.add(v));
          values[i] = v;
        }
      }
    }
    String[] ids = new String[n];
    long[] validFrom = new long[n];
    boolean[] hasValidUntil = new boolean[n];
    boolean[] amber = new boolean[n];
    long span = VALID_FROM_MAX - VALID_FROM_MIN;
    for (int i = 0; i < n; i++) {
      ids[i] = "indicator--" + r.uuid();
      validFrom[i] = VALID_FROM_MIN + r.rng.nextLong(span);
      hasValidUntil[i] = r.chance(200);
      amber[i] = r.chance(300);
    }
    return new IntelCatalog(kinds, values, ids, validFrom, hasValidUntil, amber);
  }

  private static String newValue(Kind kind, RandomValues r, Set<String> seen) {
    return switch (kind) {
      case IPV4 -> {
        long a;
        do {
          a = r.indicatorAddress();
        } while ((a & 255) == 0 || (a & 255) == 255);
        yield RandomValues.address(a);
      }
      case CIDR -> {
        int p = r.below(100);
        int prefix = p < 2 ? 16 : p < 70 ? 24 : 28;
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        yield RandomValues.address(r.indicatorAddress() & mask) + "/" + prefix;
      }
      case DOMAIN -> r.indicatorDomain();
      case URL -> {
        String host;
        do {
          host = r.indicatorDomain();
        } while (coveredByDomain(host, seen));
        yield r.indicatorUrl(host);
      }
      case SHA256 -> r.hex(64);
    };
  }

  /** Whether {@code host} or one of its parent domains is already a value. */
  static boolean coveredByDomain(String host, Set<String> values) {
    int at = 0;
    while (true) {
      if (values.contains(host.substring(at))) {
        return true;
      }
      int dot = host.indexOf('.', at);
      if (dot < 0) {
        return false;
      }
      at = dot + 1;
    }
  }

  public int size() {
    return values.length;
  }

  public Kind kind(int i) {
    return kinds[i];
  }

  /** The value in canonical form, as written in the pattern and in {@code values.txt}. */
  public String value(int i) {
    return values[i];
  }

  public String id(int i) {
    return ids[i];
  }

  /** {@code valid_from} in epoch seconds. */
  public long validFromSeconds(int i) {
    return validFrom[i];
  }

  /** Whether the indicator has a {@code valid_until} ({@link #VALID_UNTIL}). */
  public boolean hasValidUntil(int i) {
    return hasValidUntil[i];
  }

  public Tlp tlp(int i) {
    return amber[i] ? Tlp.AMBER : Tlp.GREEN;
  }

  /** Number of indicators of one kind. */
  public int count(Kind kind) {
    return byKind[kind.ordinal()].length;
  }

  /** The {@code j}-th indicator of a kind (0 &le; j &lt; {@link #count}). */
  public int position(Kind kind, int j) {
    return byKind[kind.ordinal()][j];
  }

  /** Kasa's observable type for a kind (a CIDR is an {@code IPV4} value). */
  public static ObservableType observableType(Kind kind) {
    return switch (kind) {
      case IPV4, CIDR -> ObservableType.IPV4;
      case DOMAIN -> ObservableType.DOMAIN;
      case URL -> ObservableType.URL;
      case SHA256 -> ObservableType.SHA256;
    };
  }

  /** The engine's record for indicator {@code i}, without attribution. */
  public Indicator indicator(int i) {
    return new Indicator(
        ids[i],
        observableType(kinds[i]),
        values[i],
        Instant.ofEpochSecond(validFrom[i]),
        hasValidUntil[i] ? Instant.ofEpochSecond(VALID_UNTIL) : null,
        false,
        80,
        tlp(i),
        Attribution.NONE,
        Origin.file("workload"),
        Provenance.of("workload"));
  }

  /** All indicators as engine records, in bundle order. */
  public List<Indicator> indicators() {
    List<Indicator> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(indicator(i));
    }
    return out;
  }

  /**
   * A value an event would carry to hit indicator {@code i}: the value itself, an address inside a
   * range, or (sometimes, when {@code subdomains}) a subdomain of a domain.
   */
  String hitValue(int i, RandomValues r, boolean subdomains) {
    String v = values[i];
    return switch (kinds[i]) {
      case CIDR -> {
        int slash = v.indexOf('/');
        long net = Addresses.parseIpv4(v.substring(0, slash));
        int prefix = Integer.parseInt(v.substring(slash + 1));
        long hostBits = (1L << (32 - prefix)) - 1;
        yield RandomValues.address(net | (r.rng.nextLong(hostBits + 1) & hostBits));
      }
      case DOMAIN -> subdomains && r.chance(300) ? r.pick(SUBDOMAIN_LABELS) + "." + v : v;
      case IPV4, URL, SHA256 -> v;
    };
  }

  private static final String[] SUBDOMAIN_LABELS = {"www", "cdn", "mail", "update", "c2", "a1"};
}
