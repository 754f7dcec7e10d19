package dev.kasa.node.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed logins counted per user name and per client address over a sliding window: past the limit,
 * further attempts are refused without checking the password until old failures leave the window.
 * Bounded memory: at most {@link #MAX_KEYS} names and addresses are tracked.
 */
final class LoginThrottle {
  static final int MAX_KEYS = 10_000;

  /** Failures allowed per user and per address within the window. */
  record Limits(int perUser, int perAddress, Duration window) {
    static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15));

    Limits {
      if (perUser < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "throttle limits must be positive: " + perUser + ", " + perAddress + ", " + window);
      }
    }
  }

  private final Clock clock;
  private final Limits limits;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  LoginThrottle(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  /** Whether an attempt for {@code user} from {@code address} may be checked now. */
  synchronized boolean allows(String user, String address) {
    Instant now = clock.instant();
    return recent("u:" + user, now) < limits.perUser()
        && recent("a:" + address, now) < limits.perAddress();
  }

  synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) {
      failures.keySet().removeIf(k -> recent(k, now) == 0);
      if (failures.size() >= MAX_KEYS) {
        failures.clear(); // flooded with names: start over rather than grow
      }
    }
    add("u:" + user, now, limits.perUser());
    add("a:" + address, now, limits.perAddress());
  }

  /** A successful login forgets the user's failures (not the address's). */
  synchronized void succeeded(String user) {
    failures.remove("u:" + user);
  }

  private void add(String key, Instant now, int keep) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    d.addLast(now);
    while (d.size() > keep) {
      d.removeFirst();
    }
  }

  private int recent(String key, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    Instant since = now.minus(limits.window());
    while (!d.isEmpty() && !d.peekFirst().isAfter(since)) {
      d.removeFirst();
    }
    if (d.isEmpty()) {
      failures.remove(key);
    }
    return d.size();
  }
}
