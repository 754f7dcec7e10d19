package dev.kasa.node.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login form's CSRF protection before any session exists: the form carries {@code
 * nonce.expiry.mac} (an HMAC under a key made for this process) and a cookie carries the nonce; a
 * login is checked only when both came from the same form and it has not expired. Keeps no state.
 */
final class LoginTokens {
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final Clock clock;
  private final SecretKeySpec key;

  /** The nonce for the cookie and the token for the form. */
  record Issued(String nonce, String token) {}

  LoginTokens(Clock clock) {
    this.clock = clock;
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
  }

  Issued issue() {
    String nonce = Sessions.randomToken();
    String signed = nonce + "." + clock.instant().plus(LIFETIME).toEpochMilli();
    return new Issued(nonce, signed + "." + mac(signed));
  }

  boolean valid(String cookieNonce, String token) {
    if (cookieNonce == null || token == null) {
      return false;
    }
    int last = token.lastIndexOf('.');
    int first = token.indexOf('.');
    if (first <= 0 || last <= first) {
      return false;
    }
    String signed = token.substring(0, last);
    if (!MessageDigest.isEqual(
        mac(signed).getBytes(StandardCharsets.US_ASCII),
        token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(token.substring(first + 1, last));
    } catch (NumberFormatException e) {
      return false;
    }
    return clock.millis() < expiry
        && MessageDigest.isEqual(
            token.substring(0, first).getBytes(StandardCharsets.US_ASCII),
            cookieNonce.getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(String text) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
