package dev.kasa.node.store;

import dev.kasa.node.store.AccessState.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * What a live detector reads from the store: the newest stored version of every indicator in each
 * collection (revocations included), read in pages by date added, and the versions a {@link
 * StoreChange} names.
 */
public final class IndicatorFeed {
  // The first origin as one column, "kind:principal" (a kind holds no ':'): one look at a
  // version's origins per row instead of two, which a start from a million rows feels.
  private static final String SELECT =
      "SELECT e.date_added, e.stix_id, v.version, v.revoked, v.body,"
          + " (SELECT o.kind || ':' || o.principal FROM version_origin o WHERE o.ver = e.ver"
          + " ORDER BY o.received_at, o.principal LIMIT 1)";
  private static final String COLUMNS =
      SELECT + " FROM collection_entry e JOIN object_version v ON v.ver = e.ver";

  /**
   * By id: from the id's versions (object_version's unique (stix_id, version_key)) to their entries
   * (collection_entry's unique (col, ver)); the CROSS JOIN keeps SQLite from scanning the
   * collection's entries instead, as no index on collection_entry starts with the id.
   */
  private static final String BY_ID =
      SELECT
          + " FROM object_version v CROSS JOIN collection_entry e"
          + " WHERE v.stix_id = :id AND e.col = :col AND e.ver = v.ver AND e.latest = ";

  private final Store store;

  IndicatorFeed(Store store) {
    this.store = store;
  }

  /**
   * One stored version of an indicator in a collection.
   *
   * @param collectionId the collection's UUID
   * @param dateAdded when it was added to the collection (microseconds)
   * @param body the object's bytes as stored
   * @param origin the first partner or user that gave it to us (null only for a damaged store)
   */
  public record Row(
      String collectionId,
      long dateAdded,
      String stixId,
      String version,
      boolean revoked,
      byte[] body,
      Origin origin) {}

  /** The last date added of every collection, by UUID (0 for an empty one). */
  public Map<String, Long> lastAdded() {
    return store.call(
        h -> {
          Map<String, Long> out = new LinkedHashMap<>();
          h.createQuery("SELECT id, last_added FROM collection ORDER BY col")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /**
   * Hands {@code page} the newest version of every indicator added to each collection after the
   * date {@code after} gives for it (every one for a collection it does not name), at most {@code
   * pageSize} rows at a time, in date-added order per collection.
   */
  public void latest(Map<String, Long> after, int pageSize, Consumer<List<Row>> page) {
    for (Map.Entry<String, Long> c : lastAdded().entrySet()) {
      long cursor = after.getOrDefault(c.getKey(), Long.MIN_VALUE);
      while (true) {
        long from = cursor;
        List<Row> rows =
            store.call(
                h -> {
                  Long col = CollectionCatalog.keyById(h, c.getKey()).orElse(null);
                  if (col == null) {
                    return List.<Row>of();
                  }
                  return rows(
                      h,
                      c.getKey(),
                      " WHERE e.col = :col AND e.latest = "
                          + store.dialect().yes()
                          + " AND e.type = 'indicator' AND e.date_added > :after"
                          + " ORDER BY e.date_added LIMIT :limit",
                      col,
                      from,
                      pageSize);
                });
        if (rows.isEmpty()) {
          break;
        }
        page.accept(rows);
        cursor = rows.get(rows.size() - 1).dateAdded();
        if (rows.size() < pageSize) {
          break;
        }
      }
    }
  }

  /** The indicator versions of {@code added} as stored in the collection. */
  public List<Row> added(StoreChange.ObjectsAdded added) {
    List<Long> dates = new ArrayList<>();
    for (StoreChange.AddedVersion v : added.versions()) {
      if (v.type().equals("indicator")) {
        dates.add(v.dateAdded());
      }
    }
    if (dates.isEmpty()) {
      return List.of();
    }
    return store.call(
        h -> {
          Long col = CollectionCatalog.keyById(h, added.collectionId()).orElse(null);
          if (col == null) {
            return List.<Row>of();
          }
          List<Row> out = new ArrayList<>();
          for (int i = 0; i < dates.size(); i += 500) {
            List<Long> part = dates.subList(i, Math.min(dates.size(), i + 500));
            out.addAll(
                h.createQuery(
                        COLUMNS
                            + " WHERE e.col = :col AND e.date_added IN (<d>) ORDER BY e.date_added")
                    .bind("col", col)
                    .bindList("d", part)
                    .map((rs, ctx) -> row(added.collectionId(), rs))
                    .list());
          }
          return out;
        });
  }

  /** The newest version of {@code stixId} in every collection that holds it. */
  public List<Row> newestOf(String stixId) {
    List<Row> out = new ArrayList<>();
    for (String collection : lastAdded().keySet()) {
      out.addAll(
          store.call(
              h -> {
                Long col = CollectionCatalog.keyById(h, collection).orElse(null);
                if (col == null) {
                  return List.<Row>of();
                }
                return h.createQuery(BY_ID + store.dialect().yes())
                    .bind("col", col)
                    .bind("id", stixId)
                    .map((rs, ctx) -> row(collection, rs))
                    .list();
              }));
    }
    return out;
  }

  /**
   * The newest version of each of {@code stixIds} in every collection that holds it, looked up in
   * IN lists of at most 500 ids per collection.
   */
  public List<Row> newestOf(Collection<String> stixIds) {
    if (stixIds.isEmpty()) {
      return List.of();
    }
    List<String> ids = List.copyOf(stixIds);
    List<Row> out = new ArrayList<>();
    for (String collection : lastAdded().keySet()) {
      out.addAll(
          store.call(
              h -> {
                Long col = CollectionCatalog.keyById(h, collection).orElse(null);
                List<Row> rows = new ArrayList<>();
                for (int i = 0; col != null && i < ids.size(); i += 500) {
                  rows.addAll(
                      h.createQuery(SELECT + IndicatorContext.BY_IDS + store.dialect().yes())
                          .bind("col", col)
                          .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                          .map((rs, ctx) -> row(collection, rs))
                          .list());
                }
                return rows;
              }));
    }
    return out;
  }

  /** An entry of a collection: its collection's UUID, date added (microseconds) and STIX id. */
  public record Added(String collectionId, long dateAdded, String stixId) {}

  /**
   * Hands {@code page} the entries of objects of {@code types} added to each collection after the
   * date {@code after} gives for it (every one for a collection it does not name), at most {@code
   * pageSize} at a time, in date-added order per collection.
   */
  public void addedOfTypes(
      Map<String, Long> after, Set<String> types, int pageSize, Consumer<List<Added>> page) {
    for (Map.Entry<String, Long> c : lastAdded().entrySet()) {
      long cursor = after.getOrDefault(c.getKey(), Long.MIN_VALUE);
      if (cursor >= c.getValue()) {
        continue;
      }
      while (true) {
        long from = cursor;
        List<Added> entries =
            store.call(
                h -> {
                  Long col = CollectionCatalog.keyById(h, c.getKey()).orElse(null);
                  if (col == null) {
                    return List.<Added>of();
                  }
                  return h.createQuery(
                          "SELECT e.date_added, e.stix_id FROM collection_entry e"
                              + " WHERE e.col = :col AND e.date_added > :after"
                              + " AND e.type IN (<types>) ORDER BY e.date_added LIMIT :limit")
                      .bind("col", col)
                      .bind("after", from)
                      .bindList("types", List.copyOf(types))
                      .bind("limit", pageSize)
                      .map((rs, ctx) -> new Added(c.getKey(), rs.getLong(1), rs.getString(2)))
                      .list();
                });
        if (entries.isEmpty()) {
          break;
        }
        page.accept(entries);
        cursor = entries.get(entries.size() - 1).dateAdded();
        if (entries.size() < pageSize) {
          break;
        }
      }
    }
  }

  private static List<Row> rows(
      Handle h, String collectionId, String where, long col, long after, int limit) {
    return h.createQuery(COLUMNS + where)
        .bind("col", col)
        .bind("after", after)
        .bind("limit", limit)
        .map((rs, ctx) -> row(collectionId, rs))
        .list();
  }

  private static Row row(String collectionId, java.sql.ResultSet rs) throws java.sql.SQLException {
    String origin = rs.getString(6);
    int colon = origin == null ? -1 : origin.indexOf(':');
    return new Row(
        collectionId,
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBoolean(4),
        rs.getBytes(5),
        colon < 0
            ? null
            : new Origin(
                origin.substring(colon + 1),
                origin.startsWith("partner:") ? Kind.PARTNER : Kind.USER));
  }
}
