package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.LinkRecord.Direction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Links to partners (one row per direction) and their state: checkpoints, cursors, the last success
 * and error. Adding and removing links is audited and moves the change counter, so a running node
 * starts and stops them within a second; the state is written by the running links.
 */
public final class LinkStore {
  private final Store store;

  LinkStore(Store store) {
    this.store = store;
  }

  /**
   * What {@code link add} asks for.
   *
   * @param local our collection (UUID or alias), or null for a new one aliased {@code
   *     PARTNER-REMOTE}
   * @param secretKind null when no secret is presented
   */
  public record Spec(
      String partner,
      String remote,
      String local,
      Set<Direction> directions,
      String url,
      String user,
      SecretKind secretKind,
      String secretFile,
      String caPem) {
    public Spec {
      directions = Set.copyOf(directions);
      if (directions.isEmpty()) {
        throw new IllegalArgumentException("a link pulls, pushes or both");
      }
    }
  }

  /**
   * Adds a link, or adds directions to an existing one and replaces its address, credentials and
   * pinned certificate (keeping what it has done), creating the partner (without credentials) and
   * the local collection when they are missing.
   *
   * @return the local collection
   * @throws KasaException {@link ErrorCode#NOT_FOUND} when the local collection does not exist;
   *     {@link ErrorCode#USAGE} when the partner is a local user, the local collection differs from
   *     the existing link's, or a push link's partner has no read grant on it
   */
  public CollectionRecord add(Spec spec) {
    return store.write(
        h -> {
          Optional<String> kind =
              h.createQuery("SELECT kind FROM principal WHERE name = ?")
                  .bind(0, spec.partner())
                  .mapTo(String.class)
                  .findOne();
          if (kind.isPresent() && !kind.get().equals("partner")) {
            throw new KasaException(
                ErrorCode.USAGE, "'" + spec.partner() + "' is a local user, not a partner");
          }
          var events = new java.util.ArrayList<AuditEvent>();
          if (kind.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO principal (name, kind, role, created_at) VALUES (?, 'partner',"
                        + " NULL, ?)")
                .bind(0, spec.partner())
                .bind(1, store.nowMicros())
                .execute();
            events.add(AuditEvent.of("partner-add", spec.partner(), null, "{\"secrets\":0}"));
          }
          CollectionRecord local = local(h, spec, events);
          long col = CollectionCatalog.key(h, local.id());
          Optional<Long> existingCol =
              h.createQuery("SELECT col FROM link WHERE partner = ? AND remote = ? LIMIT 1")
                  .bind(0, spec.partner())
                  .bind(1, spec.remote())
                  .mapTo(Long.class)
                  .findOne();
          if (existingCol.isPresent() && existingCol.get() != col) {
            throw new KasaException(
                ErrorCode.USAGE,
                "the link to "
                    + spec.partner()
                    + "'s collection "
                    + spec.remote()
                    + " already uses another local collection; remove it first");
          }
          if (spec.directions().contains(Direction.PUSH)
              && h.createQuery(
                          "SELECT count(*) FROM access_grant WHERE principal = ? AND col = ?"
                              + " AND can_read = "
                              + store.dialect().yes())
                      .bind(0, spec.partner())
                      .bind(1, col)
                      .mapTo(Long.class)
                      .one()
                  == 0) {
            throw new KasaException(
                ErrorCode.USAGE,
                "--push: "
                    + spec.partner()
                    + " holds no read grant on "
                    + local.alias()
                    + "; every path out needs one (kasa grant DIR "
                    + spec.partner()
                    + " "
                    + local.alias()
                    + " --read)");
          }
          for (Direction d : spec.directions()) {
            int updated =
                h.createUpdate(
                        "UPDATE link SET url = ?, user_name = ?, secret_kind = ?, secret_file = ?,"
                            + " ca_pem = ? WHERE partner = ? AND remote = ? AND direction = ?")
                    .bind(0, spec.url())
                    .bind(1, spec.user())
                    .bind(2, lower(spec.secretKind()))
                    .bind(3, spec.secretFile())
                    .bind(4, spec.caPem())
                    .bind(5, spec.partner())
                    .bind(6, spec.remote())
                    .bind(7, d.word())
                    .execute();
            if (updated == 0) {
              h.createUpdate(
                      "INSERT INTO link (partner, remote, col, direction, url, user_name,"
                          + " secret_kind, secret_file, ca_pem, created_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .bind(0, spec.partner())
                  .bind(1, spec.remote())
                  .bind(2, col)
                  .bind(3, d.word())
                  .bind(4, spec.url())
                  .bind(5, spec.user())
                  .bind(6, lower(spec.secretKind()))
                  .bind(7, spec.secretFile())
                  .bind(8, spec.caPem())
                  .bind(9, store.nowMicros())
                  .execute();
            }
            events.add(
                AuditEvent.of(
                    "link-add",
                    spec.partner(),
                    local.id(),
                    "{\"remote\":"
                        + Json.quote(spec.remote())
                        + ",\"direction\":\""
                        + d.word()
                        + "\",\"url\":"
                        + Json.quote(spec.url())
                        + "}"));
          }
          store.bumpChangeCounter(h);
          AgreementStore.bumpSharingEpoch(h);
          AuditLog.append(store, h, events);
          return local;
        });
  }

  /**
   * Removes both directions of the link to {@code partner}'s collection {@code remote}.
   *
   * @throws KasaException {@link ErrorCode#NOT_FOUND} when there is no such link
   */
  public void remove(String partner, String remote) {
    store.write(
        h -> {
          List<Object[]> rows =
              h.createQuery(
                      "SELECT l.direction, c.id FROM link l JOIN collection c ON c.col = l.col"
                          + " WHERE l.partner = ? AND l.remote = ?")
                  .bind(0, partner)
                  .bind(1, remote)
                  .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2)})
                  .list();
          if (rows.isEmpty()) {
            throw new KasaException(
                ErrorCode.NOT_FOUND, "no link to " + partner + "'s collection " + remote);
          }
          h.createUpdate("DELETE FROM link WHERE partner = ? AND remote = ?")
              .bind(0, partner)
              .bind(1, remote)
              .execute();
          store.bumpChangeCounter(h);
          var events = new java.util.ArrayList<AuditEvent>();
          for (Object[] r : rows) {
            events.add(
                AuditEvent.of(
                    "link-remove",
                    partner,
                    (String) r[1],
                    "{\"remote\":" + Json.quote(remote) + ",\"direction\":\"" + r[0] + "\"}"));
          }
          AuditLog.append(store, h, events);
          return null;
        });
  }

  /** Every link, ordered by partner, remote collection and direction. */
  public List<LinkRecord> all() {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT l.id, l.partner, l.remote, c.id, c.alias, c.title, c.description,"
                        + " l.direction, l.url, l.user_name, l.secret_kind, l.secret_file,"
                        + " l.ca_pem, l.checkpoint, l.push_cursor, l.push_epoch, l.back_cursor,"
                        + " l.back_checkpoint, l.last_success, l.last_error, l.last_error_at,"
                        + " l.behind FROM link l JOIN collection c ON c.col = l.col"
                        + " ORDER BY l.partner, l.remote, l.direction")
                .map(
                    (rs, ctx) ->
                        new LinkRecord(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            new CollectionRecord(
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                            Direction.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11) == null
                                ? null
                                : SecretKind.valueOf(rs.getString(11).toUpperCase(Locale.ROOT)),
                            rs.getString(12),
                            rs.getString(13),
                            new LinkRecord.State(
                                rs.getString(14),
                                rs.getLong(15),
                                rs.getLong(16),
                                rs.getLong(17),
                                rs.getString(18),
                                nullableLong(rs, 19),
                                rs.getString(20),
                                nullableLong(rs, 21),
                                nullableLong(rs, 22))))
                .list());
  }

  /** A push link's outbox: entries of its collection added after its push cursor. */
  public long outbox(LinkRecord link) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM collection_entry e JOIN link l ON l.col = e.col"
                        + " WHERE l.id = ? AND e.date_added > l.push_cursor")
                .bind(0, link.id())
                .mapTo(Long.class)
                .one());
  }

  /** The link with that id, with its current state. */
  public Optional<LinkRecord> find(long id) {
    return all().stream().filter(l -> l.id() == id).findFirst();
  }

  /** Pull: the partner's date_added of the last object now held. */
  public void saveCheckpoint(long id, String checkpoint) {
    update(id, "checkpoint = ?", checkpoint);
  }

  /** Push: the last entry pushed and the sharing epoch of that pass. */
  public void savePushCursor(long id, long cursor, long epoch) {
    store.write(
        h ->
            h.createUpdate("UPDATE link SET push_cursor = ?, push_epoch = ? WHERE id = ?")
                .bind(0, cursor)
                .bind(1, epoch)
                .bind(2, id)
                .execute());
  }

  /** Pull: our last entry looked at for sightings going back. */
  public void saveBackCursor(long id, long cursor) {
    update(id, "back_cursor = ?", cursor);
  }

  /** Push: the partner's date_added of the last sighting fetched back. */
  public void saveBackCheckpoint(long id, String checkpoint) {
    update(id, "back_checkpoint = ?", checkpoint);
  }

  /** A round completed; {@code behind} as the partner told it (pull, Kasa partners), or null. */
  public void recordSuccess(long id, Long behind) {
    store.write(
        h ->
            h.createUpdate(
                    "UPDATE link SET last_success = ?, last_error = NULL, last_error_at = NULL,"
                        + " behind = ? WHERE id = ?")
                .bind(0, store.nowMicros())
                .bind(1, behind)
                .bind(2, id)
                .execute());
  }

  /** A round failed. */
  public void recordError(long id, String error) {
    store.write(
        h ->
            h.createUpdate("UPDATE link SET last_error = ?, last_error_at = ? WHERE id = ?")
                .bind(0, error.length() > 500 ? error.substring(0, 500) + "..." : error)
                .bind(1, store.nowMicros())
                .bind(2, id)
                .execute());
  }

  private void update(long id, String set, Object value) {
    store.write(
        h ->
            h.createUpdate("UPDATE link SET " + set + " WHERE id = ?")
                .bind(0, value)
                .bind(1, id)
                .execute());
  }

  private CollectionRecord local(Handle h, Spec spec, List<AuditEvent> events) {
    if (spec.local() != null) {
      return CollectionCatalog.find(h, spec.local())
          .orElseThrow(
              () ->
                  new KasaException(
                      ErrorCode.NOT_FOUND, "no collection named '" + spec.local() + "'"));
    }
    String alias = spec.partner() + "-" + spec.remote();
    Optional<CollectionRecord> existing = CollectionCatalog.find(h, alias);
    if (existing.isPresent()) {
      return existing.get();
    }
    var c =
        new CollectionRecord(
            UUID.randomUUID().toString(),
            alias,
            spec.partner() + "'s collection " + spec.remote(),
            "pulled from " + spec.url());
    h.createUpdate(
            "INSERT INTO collection (id, alias, title, description, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .bind(0, c.id())
        .bind(1, c.alias())
        .bind(2, c.title())
        .bind(3, c.description())
        .bind(4, store.nowMicros())
        .execute();
    events.add(
        AuditEvent.of("collection-add", null, c.id(), "{\"alias\":" + Json.quote(c.alias()) + "}"));
    return c;
  }

  private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }
}
