package dev.kasa.node.admin;

import dev.kasa.node.store.AccessState.SecretKind;
import java.util.Objects;

/**
 * A secret as given to an admin command: a password (HTTP Basic) or a token (Bearer). Its value is
 * hashed at once and never kept or printed.
 */
public record Secret(SecretKind kind, String value) {
  public Secret {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret is not empty");
    }
  }

  @Override
  public String toString() {
    return "Secret[" + kind + ", ...]";
  }
}
