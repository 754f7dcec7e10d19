package dev.kasa.node.store;

import dev.kasa.stix.Tlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads a collection's entries by keyset paging on date_added, which is unique per collection:
 * paging never loses or repeats an entry, also while entries are added.
 */
public final class ObjectReader {
  private final Store store;

  ObjectReader(Store store) {
    this.store = store;
  }

  /**
   * The first entries after {@code query.after()} that match the query and that {@code mayReceive}
   * allows (the sharing decision, asked once per matching entry).
   *
   * @param withBody whether to read the stored bytes
   * @return empty when the collection does not exist
   */
  public Optional<EntryPage> page(
      String collectionId, EntryQuery query, boolean withBody, Predicate<StoredEntry> mayReceive) {
    return store.call(
        h -> {
          Optional<Long> col = CollectionCatalog.keyById(h, collectionId);
          if (col.isEmpty()) {
            return Optional.empty();
          }
          List<StoredEntry> allowed = new ArrayList<>(Math.min(query.limit(), 1024) + 1);
          long cursor = query.after();
          int batch = query.limit() + 1;
          while (allowed.size() <= query.limit()) {
            List<StoredEntry> rows = fetch(h, col.get(), query, cursor, batch, withBody);
            for (StoredEntry e : rows) {
              if (mayReceive.test(e)) {
                allowed.add(e);
                if (allowed.size() > query.limit()) {
                  break;
                }
              }
            }
            if (rows.size() < batch) {
              break;
            }
            cursor = rows.get(rows.size() - 1).dateAdded();
          }
          boolean more = allowed.size() > query.limit();
          return Optional.of(
              new EntryPage(more ? allowed.subList(0, query.limit()) : allowed, more));
        });
  }

  /**
   * Removes the versions of {@code stixId} that the selector and spec versions pick from the
   * collection (the stored versions stay for other collections) and fixes the newest/oldest flags.
   *
   * @return the version texts removed
   */
  public List<String> delete(
      String collectionId,
      String stixId,
      EntryQuery.VersionSelector versions,
      List<String> specVersions) {
    List<String> removed =
        store.write(
            h -> {
              Optional<Long> col = CollectionCatalog.keyById(h, collectionId);
              if (col.isEmpty()) {
                return List.<String>of();
              }
              var q =
                  new EntryQuery(
                      Long.MIN_VALUE,
                      Integer.MAX_VALUE,
                      List.of(stixId),
                      List.of(),
                      versions,
                      specVersions);
              List<StoredEntry> hit = fetch(h, col.get(), q, Long.MIN_VALUE, 100_000, false);
              if (hit.isEmpty()) {
                return List.<String>of();
              }
              h.createUpdate(
                      "DELETE FROM collection_entry WHERE col = :col AND date_added IN (<d>)")
                  .bind("col", col.get())
                  .bindList("d", hit.stream().map(StoredEntry::dateAdded).toList())
                  .execute();
              refreshFlags(h, col.get(), stixId);
              return hit.stream().map(StoredEntry::version).toList();
            });
    if (!removed.isEmpty()) {
      store.publish(new StoreChange.ObjectsRemoved(collectionId, stixId, removed));
    }
    return removed;
  }

  private void refreshFlags(Handle h, long col, String stixId) {
    String yes = store.dialect().yes();
    String no = store.dialect().no();
    h.createUpdate(
            "UPDATE collection_entry SET latest = "
                + no
                + ", first = "
                + no
                + " WHERE col = ? AND ver IN (SELECT ver FROM object_version WHERE stix_id = ?)")
        .bind(0, col)
        .bind(1, stixId)
        .execute();
    for (String[] flag : new String[][] {{"latest", "DESC"}, {"first", "ASC"}}) {
      h.createUpdate(
              "UPDATE collection_entry SET "
                  + flag[0]
                  + " = "
                  + yes
                  + " WHERE col = ? AND date_added = (SELECT e.date_added FROM object_version v"
                  + " CROSS JOIN collection_entry e WHERE e.col = ? AND e.ver = v.ver"
                  + " AND v.stix_id = ?"
                  + " ORDER BY e.version_key "
                  + flag[1]
                  + ", e.date_added LIMIT 1)")
          .bind(0, col)
          .bind(1, col)
          .bind(2, stixId)
          .execute();
    }
  }

  private List<StoredEntry> fetch(
      Handle h, long col, EntryQuery q, long after, int limit, boolean withBody) {
    String yes = store.dialect().yes();
    var sql =
        new StringBuilder(
            "SELECT e.date_added, e.stix_id, v.version, e.type, e.spec_version, v.marking_refs,"
                + " (SELECT n.marking_refs FROM object_version n WHERE n.stix_id = e.stix_id"
                + " ORDER BY n.version_key DESC LIMIT 1),"
                + " (SELECT "
                + store.dialect().originList("o")
                + " FROM version_origin o WHERE o.ver = e.ver), v.sighting_of"
                + (withBody ? ", v.body" : "")
                // With ids: from their stored versions to the entries' (col, ver), as there is no
                // index of entries by id (V4); CROSS JOIN keeps that order in SQLite.
                + (q.ids().isEmpty()
                    ? " FROM collection_entry e JOIN object_version v ON v.ver = e.ver WHERE"
                    : " FROM object_version v CROSS JOIN collection_entry e WHERE e.ver = v.ver"
                        + " AND v.stix_id IN (<ids>) AND")
                + " e.col = :col AND e.date_added > :after");
    var selector = q.versions();
    if (!selector.all()) {
      var any = new ArrayList<String>();
      if (selector.last()) {
        any.add("e.latest = " + yes);
      }
      if (selector.first()) {
        any.add("e.first = " + yes);
      }
      if (!selector.keys().isEmpty()) {
        any.add("e.version_key IN (<keys>)");
      }
      sql.append(
          any.size() == 1 ? " AND " + any.get(0) : " AND (" + String.join(" OR ", any) + ")");
    }
    if (!q.types().isEmpty()) {
      sql.append(" AND e.type IN (<types>)");
    }
    if (!q.specVersions().isEmpty()) {
      sql.append(" AND e.spec_version IN (<specs>)");
    }
    sql.append(" ORDER BY e.date_added LIMIT :limit");
    Query query =
        h.createQuery(sql.toString()).bind("col", col).bind("after", after).bind("limit", limit);
    if (!selector.keys().isEmpty()) {
      query.bindList("keys", selector.keys());
    }
    if (!q.ids().isEmpty()) {
      query.bindList("ids", q.ids());
    }
    if (!q.types().isEmpty()) {
      query.bindList("types", q.types());
    }
    if (!q.specVersions().isEmpty()) {
      query.bindList("specs", q.specVersions());
    }
    List<Row> rows =
        query
            .map(
                (rs, ctx) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        tlpOfRefs(rs.getString(6)),
                        tlpOfRefs(rs.getString(7)),
                        Origins.parse(rs.getString(8)),
                        rs.getString(9),
                        withBody ? rs.getBytes(10) : null))
            .list();
    Map<String, HeldObject> sighted = Origins.held(h, store.dialect(), sightedIds(rows));
    List<StoredEntry> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(
          new StoredEntry(
              r.dateAdded,
              r.stixId,
              r.version,
              r.type,
              r.specVersion,
              r.tlp,
              r.newestTlp,
              r.origins,
              r.sightingOf == null ? null : sighted.get(r.sightingOf),
              r.body));
    }
    return out;
  }

  private record Row(
      long dateAdded,
      String stixId,
      String version,
      String type,
      String specVersion,
      Tlp tlp,
      Tlp newestTlp,
      Set<Origin> origins,
      String sightingOf,
      byte[] body) {}

  private static Set<String> sightedIds(List<Row> rows) {
    Set<String> ids = new HashSet<>();
    for (Row r : rows) {
      if (r.sightingOf != null) {
        ids.add(r.sightingOf);
      }
    }
    return ids;
  }

  // A version's TLP is the engine's one reading (Tlp.ofRefs) of the marking refs it was stored
  // with (space-separated, object and granular), so that the store never holds a second reading.
  static Tlp tlpOfRefs(String markingRefs) {
    return markingRefs == null || markingRefs.isEmpty()
        ? Tlp.NONE
        : Tlp.ofRefs(Arrays.asList(markingRefs.split(" ")));
  }
}
