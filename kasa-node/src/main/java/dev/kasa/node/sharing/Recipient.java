package dev.kasa.node.sharing;

import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.Role;
import java.util.Objects;
import java.util.Set;

/**
 * Someone objects may go to: a partner (by its grants) or a local user (by its role).
 *
 * @param role null for a partner
 * @param readable the UUIDs of the collections a partner was granted read on (empty for users)
 * @param writable the UUIDs of the collections a partner was granted write on (empty for users)
 */
public record Recipient(
    String name, Kind kind, Role role, Set<String> readable, Set<String> writable) {
  public Recipient {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.USER) != (role != null)) {
      throw new IllegalArgumentException("a user has a role and a partner none: " + name);
    }
    readable = Set.copyOf(readable);
    writable = Set.copyOf(writable);
  }

  public boolean isPartner() {
    return kind == Kind.PARTNER;
  }
}
