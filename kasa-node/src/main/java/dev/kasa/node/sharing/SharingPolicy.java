package dev.kasa.node.sharing;

import dev.kasa.node.store.AccessState.Role;
import java.util.Objects;

/**
 * The sharing seam: every path that takes objects out of the node (TAXII objects, object by id,
 * manifest, versions, the live-update path, push links, sightings going back) asks {@link
 * #mayReceive} for each object version. Default deny: the recipient must hold a read grant on the
 * collection the object is taken from ({@link #mayRead}), then {@link SharingRules} decide by
 * origins, TLP and the node's {@link Agreements}. Thread-safe; the agreements are swapped whole
 * when an admin changes them.
 */
public final class SharingPolicy {
  /** Rule names of the collection-level decisions. */
  public static final String NO_READ_GRANT = "no-read-grant";

  public static final String LOCAL_READER = SharingRules.LOCAL_READER;
  public static final String PARTNER_GRANT = "partner-read-grant";

  private volatile Agreements agreements;

  public SharingPolicy(Agreements agreements) {
    this.agreements = Objects.requireNonNull(agreements, "agreements");
  }

  /** Grants only: no communities, no named recipients, unmarked objects never relayed. */
  public SharingPolicy() {
    this(Agreements.NONE);
  }

  /** The agreements decisions are made under now. */
  public Agreements agreements() {
    return agreements;
  }

  /** Takes new agreements for every later decision. */
  public void update(Agreements agreements) {
    this.agreements = Objects.requireNonNull(agreements, "agreements");
  }

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
  public Decision mayReceive(Recipient recipient, String collectionId, VersionFacts version) {
    Decision read = mayRead(recipient, collectionId);
    if (!read.allowed()) {
      return read;
    }
    return SharingRules.decide(version, recipient, agreements);
  }
}
