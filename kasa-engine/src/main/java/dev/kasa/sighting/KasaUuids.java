package dev.kasa.sighting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1) in Kasa's own namespace, so that every node derives
 * the same id from the same name and no other producer's names collide with Kasa's.
 */
public final class KasaUuids {
  /** Kasa's namespace for name-based ids; fixed forever, since ids already shared depend on it. */
  public static final UUID NAMESPACE = UUID.fromString("f71cb733-ff1b-4ce9-9cd9-9bf9280bc246");

  private KasaUuids() {}

  /** The version 5 UUID of {@code name} (as UTF-8) in {@link #NAMESPACE}. */
  public static UUID of(String name) {
    return of(NAMESPACE, name);
  }

  /**
   * The STIX 2.1 namespace for the ids of cyber-observable objects (section 2.9): an observable's
   * id is the version 5 UUID of its id-contributing properties as canonical JSON.
   */
  public static final UUID STIX_OBSERVABLES =
      UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

  /** The version 5 UUID of {@code name} (as UTF-8) in {@code namespace}. */
  public static UUID of(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
