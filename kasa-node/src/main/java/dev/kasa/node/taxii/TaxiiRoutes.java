package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.http.ProblemStatus;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.Versions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * The TAXII 2.1 server side: discovery at {@code /taxii2/}, the node's API root at {@code
 * /taxii2/api/}. Handlers are thin: they check media types, access and filters, ask the store, and
 * let every object version out only through {@link SharingPolicy#mayReceive}.
 */
public final class TaxiiRoutes implements AutoCloseable {
  /** The discovery URL path. */
  public static final String DISCOVERY = "/taxii2/";

  /** The API root URL path. */
  public static final String API_ROOT = "/taxii2/api/";

  /** Kasa's live-update path (not TAXII; answers JSON). */
  public static final String CHANGES = "/kasa/v1/changes";

  private final Store store;
  private final SharingPolicy sharing;
  private final TaxiiSettings settings;
  private final AddObjects adding;
  private final LiveUpdates live;
  private final ServedCollections served;

  public TaxiiRoutes(
      Store store,
      SharingPolicy sharing,
      TaxiiSettings settings,
      ObjectIntake intake,
      Clock clock) {
    this(store, sharing, settings, intake, clock, LiveUpdates.WAIT);
  }

  /**
   * @param liveWait how long the live-update path waits before answering 204 (30 s in a node)
   */
  public TaxiiRoutes(
      Store store,
      SharingPolicy sharing,
      TaxiiSettings settings,
      ObjectIntake intake,
      Clock clock,
      java.time.Duration liveWait) {
    this.store = store;
    this.sharing = sharing;
    this.settings = settings;
    this.adding = new AddObjects(store, intake, settings, clock);
    this.live = new LiveUpdates(store, sharing, liveWait);
    this.served = new ServedCollections(store, sharing);
  }

  /** Answers every caller waiting on the live-update path, so that the server can stop. */
  @Override
  public void close() {
    live.close();
  }

  /** Registers every endpoint. */
  public void register(RoutesConfig routes) {
    String c = API_ROOT + "collections/{collection}/";
    routes.get(DISCOVERY, this::discovery);
    routes.get(API_ROOT, this::apiRoot);
    routes.get(API_ROOT + "status/{status}/", this::status);
    routes.get(API_ROOT + "collections/", this::collections);
    routes.get(c, this::collection);
    routes.get(c + "manifest/", this::manifest);
    routes.get(c + "objects/", this::objects);
    routes.post(c + "objects/", this::addObjects);
    routes.get(c + "objects/{object}/", this::object);
    routes.delete(c + "objects/{object}/", this::deleteObject);
    routes.get(c + "objects/{object}/versions/", this::versions);
    routes.get(CHANGES, this::changes);
  }

  private void changes(Context ctx) {
    Recipient r = HttpsServer.recipient(ctx);
    List<String> ids = ctx.queryParamMap().getOrDefault("collection", List.of());
    if (ids.size() != 1) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "give the collection's UUID once: ?collection=UUID");
    }
    CollectionRecord col = readableCollection(r, ids.get(0));
    LiveUpdates.Newer n = live.await(r, col.id(), LiveUpdates.after(ctx.queryParamMap()));
    if (n == null) {
      ctx.status(204);
      return;
    }
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(
        "{\"date_added_last\":\""
            + Versions.taxiiTimestamp(n.lastDateAdded())
            + "\",\"count\":"
            + n.count()
            + "}");
  }

  private void discovery(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    respond(
        ctx,
        200,
        Envelopes.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("title", settings.title());
              g.writeStringField("description", "Kasa node: " + settings.description());
              g.writeStringField("default", API_ROOT);
              g.writeArrayFieldStart("api_roots");
              g.writeString(API_ROOT);
              g.writeEndArray();
              g.writeEndObject();
            }));
  }

  private void apiRoot(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    respond(
        ctx,
        200,
        Envelopes.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("title", settings.title());
              g.writeStringField("description", settings.description());
              g.writeArrayFieldStart("versions");
              g.writeString(ProblemStatus.TAXII_JSON);
              g.writeEndArray();
              g.writeNumberField("max_content_length", settings.maxContentLength());
              g.writeEndObject();
            }));
  }

  private void status(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    respond(ctx, 200, adding.status(HttpsServer.recipient(ctx), ctx.pathParam("status")));
  }

  private void collections(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    List<CollectionRecord> visible =
        store.collections().all().stream().filter(col -> visible(r, col.id())).toList();
    respond(
        ctx,
        200,
        Envelopes.write(
            g -> {
              g.writeStartObject();
              if (!visible.isEmpty()) {
                g.writeArrayFieldStart("collections");
                for (CollectionRecord col : visible) {
                  writeCollection(g, r, col);
                }
                g.writeEndArray();
              }
              g.writeEndObject();
            }));
  }

  private void collection(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = visibleCollection(r, ctx.pathParam("collection"));
    respond(ctx, 200, Envelopes.write(g -> writeCollection(g, r, col)));
  }

  private void manifest(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = readableCollection(r, ctx.pathParam("collection"));
    EntryQuery q =
        TaxiiFilters.parse(
            ctx.queryParamMap(), TaxiiFilters.Allowed.OBJECTS, List.of(), VersionSelector.LAST);
    EntryPage page = page(r, col, q, false);
    respondPage(ctx, page, Envelopes.manifest(page));
  }

  private void objects(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = readableCollection(r, ctx.pathParam("collection"));
    EntryPage page = served.objects(r, col, ctx.queryParamMap());
    respondPage(ctx, page, Envelopes.objects(page));
  }

  private void addObjects(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    var acceptable = served.additions(r, ctx.pathParam("collection"));
    CollectionRecord col = visibleCollection(r, ctx.pathParam("collection"));
    respond(ctx, 202, adding.add(ctx, r, col, acceptable));
  }

  private void object(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = readableCollection(r, ctx.pathParam("collection"));
    String id = ctx.pathParam("object");
    EntryQuery q =
        TaxiiFilters.parse(
            ctx.queryParamMap(), TaxiiFilters.Allowed.OBJECT, List.of(id), VersionSelector.LAST);
    EntryPage page = page(r, col, q, true);
    if (page.entries().isEmpty()) {
      requireHeld(r, col, id);
    }
    respondPage(ctx, page, Envelopes.objects(page));
  }

  private void versions(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = readableCollection(r, ctx.pathParam("collection"));
    String id = ctx.pathParam("object");
    EntryQuery q =
        TaxiiFilters.parse(
            ctx.queryParamMap(), TaxiiFilters.Allowed.VERSIONS, List.of(id), VersionSelector.ALL);
    EntryPage page = page(r, col, q, false);
    if (page.entries().isEmpty()) {
      requireHeld(r, col, id);
    }
    respondPage(ctx, page, Envelopes.versions(page));
  }

  private void deleteObject(Context ctx) {
    TaxiiMedia.checkAccept(ctx.header("Accept"));
    Recipient r = HttpsServer.recipient(ctx);
    CollectionRecord col = readableCollection(r, ctx.pathParam("collection"));
    if (!sharing.mayWrite(r, col.id()).allowed()) {
      throw new HttpProblem(
          HttpProblem.Kind.FORBIDDEN, "deleting needs both read and write on this collection");
    }
    String id = ctx.pathParam("object");
    EntryQuery q =
        TaxiiFilters.parse(
            ctx.queryParamMap(), TaxiiFilters.Allowed.DELETE, List.of(id), VersionSelector.ALL);
    requireHeld(r, col, id);
    List<String> removed = store.reader().delete(col.id(), id, q.versions(), q.specVersions());
    if (removed.isEmpty()) {
      throw new HttpProblem(
          HttpProblem.Kind.NOT_FOUND, "no version of the object matches the filters");
    }
    ctx.status(200);
    ctx.contentType(ProblemStatus.TAXII_JSON);
  }

  private EntryPage page(Recipient r, CollectionRecord col, EntryQuery q, boolean withBody) {
    return served.page(r, col, q, withBody);
  }

  // 404 unless some version of the id is in the collection and may go to the recipient.
  private void requireHeld(Recipient r, CollectionRecord col, String id) {
    var any =
        new EntryQuery(Long.MIN_VALUE, 1, List.of(id), List.of(), VersionSelector.ALL, List.of());
    if (page(r, col, any, false).entries().isEmpty()) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no such object in this collection");
    }
  }

  private boolean visible(Recipient r, String collectionId) {
    return served.visible(r, collectionId);
  }

  private CollectionRecord visibleCollection(Recipient r, String id) {
    return served.visibleCollection(r, id);
  }

  private CollectionRecord readableCollection(Recipient r, String id) {
    return served.readableCollection(r, id);
  }

  private void writeCollection(
      com.fasterxml.jackson.core.JsonGenerator g, Recipient r, CollectionRecord col)
      throws java.io.IOException {
    g.writeStartObject();
    g.writeStringField("id", col.id());
    g.writeStringField("title", col.title());
    if (col.description() != null) {
      g.writeStringField("description", col.description());
    }
    g.writeStringField("alias", col.alias());
    g.writeBooleanField("can_read", sharing.mayRead(r, col.id()).allowed());
    g.writeBooleanField("can_write", sharing.mayWrite(r, col.id()).allowed());
    g.writeArrayFieldStart("media_types");
    g.writeString(TaxiiMedia.STIX_21);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void respondPage(Context ctx, EntryPage page, byte[] body) {
    if (!page.entries().isEmpty()) {
      ctx.header(
          "X-TAXII-Date-Added-First", Versions.taxiiTimestamp(page.entries().get(0).dateAdded()));
      ctx.header(
          "X-TAXII-Date-Added-Last",
          Versions.taxiiTimestamp(page.entries().get(page.entries().size() - 1).dateAdded()));
    }
    respond(ctx, 200, body);
  }

  private static void respond(Context ctx, int status, byte[] body) {
    ctx.status(status);
    ctx.contentType(ProblemStatus.TAXII_JSON);
    ctx.result(body);
  }
}
