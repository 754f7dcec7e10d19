package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * Everything a server needs to authenticate and authorise, read at one change counter: loaded again
 * whenever the counter moves.
 *
 * @param changeCounter the counter these records were read at
 * @param tokenSalt the node's salt for bearer-token hashes
 */
public record AccessState(
    long changeCounter,
    String tokenSalt,
    List<PrincipalRecord> principals,
    List<SecretRecord> secrets,
    List<GrantRecord> grants,
    List<CollectionRecord> collections) {
  public AccessState {
    Objects.requireNonNull(tokenSalt, "tokenSalt");
    principals = List.copyOf(principals);
    secrets = List.copyOf(secrets);
    grants = List.copyOf(grants);
    collections = List.copyOf(collections);
  }

  /** A partner or a local user. */
  public enum Kind {
    PARTNER,
    USER
  }

  /** What a local user may do. */
  public enum Role {
    ADMIN,
    ANALYST,
    SENSOR
  }

  /**
   * @param role null for a partner
   */
  public record PrincipalRecord(String name, Kind kind, Role role) {
    public PrincipalRecord {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      if ((kind == Kind.USER) != (role != null)) {
        throw new IllegalArgumentException("a user has a role and a partner none: " + name);
      }
    }
  }

  /** A password or token of a principal, as its salted slow hash. */
  public record SecretRecord(String principal, SecretKind kind, String hash) {
    public SecretRecord {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hash, "hash");
    }
  }

  /** How a secret is presented: HTTP Basic or a bearer token. */
  public enum SecretKind {
    PASSWORD,
    TOKEN
  }

  /** What a partner may do with a collection (by its UUID). */
  public record GrantRecord(String principal, String collectionId, boolean read, boolean write) {
    public GrantRecord {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(collectionId, "collectionId");
    }
  }
}
