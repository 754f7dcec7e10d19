package dev.kasa.node.store;

import dev.kasa.node.store.AccessState.Kind;
import java.util.Objects;

/**
 * Who gave the node an object: a partner or a local user. Never read from inside the object.
 *
 * @param principal the partner's or user's name
 */
public record Origin(String principal, Kind kind) {
  public Origin {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(kind, "kind");
  }
}
