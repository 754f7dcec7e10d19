package dev.kasa.node.ui;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.IntelBrowser;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.node.store.Versions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The intel browser: collections, the objects of a collection (newest versions, paged by date
 * added), an object with every version, its origins and markings, and a search by value.
 */
final class IntelPages {
  static final int PAGE = 50;
  static final int MAX_PAGE = 200;
  static final int MAX_QUERY = 512;

  private final WebUi ui;
  private final Store store;
  private final Templates templates;

  IntelPages(WebUi ui, Store store, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
  }

  record CollectionRow(String id, String alias, String title, String description, long objects) {}

  record CollectionsView(Frame frame, List<CollectionRow> collections) {}

  record ObjectRow(
      String id,
      String type,
      String version,
      String tlp,
      String origins,
      String name,
      String pattern,
      String added) {
    String href() {
      return "/ui/intel/objects/" + id + "/";
    }
  }

  /** One page of object rows and the link to the next (null at the end). */
  record ObjectRows(List<ObjectRow> rows, String next) {}

  record ObjectsView(Frame frame, CollectionRecord collection, ObjectRows page) {}

  record VersionRow(
      String version,
      String type,
      String specVersion,
      String tlp,
      List<String> markings,
      boolean revoked,
      String firstReceived,
      List<String> origins,
      List<String> collections,
      ObjectText text) {}

  record ObjectView(Frame frame, String stixId, List<VersionRow> versions) {}

  record SearchRow(String id, String type, String name, String pattern) {
    String href() {
      return "/ui/intel/objects/" + id + "/";
    }
  }

  record SearchView(Frame frame, String query, List<SearchRow> results, boolean searched) {}

  void register(RoutesConfig routes) {
    routes.get("/ui/intel/", this::collections);
    routes.get("/ui/intel/collections/{collection}/", this::objects);
    routes.get("/ui/intel/objects/{object}/", this::object);
    routes.get("/ui/intel/search", this::search);
  }

  private void collections(Context ctx) {
    Map<String, Long> counts = store.browser().objectCounts();
    List<CollectionRow> rows = new ArrayList<>();
    for (CollectionRecord c : store.collections().all()) {
      rows.add(
          new CollectionRow(
              c.id(), c.alias(), c.title(), c.description(), counts.getOrDefault(c.id(), 0L)));
    }
    ctx.html(
        templates.render(
            "collections.jte", new CollectionsView(ui.frame(ctx, "Collections", "intel"), rows)));
  }

  private void objects(Context ctx) {
    String id = ctx.pathParam("collection");
    CollectionRecord c =
        store
            .collections()
            .find(id)
            .orElseThrow(() -> new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no collection " + id));
    long after = Params.longParam(ctx, "after", Long.MIN_VALUE);
    int limit = Params.limit(ctx, PAGE, MAX_PAGE);
    EntryPage page =
        store
            .reader()
            .page(
                c.id(),
                new EntryQuery(
                    after, limit, List.of(), List.of(), EntryQuery.VersionSelector.LAST, List.of()),
                true,
                e -> true)
            .orElseThrow(() -> new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no collection " + id));
    List<ObjectRow> rows = new ArrayList<>();
    for (StoredEntry e : page.entries()) {
      ObjectText text = ObjectText.of(e.body());
      rows.add(
          new ObjectRow(
              e.stixId(),
              e.type(),
              e.version(),
              tlp(e.tlp()),
              origins(e.origins()),
              text.name(),
              text.pattern(),
              Versions.taxiiTimestamp(e.dateAdded())));
    }
    String next =
        page.more()
            ? "/ui/intel/collections/"
                + c.id()
                + "/?after="
                + page.entries().get(page.entries().size() - 1).dateAdded()
                + "&limit="
                + limit
            : null;
    var objectRows = new ObjectRows(rows, next);
    if (WebUi.fromHtmx(ctx)) {
      ctx.html(templates.render("objectRows.jte", objectRows));
    } else {
      ctx.html(
          templates.render(
              "objects.jte", new ObjectsView(ui.frame(ctx, c.title(), "intel"), c, objectRows)));
    }
  }

  private void object(Context ctx) {
    String id = ctx.pathParam("object");
    List<IntelBrowser.HeldVersion> held = store.browser().versions(id);
    if (held.isEmpty()) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "the node holds no object " + id);
    }
    List<VersionRow> rows = new ArrayList<>();
    for (IntelBrowser.HeldVersion v : held) {
      rows.add(
          new VersionRow(
              v.version(),
              v.type(),
              v.specVersion(),
              tlp(v.tlp()),
              v.markingRefs(),
              v.revoked(),
              Versions.taxiiTimestamp(v.firstReceived()),
              v.origins().stream()
                  .map(
                      o ->
                          o.principal()
                              + " ("
                              + o.kind().name().toLowerCase(Locale.ROOT)
                              + ", "
                              + Versions.taxiiTimestamp(o.at())
                              + ")")
                  .toList(),
              v.collections(),
              ObjectText.of(v.body())));
    }
    ctx.html(templates.render("object.jte", new ObjectView(ui.frame(ctx, id, "intel"), id, rows)));
  }

  private void search(Context ctx) {
    String q = ctx.queryParam("q");
    q = q == null ? "" : q.strip();
    if (q.length() > MAX_QUERY) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "a search is at most " + MAX_QUERY + " characters");
    }
    List<SearchRow> rows = new ArrayList<>();
    if (!q.isEmpty()) {
      for (IntelBrowser.Found f : store.browser().search(q, IntelBrowser.MAX_SEARCH)) {
        ObjectText text = ObjectText.of(f.body());
        if (f.stixId().equals(q) || text.pattern().contains(q)) {
          rows.add(new SearchRow(f.stixId(), f.type(), text.name(), text.pattern()));
        }
      }
    }
    ctx.html(
        templates.render(
            "search.jte",
            new SearchView(ui.frame(ctx, "Search", "search"), q, rows, !q.isEmpty())));
  }

  static String tlp(dev.kasa.stix.Tlp tlp) {
    return tlp == dev.kasa.stix.Tlp.NONE ? "unmarked" : tlp.label();
  }

  private static String origins(java.util.Set<Origin> origins) {
    return String.join(", ", origins.stream().map(Origin::principal).sorted().toList());
  }
}
