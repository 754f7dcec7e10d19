package dev.kasa.node.store;

import dev.kasa.node.store.StoreChange.AddedVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Adds object versions to a collection in one transaction. A version already stored (same id and
 * version) keeps its first bytes and gains the origin; a version already in the collection is left
 * where it is. Each newly added entry gets its own date_added: the clock's microsecond, or the
 * collection's last one + 1 µs when the clock repeats or goes back, so that date_added is unique
 * and increasing per collection and commits in that order.
 */
public final class ObjectIngest {
  private static final int CHUNK = 400;

  private final Store store;

  ObjectIngest(Store store) {
    this.store = store;
  }

  /**
   * What became of one incoming object.
   *
   * @param version the version as the store shows it (for an unversioned object: when the node
   *     first received it)
   * @param added false when that version was already in the collection
   */
  public record Outcome(String stixId, String version, boolean added, long dateAdded) {}

  /**
   * Stores {@code objects} (in order) into the collection with UUID {@code collectionId}.
   *
   * @return one outcome per object, in order
   */
  public List<Outcome> add(String collectionId, Origin origin, List<IncomingObject> objects) {
    var changes = new ArrayList<AddedVersion>();
    List<Outcome> outcomes =
        store.write(
            h -> {
              long col = lockCollection(h, collectionId);
              long now = store.nowMicros();
              var out = new ArrayList<Outcome>(objects.size());
              for (int from = 0; from < objects.size(); from += CHUNK) {
                List<IncomingObject> chunk =
                    objects.subList(from, Math.min(objects.size(), from + CHUNK));
                out.addAll(addChunk(h, col, origin, chunk, now, changes));
              }
              return out;
            });
    if (!changes.isEmpty()) {
      store.publish(new StoreChange.ObjectsAdded(collectionId, changes));
    }
    return outcomes;
  }

  private long lockCollection(Handle h, String collectionId) {
    return h.createQuery("SELECT col FROM collection WHERE id = ?" + store.dialect().forUpdate())
        .bind(0, collectionId)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(
            () ->
                new dev.kasa.KasaException(
                    dev.kasa.ErrorCode.USAGE, "no collection with id '" + collectionId + "'"));
  }

  private List<Outcome> addChunk(
      Handle h,
      long col,
      Origin origin,
      List<IncomingObject> chunk,
      long now,
      List<AddedVersion> changes) {
    String taxiiNow = Versions.taxiiTimestamp(now);
    try (PreparedBatch versions =
        h.prepareBatch(
            "INSERT INTO object_version (stix_id, version_key, version, type, spec_version, tlp,"
                + " marking_refs, revoked, body, first_received)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (stix_id, version_key) DO NOTHING")) {
      for (IncomingObject o : chunk) {
        versions
            .bind(0, o.stixId())
            .bind(1, o.versionKey())
            .bind(2, o.version() == null ? taxiiNow : o.version())
            .bind(3, o.type())
            .bind(4, o.specVersion())
            .bind(5, o.tlp().name().toLowerCase(java.util.Locale.ROOT))
            .bind(6, o.markingRefs().isEmpty() ? null : String.join(" ", o.markingRefs()))
            .bind(7, o.revoked())
            .bind(8, o.body())
            .bind(9, now)
            .add();
      }
      versions.execute();
    }
    List<String> ids = chunk.stream().map(IncomingObject::stixId).distinct().toList();
    // (id, version key) -> [ver, version text]
    Map<String, Object[]> stored = new HashMap<>();
    h.createQuery(
            "SELECT ver, stix_id, version_key, version FROM object_version WHERE stix_id IN (<ids>)")
        .bindList("ids", ids)
        .map(
            (rs, ctx) ->
                new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)})
        .forEach(r -> stored.put(r[1] + "\n" + r[2], r));
    try (PreparedBatch origins =
        h.prepareBatch(
            "INSERT INTO version_origin (ver, principal, kind, received_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (ver, principal) DO NOTHING")) {
      for (IncomingObject o : chunk) {
        origins
            .bind(0, (long) stored.get(o.stixId() + "\n" + o.versionKey())[0])
            .bind(1, origin.principal())
            .bind(2, origin.kind().name().toLowerCase(java.util.Locale.ROOT))
            .bind(3, now)
            .add();
      }
      origins.execute();
    }
    // The entries already in the collection for these ids: [ver, version key, latest, first].
    Map<String, List<Object[]>> held = new HashMap<>();
    h.createQuery(
            "SELECT stix_id, ver, version_key, latest, first FROM collection_entry"
                + " WHERE col = :col AND stix_id IN (<ids>)")
        .bind("col", col)
        .bindList("ids", ids)
        .map(
            (rs, ctx) ->
                new Object[] {
                  rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)
                })
        .forEach(r -> held.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r));
    long last =
        h.createQuery("SELECT last_added FROM collection WHERE col = ?")
            .bind(0, col)
            .mapTo(Long.class)
            .one();
    // New entries by id, in input order.
    Map<String, List<Object[]>> fresh = new LinkedHashMap<>();
    List<Outcome> outcomes = new ArrayList<>(chunk.size());
    for (IncomingObject o : chunk) {
      Object[] v = stored.get(o.stixId() + "\n" + o.versionKey());
      long ver = (long) v[0];
      List<Object[]> entries = held.computeIfAbsent(o.stixId(), k -> new ArrayList<>());
      boolean present = entries.stream().anyMatch(e -> (long) e[1] == ver);
      if (present) {
        outcomes.add(new Outcome(o.stixId(), (String) v[3], false, 0));
        continue;
      }
      last = Math.max(now, last + 1);
      Object[] entry = {o.stixId(), ver, o.versionKey(), false, false, last, o, v[3]};
      entries.add(entry);
      fresh.computeIfAbsent(o.stixId(), k -> new ArrayList<>()).add(entry);
      outcomes.add(new Outcome(o.stixId(), (String) v[3], true, last));
    }
    if (fresh.isEmpty()) {
      return outcomes;
    }
    // Flags: newest and oldest version key of each id among everything now held.
    List<Long> unsetLatest = new ArrayList<>();
    List<Long> unsetFirst = new ArrayList<>();
    for (var e : fresh.entrySet()) {
      List<Object[]> all = held.get(e.getKey());
      Object[] newest = all.get(0);
      Object[] oldest = all.get(0);
      for (Object[] x : all) {
        if (((String) x[2]).compareTo((String) newest[2]) > 0) {
          newest = x;
        }
        if (((String) x[2]).compareTo((String) oldest[2]) < 0) {
          oldest = x;
        }
      }
      for (Object[] x : all) {
        boolean isNew = x.length > 5;
        boolean latest = x == newest;
        boolean first = x == oldest;
        if (isNew) {
          x[3] = latest;
          x[4] = first;
        } else {
          if ((boolean) x[3] && !latest) {
            unsetLatest.add((long) x[1]);
          }
          if ((boolean) x[4] && !first) {
            unsetFirst.add((long) x[1]);
          }
        }
      }
    }
    String no = store.dialect().no();
    if (!unsetLatest.isEmpty()) {
      h.createUpdate("UPDATE collection_entry SET latest = " + no + " WHERE col = :col AND ver IN (<v>)")
          .bind("col", col)
          .bindList("v", unsetLatest)
          .execute();
    }
    if (!unsetFirst.isEmpty()) {
      h.createUpdate("UPDATE collection_entry SET first = " + no + " WHERE col = :col AND ver IN (<v>)")
          .bind("col", col)
          .bindList("v", unsetFirst)
          .execute();
    }
    try (PreparedBatch entries =
        h.prepareBatch(
            "INSERT INTO collection_entry (col, date_added, ver, stix_id, version_key, type,"
                + " spec_version, latest, first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (List<Object[]> list : fresh.values()) {
        for (Object[] x : list) {
          IncomingObject o = (IncomingObject) x[6];
          entries
              .bind(0, col)
              .bind(1, (long) x[5])
              .bind(2, (long) x[1])
              .bind(3, o.stixId())
              .bind(4, o.versionKey())
              .bind(5, o.type())
              .bind(6, o.specVersion())
              .bind(7, (boolean) x[3])
              .bind(8, (boolean) x[4])
              .add();
          changes.add(
              new AddedVersion(
                  o.stixId(), (String) x[7], o.type(), o.revoked(), (long) x[5], (boolean) x[3]));
        }
      }
      entries.execute();
    }
    h.createUpdate("UPDATE collection SET last_added = ? WHERE col = ?")
        .bind(0, last)
        .bind(1, col)
        .execute();
    return outcomes;
  }
}
