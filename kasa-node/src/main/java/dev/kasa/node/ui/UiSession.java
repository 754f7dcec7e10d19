package dev.kasa.node.ui;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in person's session, held only on the server.
 *
 * @param id the random value of the session cookie
 * @param csrfToken the random token every state-changing request of the session carries
 */
record UiSession(String id, String user, String csrfToken, Instant created, Instant lastSeen) {
  UiSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  UiSession seenAt(Instant now) {
    return new UiSession(id, user, csrfToken, created, now);
  }
}
