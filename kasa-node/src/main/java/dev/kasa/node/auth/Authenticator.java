package dev.kasa.node.auth;

import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState;
import dev.kasa.node.store.AccessState.GrantRecord;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.AccessState.SecretRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code Authorization} header (HTTP Basic with a password, or a bearer token) against
 * the principals of the current {@link AccessState}. A verified secret is remembered only as an
 * HMAC under a key made for this process, for at most {@link #CACHE_TTL}, and every remembered
 * secret is forgotten when the access state changes (a secret added or revoked, a principal
 * changed). Credentials are never logged or kept in clear. Thread-safe.
 */
public final class Authenticator {
  /** How long a verified secret is remembered. */
  public static final Duration CACHE_TTL = Duration.ofMinutes(10);

  private static final int MAX_CACHED = 10_000;
  private static final String UNKNOWN_USER = SecretHasher.hashPassword("no such user");

  private final Clock clock;
  private final SecretKeySpec processKey;
  private final Map<String, Cached> verified = new ConcurrentHashMap<>();
  private volatile View view;

  private record Cached(String principal, long expiresAtMillis) {}

  private record View(
      AccessState state,
      Map<String, PrincipalRecord> principals,
      Map<String, List<String>> passwords,
      List<SecretRecord> tokens,
      Map<String, Recipient> recipients) {}

  public Authenticator(AccessState state, Clock clock) {
    this.clock = clock;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.processKey = new SecretKeySpec(key, "HmacSHA256");
    update(state);
  }

  /** Takes a new access state; forgets every remembered secret when it differs. */
  public void update(AccessState state) {
    View old = view;
    if (old != null && old.state().equals(state)) {
      return;
    }
    var principals = new HashMap<String, PrincipalRecord>();
    state.principals().forEach(p -> principals.put(p.name(), p));
    var passwords = new HashMap<String, List<String>>();
    var tokens = new ArrayList<SecretRecord>();
    for (SecretRecord s : state.secrets()) {
      if (s.kind() == SecretKind.PASSWORD) {
        passwords.computeIfAbsent(s.principal(), k -> new ArrayList<>()).add(s.hash());
      } else {
        tokens.add(s);
      }
    }
    var readable = new HashMap<String, Set<String>>();
    var writable = new HashMap<String, Set<String>>();
    for (GrantRecord g : state.grants()) {
      if (g.read()) {
        readable.computeIfAbsent(g.principal(), k -> new HashSet<>()).add(g.collectionId());
      }
      if (g.write()) {
        writable.computeIfAbsent(g.principal(), k -> new HashSet<>()).add(g.collectionId());
      }
    }
    var recipients = new HashMap<String, Recipient>();
    for (PrincipalRecord p : state.principals()) {
      recipients.put(
          p.name(),
          new Recipient(
              p.name(),
              p.kind(),
              p.role(),
              readable.getOrDefault(p.name(), Set.of()),
              writable.getOrDefault(p.name(), Set.of())));
    }
    view = new View(state, principals, passwords, tokens, recipients);
    verified.clear();
  }

  /** The current access state. */
  public AccessState state() {
    return view.state();
  }

  /** The recipient of that name as the current grants make it, if it exists. */
  public Optional<Recipient> recipient(String name) {
    return Optional.ofNullable(view.recipients().get(name));
  }

  /**
   * The recipient that the header authenticates, or empty when it is absent, malformed or wrong.
   */
  public Optional<Recipient> authenticate(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    View v = view;
    String header = authorization.strip();
    int space = header.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = header.substring(0, space);
    String credentials = header.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Basic")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      return checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1), v);
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      return remembered("bearer", "", credentials, v)
          .or(() -> verifyToken(credentials, v))
          .map(name -> v.recipients().get(name));
    }
    return Optional.empty();
  }

  /**
   * The recipient that a user name and password authenticate (as HTTP Basic does: the same slow
   * hash, the same memory of verified secrets), or empty when they are wrong.
   */
  public Optional<Recipient> checkPassword(String user, String password) {
    return checkPassword(user, password, view);
  }

  private Optional<Recipient> checkPassword(String user, String password, View v) {
    return remembered("basic", user, password, v)
        .or(() -> verifyPassword(user, password, v))
        .map(name -> v.recipients().get(name));
  }

  private Optional<String> remembered(String scheme, String user, String secret, View v) {
    Cached c = verified.get(mac(scheme, user, secret));
    if (c == null || c.expiresAtMillis() <= clock.millis() || view != v) {
      return Optional.empty();
    }
    return v.principals().containsKey(c.principal())
        ? Optional.of(c.principal())
        : Optional.empty();
  }

  private Optional<String> verifyPassword(String user, String password, View v) {
    boolean ok = false;
    List<String> hashes = v.passwords().getOrDefault(user, List.of());
    if (hashes.isEmpty()) {
      // As slow as a real check, so that timing does not tell which names exist.
      SecretHasher.verify(password, UNKNOWN_USER);
    }
    for (String hash : hashes) {
      ok |= SecretHasher.verify(password, hash);
    }
    if (!ok) {
      return Optional.empty();
    }
    remember("basic", user, password, user, v);
    return Optional.of(user);
  }

  private Optional<String> verifyToken(String token, View v) {
    if (v.tokens().isEmpty()) {
      return Optional.empty();
    }
    String hash = SecretHasher.hashToken(token, v.state().tokenSalt());
    String found = null;
    for (SecretRecord s : v.tokens()) {
      if (SecretHasher.sameHash(hash, s.hash())) {
        found = s.principal();
      }
    }
    if (found == null) {
      return Optional.empty();
    }
    remember("bearer", "", token, found, v);
    return Optional.of(found);
  }

  private void remember(String scheme, String user, String secret, String principal, View v) {
    if (view != v) {
      return; // the state changed while verifying: do not remember under the new one
    }
    if (verified.size() >= MAX_CACHED) {
      verified.clear();
    }
    verified.put(
        mac(scheme, user, secret), new Cached(principal, clock.millis() + CACHE_TTL.toMillis()));
  }

  private String mac(String scheme, String user, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(processKey);
      mac.update(scheme.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
