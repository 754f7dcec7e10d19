package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.observable.ObservableType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Name-based indicator ids (RFC 9562 UUID version 5, SHA-1) for sources that carry none: the same
 * normalised value gets the same id in every list and every run. Not thread-safe: holds a digest;
 * create one per import.
 */
final class PlainListIds {
  /** Kasa's namespace UUID for indicator names; never change it, ids would change with it. */
  static final long NAMESPACE_HI = 0x6b61736131d04e5bL;

  static final long NAMESPACE_LO = 0x9c2e5f0d7a3b1c44L;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final MessageDigest sha1;

  PlainListIds() {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new KasaException(ErrorCode.INTERNAL, "the JDK has no SHA-1", e);
    }
  }

  /**
   * The id {@code indicator--<uuid v5>} of the name {@code <stix name>:<value>}, for example {@code
   * ipv4-addr:203.0.113.7} or {@code file:hashes.MD5:<hex>}.
   *
   * @param value the value already in canonical form
   */
  String indicatorId(ObservableType type, String value) {
    return "indicator--" + uuid5(NAMESPACE_HI, NAMESPACE_LO, type.stixName() + ":" + value);
  }

  /** RFC 9562 section 5.5: SHA-1 of namespace and name, with version 5 and variant bits. */
  String uuid5(long namespaceHi, long namespaceLo, String name) {
    sha1.reset();
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha1.update((byte) (namespaceHi >>> shift));
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha1.update((byte) (namespaceLo >>> shift));
    }
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    char[] out = new char[36];
    int o = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        out[o++] = '-';
      }
      out[o++] = HEX[(hash[i] >>> 4) & 0xf];
      out[o++] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }
}
