package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.store.AccessState.GrantRecord;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.AccessState.SecretRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Partners and users (one namespace of names), their secret hashes and their grants. */
public final class Accounts {
  private final Store store;

  Accounts(Store store) {
    this.store = store;
  }

  /**
   * Adds a principal with the given secret hashes, or adds the hashes to an existing principal of
   * the same kind and role.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when the name is taken by a principal of another
   *     kind or role
   */
  public void addPrincipal(PrincipalRecord principal, List<SecretRecord> secrets) {
    store.write(
        h -> {
          Optional<PrincipalRecord> existing = principal(h, principal.name());
          if (existing.isPresent() && !existing.get().equals(principal)) {
            throw new KasaException(
                ErrorCode.USAGE,
                "the name '"
                    + principal.name()
                    + "' is already taken by "
                    + describe(existing.get())
                    + " (partners and users share one namespace)");
          }
          long now = store.nowMicros();
          if (existing.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO principal (name, kind, role, created_at) VALUES (?, ?, ?, ?)")
                .bind(0, principal.name())
                .bind(1, lower(principal.kind()))
                .bind(2, principal.role() == null ? null : lower(principal.role()))
                .bind(3, now)
                .execute();
          }
          for (SecretRecord s : secrets) {
            if (s.kind() == SecretKind.TOKEN
                && h.createQuery(
                            "SELECT count(*) FROM secret WHERE kind = 'token' AND hash = ?"
                                + " AND principal <> ?")
                        .bind(0, s.hash())
                        .bind(1, principal.name())
                        .mapTo(Long.class)
                        .one()
                    > 0) {
              throw new KasaException(
                  ErrorCode.USAGE, "that token is already another principal's; give a new one");
            }
            h.createUpdate(
                    "INSERT INTO secret (principal, kind, hash, created_at) VALUES (?, ?, ?, ?)")
                .bind(0, principal.name())
                .bind(1, lower(s.kind()))
                .bind(2, s.hash())
                .bind(3, now)
                .execute();
          }
          store.bumpChangeCounter(h);
          String kind =
              existing.isPresent()
                  ? "secret-add"
                  : principal.kind() == Kind.PARTNER ? "partner-add" : "user-add";
          AuditLog.append(
              store,
              h,
              List.of(
                  AuditEvent.of(
                      kind,
                      principal.name(),
                      null,
                      "{\"role\":"
                          + Json.quote(principal.role() == null ? null : lower(principal.role()))
                          + ",\"secrets\":"
                          + secrets.size()
                          + "}")));
          return null;
        });
  }

  /** The principal of that name, if any. */
  public Optional<PrincipalRecord> principal(String name) {
    return store.call(h -> principal(h, name));
  }

  /**
   * Sets or clears read and write on a collection for a principal; the other permission is kept.
   *
   * @param read null to leave it unchanged
   * @param write null to leave it unchanged
   * @throws KasaException {@link ErrorCode#USAGE} when the principal or collection is unknown
   */
  public void setGrant(String principal, String collection, Boolean read, Boolean write) {
    store.write(
        h -> {
          if (principal(h, principal).isEmpty()) {
            throw new KasaException(
                ErrorCode.USAGE, "no partner or user named '" + principal + "'");
          }
          long col = CollectionCatalog.key(h, collection);
          var current =
              h.createQuery(
                      "SELECT can_read, can_write FROM access_grant WHERE principal = ? AND col ="
                          + " ?")
                  .bind(0, principal)
                  .bind(1, col)
                  .map((rs, ctx) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                  .findOne();
          boolean r = read != null ? read : current.map(c -> c[0]).orElse(false);
          boolean w = write != null ? write : current.map(c -> c[1]).orElse(false);
          h.createUpdate("DELETE FROM access_grant WHERE principal = ? AND col = ?")
              .bind(0, principal)
              .bind(1, col)
              .execute();
          if (r || w) {
            h.createUpdate(
                    "INSERT INTO access_grant (principal, col, can_read, can_write)"
                        + " VALUES (?, ?, ?, ?)")
                .bind(0, principal)
                .bind(1, col)
                .bind(2, r)
                .bind(3, w)
                .execute();
          }
          store.bumpChangeCounter(h);
          if (r && !current.map(c -> c[0]).orElse(false)) {
            AgreementStore.bumpSharingEpoch(h);
          }
          String collectionId =
              h.createQuery("SELECT id FROM collection WHERE col = ?")
                  .bind(0, col)
                  .mapTo(String.class)
                  .one();
          boolean narrows = Boolean.FALSE.equals(read) || Boolean.FALSE.equals(write);
          AuditLog.append(
              store,
              h,
              List.of(
                  AuditEvent.of(
                      narrows ? "revoke" : "grant",
                      principal,
                      collectionId,
                      "{\"read\":" + r + ",\"write\":" + w + "}")));
          return null;
        });
  }

  /** Everything the server authenticates and authorises with, read in one transaction. */
  public AccessState state() {
    return store.write(
        h -> {
          var row =
              h.createQuery("SELECT change_counter, token_salt FROM node_state WHERE id = 1")
                  .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
                  .one();
          List<PrincipalRecord> principals =
              h.createQuery("SELECT name, kind, role FROM principal ORDER BY name")
                  .map(
                      (rs, ctx) ->
                          new PrincipalRecord(
                              rs.getString(1),
                              Kind.valueOf(upper(rs.getString(2))),
                              rs.getString(3) == null
                                  ? null
                                  : Role.valueOf(upper(rs.getString(3)))))
                  .list();
          List<SecretRecord> secrets =
              h.createQuery("SELECT principal, kind, hash FROM secret ORDER BY id")
                  .map(
                      (rs, ctx) ->
                          new SecretRecord(
                              rs.getString(1),
                              SecretKind.valueOf(upper(rs.getString(2))),
                              rs.getString(3)))
                  .list();
          List<GrantRecord> grants =
              h.createQuery(
                      "SELECT g.principal, c.id, g.can_read, g.can_write FROM access_grant g"
                          + " JOIN collection c ON c.col = g.col ORDER BY g.principal, c.id")
                  .map(
                      (rs, ctx) ->
                          new GrantRecord(
                              rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)))
                  .list();
          List<CollectionRecord> collections = CollectionCatalog.all(h);
          return new AccessState(
              (Long) row[0], (String) row[1], principals, secrets, grants, collections);
        });
  }

  /** The node's salt for bearer-token hashes (made by the first migration). */
  public String tokenSalt() {
    return store.call(
        h ->
            h.createQuery("SELECT token_salt FROM node_state WHERE id = 1")
                .mapTo(String.class)
                .one());
  }

  private static Optional<PrincipalRecord> principal(Handle h, String name) {
    return h.createQuery("SELECT name, kind, role FROM principal WHERE name = ?")
        .bind(0, name)
        .map(
            (rs, ctx) ->
                new PrincipalRecord(
                    rs.getString(1),
                    Kind.valueOf(upper(rs.getString(2))),
                    rs.getString(3) == null ? null : Role.valueOf(upper(rs.getString(3)))))
        .findOne();
  }

  private static String describe(PrincipalRecord p) {
    return p.kind() == Kind.PARTNER ? "a partner" : "a user with role " + lower(p.role());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
