package dev.kasa.node.store;

import java.util.Objects;
import java.util.UUID;

/**
 * A collection.
 *
 * @param id its TAXII id, a version-4 UUID
 * @param alias the local name every command accepts in place of the UUID
 * @param title the TAXII title
 * @param description the TAXII description, or null
 */
public record CollectionRecord(String id, String alias, String title, String description) {
  public CollectionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(title, "title");
    if (UUID.fromString(id).version() != 4) {
      throw new IllegalArgumentException("collection id is not a version-4 UUID: " + id);
    }
  }
}
