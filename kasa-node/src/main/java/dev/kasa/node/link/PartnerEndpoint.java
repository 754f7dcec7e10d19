package dev.kasa.node.link;

import java.util.Optional;

/**
 * What a link asks of a partner's collections: a page of objects, an add, and the live-update wait.
 * {@link TaxiiClient} answers over HTTPS; tests may answer in process from another node's store.
 */
interface PartnerEndpoint {
  /** A page of objects added after {@code addedAfter} (or from {@code next}); both may be null. */
  TaxiiClient.Page objects(String collection, String addedAfter, String next, int limit);

  /** Posts an envelope of objects; the status the partner answers with. */
  TaxiiClient.Status add(String collection, byte[] envelope);

  /** Waits for objects added after {@code after}; empty when none came in the partner's wait. */
  Optional<TaxiiClient.Change> changes(String collection, String after);

  /**
   * A page of the sightings in {@code collection} added after {@code addedAfter} (the pusher
   * reading back what its partner saw of what it pushed).
   */
  TaxiiClient.Page sightings(String collection, String addedAfter, String next, int limit);
}
