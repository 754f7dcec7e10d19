package dev.kasa.sighting;

import dev.kasa.stix.StixValidator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who makes sightings: an identity that is named in them, or a node that anonymises and takes a
 * secret of its own in place of its identity, so that no one without the secret can tie its
 * sightings to it (nor compute their ids).
 */
public sealed interface Sighter {
  /** Shortest secret accepted for anonymising, in bytes. */
  int MIN_SECRET_BYTES = 16;

  /** What stands for the sighter in a sighting's id. */
  String idPart();

  /** The identity named as {@code created_by_ref} and in {@code where_sighted_refs}, if any. */
  Optional<String> identity();

  /**
   * A sighter named by its STIX identity.
   *
   * @param identityId {@code identity--<uuid>}
   */
  record Identified(String identityId) implements Sighter {
    public Identified {
      Objects.requireNonNull(identityId, "identityId");
      if (!StixValidator.isIdentifier(identityId) || !identityId.startsWith("identity--")) {
        throw new IllegalArgumentException(
            "a sighter is named by identity--<uuid>, got '" + identityId + "'");
      }
    }

    @Override
    public String idPart() {
      return identityId;
    }

    @Override
    public Optional<String> identity() {
      return Optional.of(identityId);
    }
  }

  /**
   * An anonymising sighter: only a keyed hash of its secret is kept, never the secret.
   *
   * @param pseudonym 64 lower-case hex digits (HMAC-SHA256 of a fixed text under the secret)
   */
  record Anonymous(String pseudonym) implements Sighter {
    public Anonymous {
      Objects.requireNonNull(pseudonym, "pseudonym");
      if (pseudonym.length() != 64
          || !pseudonym.chars().allMatch(HexFormat::isHexDigit)
          || !pseudonym.equals(pseudonym.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "a pseudonym is 64 lower-case hex digits, got " + pseudonym.length() + " characters");
      }
    }

    @Override
    public String idPart() {
      return "anonymous:" + pseudonym;
    }

    @Override
    public Optional<String> identity() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "Anonymous[" + pseudonym.substring(0, 8) + "…]";
    }
  }

  /** The sighter named by {@code identityId}. */
  static Sighter identified(String identityId) {
    return new Identified(identityId);
  }

  /**
   * The identity Kasa derives for an organisation that has no STIX identity of its own yet: {@code
   * identity--} and the name-based UUID of {@code identity|NAME}.
   */
  static Sighter organisation(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an organisation needs a name, got '" + name + "'");
    }
    return new Identified("identity--" + KasaUuids.of("identity|" + name));
  }

  /**
   * A sighter that anonymises with {@code secret} (at least {@link #MIN_SECRET_BYTES} bytes; keep
   * it: the same secret gives the same sighting ids, so later versions supersede earlier ones).
   */
  static Sighter anonymous(byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "an anonymising secret needs at least "
              + MIN_SECRET_BYTES
              + " bytes, got "
              + (secret == null ? "none" : secret.length));
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal("kasa sighter".getBytes(StandardCharsets.UTF_8));
      return new Anonymous(HexFormat.of().formatHex(h));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
