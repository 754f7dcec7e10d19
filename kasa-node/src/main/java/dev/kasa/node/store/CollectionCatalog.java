package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Collections: created with a new version-4 UUID, found by UUID or by local alias. */
public final class CollectionCatalog {
  private final Store store;

  CollectionCatalog(Store store) {
    this.store = store;
  }

  /**
   * Creates a collection.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when the alias is taken
   */
  public CollectionRecord add(String alias, String title, String description) {
    CollectionRecord c =
        new CollectionRecord(UUID.randomUUID().toString(), alias, title, description);
    store.write(
        h -> {
          if (find(h, alias).isPresent()) {
            throw new KasaException(
                ErrorCode.USAGE, "a collection named '" + alias + "' already exists");
          }
          h.createUpdate(
                  "INSERT INTO collection (id, alias, title, description, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")
              .bind(0, c.id())
              .bind(1, c.alias())
              .bind(2, c.title())
              .bind(3, c.description())
              .bind(4, store.nowMicros())
              .execute();
          store.bumpChangeCounter(h);
          AuditLog.append(
              store,
              h,
              List.of(
                  AuditEvent.of(
                      "collection-add",
                      null,
                      c.id(),
                      "{\"alias\":"
                          + Json.quote(c.alias())
                          + ",\"title\":"
                          + Json.quote(c.title())
                          + "}")));
          return null;
        });
    return c;
  }

  /** The collection with that UUID or alias. */
  public Optional<CollectionRecord> find(String idOrAlias) {
    return store.call(h -> find(h, idOrAlias));
  }

  /**
   * The collection with that UUID or alias.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when there is none
   */
  public CollectionRecord resolve(String idOrAlias) {
    return find(idOrAlias)
        .orElseThrow(
            () -> new KasaException(ErrorCode.USAGE, "no collection named '" + idOrAlias + "'"));
  }

  /** Every collection, in a stable order (by creation). */
  public List<CollectionRecord> all() {
    return store.call(CollectionCatalog::all);
  }

  static List<CollectionRecord> all(Handle h) {
    return h.createQuery("SELECT id, alias, title, description FROM collection ORDER BY col")
        .map(
            (rs, ctx) ->
                new CollectionRecord(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  static Optional<CollectionRecord> find(Handle h, String idOrAlias) {
    return h.createQuery(
            "SELECT id, alias, title, description FROM collection WHERE id = ? OR alias = ?"
                + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END")
        .bind(0, idOrAlias)
        .bind(1, idOrAlias)
        .bind(2, idOrAlias)
        .map(
            (rs, ctx) ->
                new CollectionRecord(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .findFirst();
  }

  /** The internal key of a collection given by UUID or alias. */
  static long key(Handle h, String idOrAlias) {
    return h.createQuery(
            "SELECT col FROM collection WHERE id = ? OR alias = ?"
                + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END")
        .bind(0, idOrAlias)
        .bind(1, idOrAlias)
        .bind(2, idOrAlias)
        .mapTo(Long.class)
        .findFirst()
        .orElseThrow(
            () -> new KasaException(ErrorCode.USAGE, "no collection named '" + idOrAlias + "'"));
  }

  /** The internal key of a collection by UUID, if it exists. */
  static Optional<Long> keyById(Handle h, String id) {
    return h.createQuery("SELECT col FROM collection WHERE id = ?")
        .bind(0, id)
        .mapTo(Long.class)
        .findOne();
  }
}
