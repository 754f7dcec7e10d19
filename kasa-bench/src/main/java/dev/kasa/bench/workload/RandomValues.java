package dev.kasa.bench.workload;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded generators for the strings a workload is made of. Not thread-safe.
 *
 * <p>Address spaces are split so that benign values can never match an indicator: indicator IPv4
 * addresses and ranges have a first octet in 1..99 (never 10), benign addresses are private (10/8,
 * 172.16/12, 192.168/16) or have a first octet of 100 or more. Indicator domains end in {@code
 * .example}, {@code .test} or {@code .invalid}; benign ones in {@code example.com}, {@code
 * example.net} or {@code example.org}.
 */
final class RandomValues {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] BASE62 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final String[] INDICATOR_TLDS = {"example", "test", "invalid"};
  private static final String[] BENIGN_ZONES = {"example.com", "example.net", "example.org"};
  private static final String[] BENIGN_HOSTS = {
    "www", "cdn", "api", "static", "mail", "updates", "login", "img", "assets", "telemetry"
  };

  final SplittableRandom rng;

  RandomValues(SplittableRandom rng) {
    this.rng = rng;
  }

  int below(int bound) {
    return rng.nextInt(bound);
  }

  /** True with probability {@code perMille}/1000. */
  boolean chance(int perMille) {
    return rng.nextInt(1000) < perMille;
  }

  <T> T pick(T[] options) {
    return options[rng.nextInt(options.length)];
  }

  /** A DNS label of {@code min..max} characters that starts with a letter. */
  String label(int min, int max) {
    int n = min + rng.nextInt(max - min + 1);
    char[] c = new char[n];
    c[0] = ALNUM[rng.nextInt(26)];
    for (int i = 1; i < n; i++) {
      c[i] = ALNUM[rng.nextInt(ALNUM.length)];
    }
    return new String(c);
  }

  /** Lower-case hex of {@code n} digits. */
  String hex(int n) {
    char[] c = new char[n];
    long bits = 0;
    for (int i = 0; i < n; i++) {
      if ((i & 15) == 0) {
        bits = rng.nextLong();
      }
      c[i] = HEX[(int) (bits & 15)];
      bits >>>= 4;
    }
    return new String(c);
  }

  void appendHex(StringBuilder sb, int n) {
    long bits = 0;
    for (int i = 0; i < n; i++) {
      if ((i & 15) == 0) {
        bits = rng.nextLong();
      }
      sb.append(HEX[(int) (bits & 15)]);
      bits >>>= 4;
    }
  }

  /** A Zeek connection or file uid: {@code prefix} followed by 17 base-62 characters. */
  void appendUid(StringBuilder sb, char prefix) {
    sb.append(prefix);
    for (int i = 0; i < 17; i++) {
      sb.append(BASE62[rng.nextInt(BASE62.length)]);
    }
  }

  /** A version-4 UUID drawn from the seeded generator. */
  String uuid() {
    long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** An IPv4 address (as a 32-bit value) in the indicator space: first octet 1..99, not 10. */
  long indicatorAddress() {
    int first;
    do {
      first = 1 + rng.nextInt(99);
    } while (first == 10);
    return ((long) first << 24) | rng.nextInt(1 << 24);
  }

  /** A domain of about 25 characters under an indicator TLD. */
  String indicatorDomain() {
    return label(6, 10) + "." + label(5, 8) + "." + pick(INDICATOR_TLDS);
  }

  /** A URL of about 45 characters whose host is under an indicator TLD. */
  String indicatorUrl(String host) {
    return "http://" + host + "/" + label(2, 5) + "/" + label(5, 9) + pick(URL_EXTENSIONS);
  }

  private static final String[] URL_EXTENSIONS = {".php", ".exe", ".bin", ".js", ".zip", ""};

  /** A private client address (10/8, 172.16/12 or 192.168/16). */
  void appendPrivateAddress(StringBuilder sb) {
    switch (rng.nextInt(3)) {
      case 0 -> sb.append("10.").append(rng.nextInt(256)).append('.');
      case 1 -> sb.append("172.").append(16 + rng.nextInt(16)).append('.');
      default -> sb.append("192.168.");
    }
    sb.append(rng.nextInt(256)).append('.').append(1 + rng.nextInt(254));
  }

  /** A public-looking benign address: first octet 100..223, never 127, 169, 172 or 192. */
  void appendBenignPublicAddress(StringBuilder sb) {
    int first;
    do {
      first = 100 + rng.nextInt(124);
    } while (first == 127 || first == 169 || first == 172 || first == 192);
    sb.append(first)
        .append('.')
        .append(rng.nextInt(256))
        .append('.')
        .append(rng.nextInt(256))
        .append('.')
        .append(1 + rng.nextInt(254));
  }

  void appendBenignDomain(StringBuilder sb) {
    if (rng.nextInt(3) == 0) {
      sb.append(pick(BENIGN_HOSTS)).append(rng.nextInt(40)).append('.');
    } else {
      sb.append(pick(BENIGN_HOSTS)).append('.');
    }
    sb.append(label(4, 9)).append('.').append(pick(BENIGN_ZONES));
  }

  static void appendAddress(StringBuilder sb, long address) {
    sb.append((address >>> 24) & 255)
        .append('.')
        .append((address >>> 16) & 255)
        .append('.')
        .append((address >>> 8) & 255)
        .append('.')
        .append(address & 255);
  }

  static String address(long address) {
    StringBuilder sb = new StringBuilder(15);
    appendAddress(sb, address);
    return sb.toString();
  }
}
