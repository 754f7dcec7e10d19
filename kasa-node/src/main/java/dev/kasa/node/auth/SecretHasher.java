package dev.kasa.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow hashes of secrets: PBKDF2-HMAC-SHA256, written {@code
 * pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64). A password gets its own random salt; a bearer token
 * is hashed with the node's token salt so that it can be found by its hash (a token comes without a
 * user name). Comparison is constant-time. Thread-safe.
 */
public final class SecretHasher {
  /** OWASP's figure for PBKDF2-HMAC-SHA256. */
  public static final int ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretHasher() {}

  /** A new hash of a password, with a fresh 16-byte salt. */
  public static String hashPassword(String secret) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return encode(ITERATIONS, salt, derive(secret, salt, ITERATIONS));
  }

  /** The hash of a bearer token under the node's token salt: the same token, the same hash. */
  public static String hashToken(String secret, String nodeTokenSalt) {
    byte[] salt = nodeTokenSalt.getBytes(StandardCharsets.UTF_8);
    return encode(ITERATIONS, salt, derive(secret, salt, ITERATIONS));
  }

  /** Whether {@code secret} hashes to {@code encoded}, compared in constant time. */
  public static boolean verify(String secret, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] salt = b64.decode(parts[2]);
    byte[] expected = b64.decode(parts[3]);
    return MessageDigest.isEqual(derive(secret, salt, iterations), expected);
  }

  /** Constant-time equality of two encoded hashes. */
  static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static String encode(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
