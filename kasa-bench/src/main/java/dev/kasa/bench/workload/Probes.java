package dev.kasa.bench.workload;

import dev.kasa.bench.workload.IntelCatalog.Kind;
import java.util.SplittableRandom;

/**
 * Lookup probes for index benchmarks: values an event would carry that hit an indicator of a kind,
 * and benign values that hit nothing. Deterministic for a seed. Thread-safe: stateless.
 */
public final class Probes {
  private Probes() {}

  /**
   * {@code count} values that each hit an indicator of {@code kind}: the value itself, an address
   * inside a range for {@link Kind#CIDR}, or {@code www.} plus the domain when {@code subdomain}.
   *
   * @throws IllegalArgumentException when the catalog has no indicator of that kind
   */
  public static String[] hits(
      IntelCatalog intel, Kind kind, boolean subdomain, int count, long seed) {
    if (intel.count(kind) == 0) {
      throw new IllegalArgumentException("the catalog has no " + kind + " indicator");
    }
    RandomValues r = new RandomValues(new SplittableRandom(seed));
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      int at = intel.position(kind, r.below(intel.count(kind)));
      String v = intel.hitValue(at, r, false);
      out[i] = subdomain ? "www." + v : v;
    }
    return out;
  }

  /** {@code count} benign values of the kind's observable type, none of which hits. */
  public static String[] misses(Kind kind, int count, long seed) {
    RandomValues r = new RandomValues(new SplittableRandom(seed));
    String[] out = new String[count];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.setLength(0);
      switch (kind) {
        case IPV4, CIDR -> r.appendBenignPublicAddress(sb);
        case DOMAIN -> r.appendBenignDomain(sb);
        case URL -> {
          sb.append("http://");
          r.appendBenignDomain(sb);
          sb.append('/').append(r.label(3, 8)).append('/').append(r.label(4, 12)).append(".php");
        }
        case SHA256 -> r.appendHex(sb, 64);
      }
      out[i] = sb.toString();
    }
    return out;
  }
}
