package dev.kasa.node.sharing;

import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.stix.Tlp;

/**
 * The sharing seam: every path that takes objects out of the node (TAXII objects, object by id,
 * manifest, versions, and every later path) asks {@link #mayReceive} for each object version.
 * Default deny. Today it allows what the grants allow and never gives a TLP:RED object to a
 * partner; federation gives it the full TLP 2.0 rules. Stateless and thread-safe.
 */
public final class SharingPolicy {
  /** Rule names, as {@link Decision#rule()} reports them. */
  public static final String NO_READ_GRANT = "no-read-grant";

  public static final String RED_NEVER_TO_PARTNER = "red-never-to-partner";
  public static final String LOCAL_READER = "local-reader";
  public static final String PARTNER_GRANT = "partner-read-grant";

  /** Whether {@code recipient} may read the collection at all (see it, list it, page it). */
  public Decision mayRead(Recipient recipient, String collectionId) {
    if (recipient.isPartner()) {
      return recipient.readable().contains(collectionId)
          ? Decision.allow(PARTNER_GRANT)
          : Decision.deny(NO_READ_GRANT);
    }
    return recipient.role() == Role.ADMIN || recipient.role() == Role.ANALYST
        ? Decision.allow(LOCAL_READER)
        : Decision.deny(NO_READ_GRANT);
  }

  /** Whether {@code recipient} may add objects to (and delete objects from) the collection. */
  public Decision mayWrite(Recipient recipient, String collectionId) {
    if (recipient.isPartner()) {
      return recipient.writable().contains(collectionId)
          ? Decision.allow("partner-write-grant")
          : Decision.deny("no-write-grant");
    }
    return recipient.role() == Role.ADMIN
        ? Decision.allow("local-admin")
        : Decision.deny("no-write-grant");
  }

  /**
   * Whether this object version, held in the collection {@code collectionId}, may go to {@code
   * recipient}.
   */
  public Decision mayReceive(Recipient recipient, String collectionId, StoredEntry version) {
    Decision read = mayRead(recipient, collectionId);
    if (!read.allowed()) {
      return read;
    }
    if (recipient.isPartner() && version.tlp() == Tlp.RED) {
      return Decision.deny(RED_NEVER_TO_PARTNER);
    }
    return read;
  }
}
