package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.store.StoreChange.AddedVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Adds object versions to a collection in one transaction. A version already stored (same id and
 * version) keeps its first bytes and gains the origin; a version already in the collection is left
 * where it is. Each newly added entry gets its own date_added: the clock's microsecond, or the
 * collection's last one + 1 µs when the clock repeats or goes back, so that date_added is unique
 * and increasing per collection and commits in that order (the collection row is locked for the
 * transaction). The hot path uses plain JDBC batches: ingest speed is a stated goal. On SQLite,
 * concurrent adds may share one transaction ({@link GroupCommit}); each returns once its
 * transaction has committed.
 */
public final class ObjectIngest {
  private static final int MAX_ATTEMPTS = 5;
  private static final java.util.Comparator<IncomingObject> LOCK_ORDER =
      java.util.Comparator.comparing(IncomingObject::stixId)
          .thenComparing(IncomingObject::versionKey);

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
   * @param dateAdded its date_added when added, else 0
   */
  public record Outcome(String stixId, String version, boolean added, long dateAdded) {}

  // A stored version of an id: its row id, key and shown version.
  private record Stored(long ver, String key, String version) {}

  // An entry of the collection for an id, mutable flags while the batch is worked out.
  private static final class Entry {
    final long ver;
    final String key;
    final IncomingObject incoming; // null for an entry already held
    final String version;
    long dateAdded;
    boolean latest;
    boolean first;

    Entry(
        long ver,
        String key,
        IncomingObject incoming,
        String version,
        boolean latest,
        boolean first) {
      this.ver = ver;
      this.key = key;
      this.incoming = incoming;
      this.version = version;
      this.latest = latest;
      this.first = first;
    }
  }

  /**
   * What an add leaves beside the objects, written in the same transaction: the add-objects status
   * resource (or null) and audit events (one per request, listing its ids, not one per object).
   */
  public record Record(StatusRecord status, List<AuditEvent> audit) {
    public static final Record NONE = new Record(null, List.of());

    public Record {
      audit = List.copyOf(audit);
    }
  }

  /**
   * Stores {@code objects} (in order) into the collection with UUID {@code collectionId}.
   *
   * @return one outcome per object, in order
   * @throws KasaException {@link ErrorCode#USAGE} when the collection does not exist
   */
  public List<Outcome> add(String collectionId, Origin origin, List<IncomingObject> objects) {
    return add(collectionId, origin, objects, outcomes -> Record.NONE);
  }

  /**
   * As {@link #add(String, Origin, List)}, writing what {@code record} makes of the outcomes in the
   * same transaction: one commit per request.
   */
  public List<Outcome> add(
      String collectionId,
      Origin origin,
      List<IncomingObject> objects,
      Function<List<Outcome>, Record> record) {
    var changes = new ArrayList<AddedVersion>();
    List<Outcome> outcomes = null;
    // PostgreSQL: rows are locked in one order (versions by id and key, origins by row id), so
    // concurrent requests should not deadlock; should the database still abort one (a lock taken
    // by a trigger or index page, say), it is tried again and then finds the versions stored.
    for (int attempt = 1; outcomes == null; attempt++) {
      changes.clear();
      try {
        outcomes = write(collectionId, origin, objects, record, changes);
      } catch (KasaException e) {
        if (attempt >= MAX_ATTEMPTS || !deadlocked(e)) {
          throw e;
        }
      }
    }
    if (!changes.isEmpty()) {
      store.publish(new StoreChange.ObjectsAdded(collectionId, changes));
    }
    return outcomes;
  }

  // A batch's own message repeats every statement of the batch; the database's reason is enough.
  private static String reason(SQLException e) {
    SQLException next = e.getNextException();
    return next != null && next.getMessage() != null ? next.getMessage() : e.getMessage();
  }

  private static boolean deadlocked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException q && "40P01".equals(q.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private List<Outcome> write(
      String collectionId,
      Origin origin,
      List<IncomingObject> objects,
      Function<List<Outcome>, Record> record,
      List<AddedVersion> changes) {
    // SQLite: several requests' adds commit together (GroupCommit): one commit for many bundles.
    return store
        .groupCommit()
        .write(
            h -> {
              changes.clear(); // a work may run twice: grouped, then alone
              List<Outcome> out;
              try {
                out = add(h, collectionId, origin, objects, changes);
              } catch (SQLException e) {
                throw new KasaException(ErrorCode.IO_FAILURE, "store: " + reason(e), e);
              }
              Record r = record.apply(out);
              if (r.status() != null) {
                StatusLog.save(h, r.status());
              }
              AuditLog.append(store, h, r.audit());
              return out;
            },
            Math.max(1, objects.size()));
  }

  private List<Outcome> add(
      Handle h,
      String collectionId,
      Origin origin,
      List<IncomingObject> objects,
      List<AddedVersion> changes)
      throws SQLException {
    Connection c = h.getConnection();
    Dialect dialect = store.dialect();
    long now = store.nowMicros();
    String received = Versions.taxiiTimestamp(now);
    List<String> ids = objects.stream().map(IncomingObject::stixId).distinct().toList();

    // 1. The versions of these ids already stored, in any collection.
    Map<String, Map<String, Stored>> stored = new HashMap<>();
    dialect.forEachVersion(
        c,
        ids,
        (id, ver, key, version) ->
            stored
                .computeIfAbsent(id, k -> new HashMap<>())
                .put(key, new Stored(ver, key, version)));
    var known = new java.util.HashSet<>(stored.keySet());

    // 2. New versions get ids and are stored with their bytes.
    List<IncomingObject> fresh = new ArrayList<>();
    for (IncomingObject o : objects) {
      Map<String, Stored> versions = stored.computeIfAbsent(o.stixId(), k -> new HashMap<>());
      if (!versions.containsKey(o.versionKey())) {
        versions.put(
            o.versionKey(),
            new Stored(-1, o.versionKey(), o.version() == null ? received : o.version()));
        fresh.add(o);
      }
    }
    // Inserted in one order by every request: two requests storing the same new versions would
    // otherwise each wait for a row the other inserted (a deadlock on PostgreSQL).
    fresh.sort(LOCK_ORDER);
    if (!fresh.isEmpty()) {
      long[] vers = dialect.allocateVersionIds(h, fresh.size());
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO object_version (ver, stix_id, version_key, version, type, spec_version,"
                  + " tlp, marking_refs, revoked, body, first_received, sighting_of)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (stix_id, version_key) DO NOTHING")) {
        for (int i = 0; i < fresh.size(); i++) {
          IncomingObject o = fresh.get(i);
          Stored v =
              new Stored(
                  vers[i], o.versionKey(), stored.get(o.stixId()).get(o.versionKey()).version());
          stored.get(o.stixId()).put(o.versionKey(), v);
          s.setLong(1, v.ver());
          s.setString(2, o.stixId());
          s.setString(3, o.versionKey());
          s.setString(4, v.version());
          s.setString(5, o.type());
          s.setString(6, o.specVersion());
          s.setString(7, o.tlp().name().toLowerCase(Locale.ROOT));
          s.setString(8, o.markingRefs().isEmpty() ? null : String.join(" ", o.markingRefs()));
          s.setBoolean(9, o.revoked());
          s.setBytes(10, o.body());
          s.setLong(11, now);
          s.setString(12, o.sightingOf());
          s.addBatch();
        }
        s.executeBatch();
      }
    }

    // PostgreSQL: another transaction may have stored one of these versions since step 1 (it held
    // no lock then); the versions' rows are what counts. SQLite's transaction holds the write lock
    // from its start.
    if (dialect == Dialect.POSTGRESQL && !fresh.isEmpty()) {
      dialect.forEachVersion(
          c,
          fresh.stream().map(IncomingObject::stixId).distinct().toList(),
          (id, ver, key, version) -> {
            Stored mine = stored.get(id).get(key);
            if (mine != null && mine.ver() != ver) {
              stored.get(id).put(key, new Stored(ver, key, version));
              known.add(id);
            }
          });
    }

    // The edges of new relationship versions, under the versions' settled row ids.
    relations(c, fresh, stored);

    // 3. Who gave us each version, and when.
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO version_origin (ver, principal, kind, received_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (ver, principal) DO NOTHING")) {
      var vers = new java.util.TreeSet<Long>(); // ascending: one lock order for every request
      for (IncomingObject o : objects) {
        vers.add(stored.get(o.stixId()).get(o.versionKey()).ver());
      }
      for (long ver : vers) {
        s.setLong(1, ver);
        s.setString(2, origin.principal());
        s.setString(3, origin.kind().name().toLowerCase(Locale.ROOT));
        s.setLong(4, now);
        s.addBatch();
      }
      s.executeBatch();
    }

    // 4. The collection's entries, from here under the collection's row lock (PostgreSQL; SQLite
    // holds its write lock), so that date_added commits in order. Taken this late so that
    // concurrent requests store their versions side by side. Only ids stored before (or by a
    // concurrent request) can already be held.
    long col;
    long last;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT col, last_added FROM collection WHERE id = ?" + dialect.forUpdate())) {
      s.setString(1, collectionId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new KasaException(ErrorCode.USAGE, "no collection with id '" + collectionId + "'");
        }
        col = rs.getLong(1);
        last = rs.getLong(2);
      }
    }
    Map<String, List<Entry>> held = new HashMap<>();
    if (!known.isEmpty()) {
      dialect.forEachEntry(
          c,
          col,
          List.copyOf(known),
          (id, ver, key, latest, first) ->
              held.computeIfAbsent(id, k -> new ArrayList<>())
                  .add(new Entry(ver, key, null, null, latest, first)));
    }
    Map<String, List<Entry>> added = new LinkedHashMap<>();
    List<Outcome> outcomes = new ArrayList<>(objects.size());
    for (IncomingObject o : objects) {
      Stored v = stored.get(o.stixId()).get(o.versionKey());
      List<Entry> entries = held.computeIfAbsent(o.stixId(), k -> new ArrayList<>());
      if (entries.stream().anyMatch(e -> e.ver == v.ver())) {
        outcomes.add(new Outcome(o.stixId(), v.version(), false, 0));
        continue;
      }
      last = Math.max(now, last + 1);
      Entry e = new Entry(v.ver(), o.versionKey(), o, v.version(), false, false);
      e.dateAdded = last;
      entries.add(e);
      added.computeIfAbsent(o.stixId(), k -> new ArrayList<>()).add(e);
      outcomes.add(new Outcome(o.stixId(), v.version(), true, last));
    }
    if (added.isEmpty()) {
      return outcomes;
    }

    // 5. The newest and oldest version of each id among everything now held.
    List<Long> unsetLatest = new ArrayList<>();
    List<Long> unsetFirst = new ArrayList<>();
    for (String id : added.keySet()) {
      List<Entry> all = held.get(id);
      Entry newest = all.get(0);
      Entry oldest = all.get(0);
      for (Entry x : all) {
        newest = x.key.compareTo(newest.key) > 0 ? x : newest;
        oldest = x.key.compareTo(oldest.key) < 0 ? x : oldest;
      }
      for (Entry x : all) {
        if (x.incoming == null) {
          if (x.latest && x != newest) {
            unsetLatest.add(x.ver);
          }
          if (x.first && x != oldest) {
            unsetFirst.add(x.ver);
          }
        }
        x.latest = x == newest;
        x.first = x == oldest;
      }
    }
    unset(c, col, "latest", unsetLatest);
    unset(c, col, "first", unsetFirst);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO collection_entry (col, date_added, ver, stix_id, version_key, type,"
                + " spec_version, latest, first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (List<Entry> list : added.values()) {
        for (Entry x : list) {
          IncomingObject o = x.incoming;
          s.setLong(1, col);
          s.setLong(2, x.dateAdded);
          s.setLong(3, x.ver);
          s.setString(4, o.stixId());
          s.setString(5, o.versionKey());
          s.setString(6, o.type());
          s.setString(7, o.specVersion());
          s.setBoolean(8, x.latest);
          s.setBoolean(9, x.first);
          s.addBatch();
          changes.add(
              new AddedVersion(
                  o.stixId(), x.version, o.type(), o.revoked(), x.dateAdded, x.latest));
        }
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE collection SET last_added = ? WHERE col = ?")) {
      s.setLong(1, last);
      s.setLong(2, col);
      s.executeUpdate();
    }
    return outcomes;
  }

  /**
   * One relation row per new relationship version. A concurrent request that stored the same
   * version (PostgreSQL) writes the same row: the conflict leaves the first.
   */
  private static void relations(
      Connection c, List<IncomingObject> fresh, Map<String, Map<String, Stored>> stored)
      throws SQLException {
    List<IncomingObject> edges = fresh.stream().filter(o -> o.edge() != null).toList();
    if (edges.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO relation (ver, stix_id, source_ref, target_ref, relationship_type)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (ver) DO NOTHING")) {
      for (IncomingObject o : edges) {
        s.setLong(1, stored.get(o.stixId()).get(o.versionKey()).ver());
        s.setString(2, o.stixId());
        s.setString(3, o.edge().sourceRef());
        s.setString(4, o.edge().targetRef());
        s.setString(5, o.edge().type());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void unset(Connection c, long col, String flag, List<Long> vers) throws SQLException {
    if (vers.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE collection_entry SET " + flag + " = ? WHERE col = ? AND ver = ?")) {
      for (long ver : vers) {
        s.setBoolean(1, false);
        s.setLong(2, col);
        s.setLong(3, ver);
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
