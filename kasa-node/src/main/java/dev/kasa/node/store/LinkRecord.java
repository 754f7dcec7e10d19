package dev.kasa.node.store;

import dev.kasa.node.store.AccessState.SecretKind;
import java.util.Locale;
import java.util.Objects;

/**
 * One direction of a link to a partner, with its state.
 *
 * @param id the link row's id
 * @param partner the partner's name
 * @param remote the partner's collection id
 * @param local our collection
 * @param url the partner's discovery or API root URL
 * @param user the user name we present (the partner issued it to us)
 * @param secretKind how our secret is presented, or null when we present none
 * @param secretFile the file whose first line is our secret, or null
 * @param caPem the partner's pinned certificate (PEM), or null to trust the system's authorities
 * @param state what the link has done so far
 */
public record LinkRecord(
    long id,
    String partner,
    String remote,
    CollectionRecord local,
    Direction direction,
    String url,
    String user,
    SecretKind secretKind,
    String secretFile,
    String caPem,
    State state) {
  public LinkRecord {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(state, "state");
    if ((secretKind == null) != (secretFile == null)) {
      throw new IllegalArgumentException("a secret has a kind and a file: link " + id);
    }
  }

  /** Pull the partner's collection into ours, or push ours to it. */
  public enum Direction {
    PULL,
    PUSH;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What a link has done so far.
   *
   * @param checkpoint pull: the partner's date_added of the last object held, as it wrote it
   * @param pushCursor push: our date_added (µs) of the last entry pushed
   * @param pushEpoch push: the sharing epoch {@code pushCursor} was reached in
   * @param backCursor pull: our date_added (µs) of the last entry looked at for sightings going
   *     back
   * @param backCheckpoint push: the partner's date_added of the last sighting fetched back
   * @param lastSuccess when the link last completed a round (µs), or null
   * @param lastError the last error, or null when the last round succeeded
   * @param lastErrorAt when it happened (µs), or null
   * @param behind pull: objects the partner says we have not pulled (Kasa partners only), or null
   */
  public record State(
      String checkpoint,
      long pushCursor,
      long pushEpoch,
      long backCursor,
      String backCheckpoint,
      Long lastSuccess,
      String lastError,
      Long lastErrorAt,
      Long behind) {}
}
