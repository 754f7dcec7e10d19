package dev.kasa.node.ui;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions, on the server only: random 256-bit ids, an idle and an absolute timeout
 * read from the injected clock, at most {@link Limits#max()} at once (the least recently used goes
 * first). Thread-safe.
 */
final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long sessions live and how many there may be. */
  record Limits(Duration idle, Duration absolute, int max) {
    static final Limits DEFAULT = new Limits(Duration.ofMinutes(30), Duration.ofHours(12), 10_000);

    Limits {
      if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0 || max < 1) {
        throw new IllegalArgumentException(
            "session limits need 0 < idle <= absolute and max >= 1: " + idle + ", " + absolute);
      }
    }
  }

  private final Clock clock;
  private final Limits limits;
  private final Map<String, UiSession> byId = new ConcurrentHashMap<>();

  Sessions(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  /** A new session for {@code user}. */
  UiSession open(String user) {
    Instant now = clock.instant();
    if (byId.size() >= limits.max()) {
      byId.values().removeIf(s -> expired(s, now));
      while (byId.size() >= limits.max()) {
        byId.values().stream()
            .min(Comparator.comparing(UiSession::lastSeen))
            .ifPresent(s -> byId.remove(s.id()));
      }
    }
    var s = new UiSession(randomToken(), user, randomToken(), now, now);
    byId.put(s.id(), s);
    return s;
  }

  /** The live session with that id, marked as seen now; an expired one is ended. */
  Optional<UiSession> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    UiSession s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      byId.remove(id, s);
      return Optional.empty();
    }
    UiSession seen = s.seenAt(now);
    byId.replace(id, s, seen);
    return Optional.of(seen);
  }

  /** Ends the session (logout). */
  void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  private boolean expired(UiSession s, Instant now) {
    return !now.isBefore(s.lastSeen().plus(limits.idle()))
        || !now.isBefore(s.created().plus(limits.absolute()));
  }

  static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
