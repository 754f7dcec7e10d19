package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.observable.ObservableType;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Name-based indicator ids (RFC 9562 UUID version 5, SHA-1) for sources that carry none: the same
 * normalised value gets the same id in every list and every run. Not thread-safe: holds a digest
 * and buffers; create one per import.
 */
final class PlainListIds {
  /**
   * Kasa's namespace for indicator names, {@code 6b617361-31d0-4e5b-9c2e-5f0d7a3b1c44}; never
   * change it, every name-based id would change with it.
   */
  static final long NAMESPACE_HI = 0x6b61736131d04e5bL;

  static final long NAMESPACE_LO = 0x9c2e5f0d7a3b1c44L;

  private static final byte[] KASA_NAMESPACE = bytes(NAMESPACE_HI, NAMESPACE_LO);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final String PREFIX = "indicator--";

  private final MessageDigest sha1;
  private final byte[] hash = new byte[20];
  // Bytes, not chars: a Latin-1 String is then a plain copy, without compressing UTF-16.
  private final byte[] id = new byte[PREFIX.length() + 36];
  private final byte[] name = new byte[512];

  PlainListIds() {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new KasaException(ErrorCode.INTERNAL, "the JDK has no SHA-1", e);
    }
    System.arraycopy(PREFIX.getBytes(StandardCharsets.US_ASCII), 0, id, 0, PREFIX.length());
  }

  /**
   * The id {@code indicator--<uuid v5>} of the name {@code <stix name>:<value>} in Kasa's
   * namespace, for example of {@code ipv4-addr:203.0.113.7} or {@code file:hashes.MD5:<hex>}.
   *
   * @param value the value already in canonical form
   */
  String indicatorId(ObservableType type, String value) {
    // The hot path of plain list import: no string concatenation, no per-call arrays.
    String prefix = type.stixName();
    int length = prefix.length() + 1 + value.length();
    if (length > name.length || !isAscii(value)) {
      byte[] utf8 = (prefix + ":" + value).getBytes(StandardCharsets.UTF_8);
      digest(KASA_NAMESPACE, utf8, utf8.length);
    } else {
      int n = 0;
      for (int i = 0; i < prefix.length(); i++) {
        name[n++] = (byte) prefix.charAt(i);
      }
      name[n++] = ':';
      for (int i = 0; i < value.length(); i++) {
        name[n++] = (byte) value.charAt(i);
      }
      digest(KASA_NAMESPACE, name, n);
    }
    format(PREFIX.length());
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  /** RFC 9562 section 5.5: the UUID v5 of {@code name} (UTF-8) in a namespace. */
  String uuid5(long namespaceHi, long namespaceLo, String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    digest(bytes(namespaceHi, namespaceLo), utf8, utf8.length);
    format(PREFIX.length());
    return new String(id, PREFIX.length(), 36, StandardCharsets.ISO_8859_1);
  }

  private void digest(byte[] namespace, byte[] name, int length) {
    sha1.update(namespace);
    sha1.update(name, 0, length);
    try {
      sha1.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new KasaException(ErrorCode.INTERNAL, "SHA-1 digest failed", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
  }

  /** Where the hex digits of each of the 16 UUID bytes go, relative to the UUID's start. */
  private static final int[] DIGIT_AT = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

  /** Writes the first 16 bytes of the hash as a UUID into {@code id} from {@code at}. */
  private void format(int at) {
    id[at + 8] = '-';
    id[at + 13] = '-';
    id[at + 18] = '-';
    id[at + 23] = '-';
    for (int i = 0; i < 16; i++) {
      int o = at + DIGIT_AT[i];
      id[o] = HEX[(hash[i] >>> 4) & 0xf];
      id[o + 1] = HEX[hash[i] & 0xf];
    }
  }

  private static byte[] bytes(long hi, long lo) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
