package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.sharing.Decision;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.sharing.VersionFacts;
import dev.kasa.node.store.AuditEvent;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.IncomingObject;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.node.store.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The node's collections as TAXII serves them, without HTTP: which collections a caller sees, pages
 * of objects through the sharing seam (audited), and what a caller may add. The TAXII routes answer
 * from it; so does an in-process federation in tests. Problems are {@link HttpProblem}s.
 */
public final class ServedCollections {
  private final Store store;
  private final SharingPolicy sharing;

  public ServedCollections(Store store, SharingPolicy sharing) {
    this.store = store;
    this.sharing = sharing;
  }

  /** A page of objects as {@code GET .../objects/} answers it. */
  public record ObjectsPage(byte[] body, boolean more, String next, String dateAddedLast) {}

  /**
   * The page {@code GET collections/ID/objects/} with these URL parameters answers {@code r}.
   *
   * @throws HttpProblem as the route would answer
   */
  public ObjectsPage objects(Recipient r, String collectionId, Map<String, List<String>> params) {
    EntryPage page = objects(r, readableCollection(r, collectionId), params);
    List<StoredEntry> es = page.entries();
    return new ObjectsPage(
        Envelopes.objects(page),
        page.more(),
        page.more() ? Envelopes.next(page) : null,
        es.isEmpty() ? null : Versions.taxiiTimestamp(es.get(es.size() - 1).dateAdded()));
  }

  EntryPage objects(Recipient r, CollectionRecord col, Map<String, List<String>> params) {
    EntryQuery q =
        TaxiiFilters.parse(params, TaxiiFilters.Allowed.OBJECTS, List.of(), VersionSelector.LAST);
    return page(r, col, q, true);
  }

  /**
   * What {@code r} may add to the collection: anything with a write grant (or as a local admin);
   * with a read grant alone, a partner may add only sightings of objects it was served there.
   *
   * @return the test the valid objects of a request must pass as a whole
   * @throws HttpProblem 404 for a collection it cannot see, 403 without either grant
   */
  public Predicate<List<IncomingObject>> additions(Recipient r, String collectionId) {
    CollectionRecord col = visibleCollection(r, collectionId);
    if (sharing.mayWrite(r, col.id()).allowed()) {
      return objects -> true;
    }
    if (r.isPartner() && sharing.mayRead(r, col.id()).allowed()) {
      return objects -> sightingsOfServed(r, col, objects);
    }
    throw new HttpProblem(HttpProblem.Kind.FORBIDDEN, "no write access to collection " + col.id());
  }

  private boolean sightingsOfServed(Recipient r, CollectionRecord col, List<IncomingObject> objs) {
    for (var o : objs) {
      if (!o.type().equals("sighting") || o.sightingOf() == null) {
        return false;
      }
      var q =
          new EntryQuery(
              Long.MIN_VALUE,
              1,
              List.of(o.sightingOf()),
              List.of(),
              VersionSelector.LAST,
              List.of());
      boolean served =
          store
              .reader()
              .page(
                  col.id(),
                  q,
                  false,
                  e -> sharing.mayReceive(r, col.id(), VersionFacts.of(e)).allowed())
              .map(p -> !p.entries().isEmpty())
              .orElse(false);
      if (!served) {
        return false;
      }
    }
    return true;
  }

  // The objects that this recipient may receive: the sharing seam, asked for every version. A
  // page that carries objects to a partner (a crossing; local users' reads are not) is audited as
  // one entry listing them, and what the seam held back from a partner as one entry per rule. The
  // entries are queued (AuditLog.appendSoon): the page does not wait for their commit.
  EntryPage page(Recipient r, CollectionRecord col, EntryQuery q, boolean withBody) {
    Map<String, List<String>> refused = new TreeMap<>();
    Predicate<StoredEntry> mayReceive =
        e -> {
          Decision d = sharing.mayReceive(r, col.id(), VersionFacts.of(e));
          if (!d.allowed() && r.isPartner()) {
            refused.computeIfAbsent(d.rule(), k -> new ArrayList<>()).add(e.stixId());
          }
          return d.allowed();
        };
    EntryPage page =
        store
            .reader()
            .page(col.id(), q, withBody, mayReceive)
            .orElseThrow(() -> notFound(col.id()));
    var events = new ArrayList<AuditEvent>();
    if (withBody && r.isPartner() && !page.entries().isEmpty()) {
      events.add(
          new AuditEvent(
              "serve",
              r.name(),
              col.id(),
              null,
              page.entries().stream().map(StoredEntry::stixId).distinct().toList(),
              null));
    }
    refused.forEach(
        (rule, ids) ->
            events.add(
                new AuditEvent(
                    "refuse", r.name(), col.id(), rule, ids.stream().distinct().toList(), null)));
    store.audit().appendSoon(events);
    return page;
  }

  boolean visible(Recipient r, String collectionId) {
    return sharing.mayRead(r, collectionId).allowed()
        || sharing.mayWrite(r, collectionId).allowed();
  }

  CollectionRecord visibleCollection(Recipient r, String id) {
    CollectionRecord col =
        store.collections().find(id).filter(c -> c.id().equals(id)).orElseThrow(() -> notFound(id));
    if (!visible(r, col.id())) {
      throw notFound(id);
    }
    return col;
  }

  CollectionRecord readableCollection(Recipient r, String id) {
    CollectionRecord col = visibleCollection(r, id);
    if (!sharing.mayRead(r, col.id()).allowed()) {
      throw new HttpProblem(HttpProblem.Kind.FORBIDDEN, "no read access to collection " + id);
    }
    return col;
  }

  static HttpProblem notFound(String collectionId) {
    return new HttpProblem(
        HttpProblem.Kind.NOT_FOUND, "no collection " + TaxiiMedia.clip(collectionId));
  }
}
