package dev.kasa.node.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the intelligence for people (the web UI): how many objects each collection holds, every
 * version of an object with where it came from and where it is held, and a search by value. Nothing
 * here goes through the sharing seam: only local users (analysts and admins, who see every
 * collection) are shown it.
 */
public final class IntelBrowser {
  /** The most objects a search returns. */
  public static final int MAX_SEARCH = 200;

  private final Store store;

  IntelBrowser(Store store) {
    this.store = store;
  }

  /** A source of one version and when it gave it to us (µs). */
  public record Received(String principal, Kind kind, long at) {
    public Received {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * One stored version of an object.
   *
   * @param markingRefs every marking ref it was stored with (object and granular)
   * @param firstReceived when the node first received it (µs)
   * @param collections the aliases of the collections that hold it
   * @param body its bytes as first received
   */
  public record HeldVersion(
      String version,
      String type,
      String specVersion,
      Tlp tlp,
      List<String> markingRefs,
      boolean revoked,
      long firstReceived,
      List<Received> origins,
      List<String> collections,
      byte[] body) {
    public HeldVersion {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(tlp, "tlp");
      markingRefs = List.copyOf(markingRefs);
      origins = List.copyOf(origins);
      collections = List.copyOf(collections);
      Objects.requireNonNull(body, "body");
    }
  }

  /** An object a search found: its id, type and newest stored bytes. */
  public record Found(String stixId, String type, byte[] body) {
    public Found {
      Objects.requireNonNull(stixId, "stixId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Per collection UUID, how many objects it holds (counting each id once). */
  public Map<String, Long> objectCounts() {
    return store.call(
        h -> {
          Map<String, Long> out = new LinkedHashMap<>();
          h.createQuery(
                  "SELECT c.id, (SELECT COUNT(*) FROM collection_entry e WHERE e.col = c.col AND"
                      + " e.latest = "
                      + store.dialect().yes()
                      + ") FROM collection c ORDER BY c.col")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  /** Every version of {@code stixId} the node holds, newest first (empty when none). */
  public List<HeldVersion> versions(String stixId) {
    return store.call(
        h -> {
          record Row(
              long ver,
              String version,
              String type,
              String spec,
              String refs,
              boolean revoked,
              long first,
              byte[] body) {}
          List<Row> rows =
              h.createQuery(
                      "SELECT ver, version, type, spec_version, marking_refs, revoked,"
                          + " first_received, body FROM object_version WHERE stix_id = ?"
                          + " ORDER BY version_key DESC")
                  .bind(0, stixId)
                  .map(
                      (rs, ctx) ->
                          new Row(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getString(5),
                              rs.getBoolean(6),
                              rs.getLong(7),
                              rs.getBytes(8)))
                  .list();
          List<HeldVersion> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            List<Received> origins =
                h.createQuery(
                        "SELECT principal, kind, received_at FROM version_origin WHERE ver = ?"
                            + " ORDER BY received_at, principal")
                    .bind(0, r.ver())
                    .map(
                        (rs, ctx) ->
                            new Received(
                                rs.getString(1),
                                Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                                rs.getLong(3)))
                    .list();
            List<String> collections =
                h.createQuery(
                        "SELECT c.alias FROM collection_entry e JOIN collection c ON c.col = e.col"
                            + " WHERE e.ver = ? ORDER BY c.col")
                    .bind(0, r.ver())
                    .mapTo(String.class)
                    .list();
            List<String> refs =
                r.refs() == null || r.refs().isEmpty()
                    ? List.of()
                    : Arrays.asList(r.refs().split(" "));
            out.add(
                new HeldVersion(
                    r.version(),
                    r.type(),
                    r.spec(),
                    ObjectReader.tlpOfRefs(r.refs()),
                    refs,
                    r.revoked(),
                    r.first(),
                    origins,
                    collections,
                    r.body()));
          }
          return out;
        });
  }

  /**
   * Objects whose id is {@code value}, then indicators whose stored bytes contain it as their JSON
   * text would write it (candidates: the caller checks the pattern itself), newest first, at most
   * {@code limit} ({@link #MAX_SEARCH} at most). Each id once, with its newest version.
   */
  public List<Found> search(String value, int limit) {
    int max = Math.min(Math.max(limit, 1), MAX_SEARCH);
    byte[] needle =
        new String(JsonStringEncoder.getInstance().quoteAsString(value))
            .getBytes(StandardCharsets.UTF_8);
    return store.call(
        h -> {
          Map<String, Found> out = new LinkedHashMap<>();
          h.createQuery(
                  "SELECT stix_id, type, body FROM object_version WHERE stix_id = ?"
                      + " ORDER BY version_key DESC LIMIT 1")
              .bind(0, value)
              .map((rs, ctx) -> new Found(rs.getString(1), rs.getString(2), rs.getBytes(3)))
              .forEach(f -> out.put(f.stixId(), f));
          h.createQuery(
                  "SELECT v.stix_id, v.type, v.body FROM object_version v WHERE v.type ="
                      + " 'indicator' AND "
                      + store.dialect().bytesContain("v.body", "needle")
                      + " AND NOT EXISTS (SELECT 1 FROM object_version n WHERE n.stix_id ="
                      + " v.stix_id AND n.version_key > v.version_key)"
                      + " ORDER BY v.ver DESC LIMIT :limit")
              .bind("needle", needle)
              .bind("limit", max)
              .map((rs, ctx) -> new Found(rs.getString(1), rs.getString(2), rs.getBytes(3)))
              .forEach(f -> out.putIfAbsent(f.stixId(), f));
          return List.copyOf(out.values()).subList(0, Math.min(out.size(), max));
        });
  }
}
