package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * What changed in the store's objects, published after the change committed: the seam a live
 * detector (or a federation link) subscribes to through {@link Store#subscribe}.
 */
public sealed interface StoreChange {
  /** The collection's UUID. */
  String collectionId();

  /**
   * Versions newly added to a collection (revoked ones included: {@link AddedVersion#revoked()}).
   */
  record ObjectsAdded(String collectionId, List<AddedVersion> versions) implements StoreChange {
    public ObjectsAdded {
      Objects.requireNonNull(collectionId, "collectionId");
      versions = List.copyOf(versions);
    }
  }

  /** Versions removed from a collection by a TAXII delete. */
  record ObjectsRemoved(String collectionId, String stixId, List<String> versions)
      implements StoreChange {
    public ObjectsRemoved {
      Objects.requireNonNull(collectionId, "collectionId");
      Objects.requireNonNull(stixId, "stixId");
      versions = List.copyOf(versions);
    }
  }

  /**
   * One added version.
   *
   * @param dateAdded microseconds since the epoch, unique and increasing in the collection
   * @param latest whether it is now the newest version of its id in the collection
   */
  record AddedVersion(
      String stixId, String version, String type, boolean revoked, long dateAdded, boolean latest) {
    public AddedVersion {
      Objects.requireNonNull(stixId, "stixId");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(type, "type");
    }
  }
}
