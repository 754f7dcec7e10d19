package dev.kasa.node.ui;

import dev.kasa.KasaException;
import dev.kasa.node.alert.AlertRoutes;
import dev.kasa.node.alert.AlertStatus;
import dev.kasa.node.alert.Priority;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The alert list (filters as query parameters, newest first, keyset paging, bulk actions) and an
 * alert's page (its findings, detection, intel, actor, asset, comments and life-cycle actions).
 * Every change goes through {@link AlertRoutes#apply}: the same store change, audit entry and
 * false-positive sighting as the API.
 */
final class AlertPages {
  static final String PATH = "/ui/alerts/";
  static final int PAGE = 50;
  static final int MAX_BULK = AlertRoutes.MAX_LIMIT;

  private final WebUi ui;
  private final Store store;
  private final AlertRoutes alerts;
  private final Templates templates;

  AlertPages(WebUi ui, Store store, AlertRoutes alerts, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.alerts = alerts;
    this.templates = templates;
  }

  /** The filter as given, for the form to show again and the next page's link. */
  record Filter(Set<AlertStatus> statuses, String priority, String asset, String actor) {
    boolean has(String status) {
      return statuses.stream().anyMatch(s -> s.label().equals(status));
    }

    String query() {
      var q = new StringBuilder();
      for (AlertStatus s : statuses) {
        q.append("&status=").append(s.label());
      }
      q.append(param("priority", priority)).append(param("asset", asset));
      q.append(param("actor", actor));
      return q.toString();
    }

    /** This filter's list, first page. */
    String href() {
      String q = query();
      return q.isEmpty() ? PATH : PATH + "?" + q.substring(1);
    }
  }

  record AlertRow(StoredAlert a, String lastSeen) {
    String href() {
      return PATH + a.id() + "/";
    }
  }

  record AlertRows(List<AlertRow> rows, String next) {}

  record ListView(
      Frame frame, Filter filter, AlertRows page, List<String> statuses, List<String> priorities) {}

  record AlertView(
      Frame frame,
      StoredAlert a,
      String firstSeen,
      String lastSeen,
      AlertDetails details,
      List<CommentRow> comments,
      String objectHref,
      String assetHref) {}

  record CommentRow(String author, String at, String text) {}

  void register(RoutesConfig routes) {
    routes.get(PATH, this::list);
    routes.post(PATH, this::bulk);
    routes.get(PATH + "{id}/", this::one);
    routes.post(PATH + "{id}/", this::change);
  }

  /** The open alerts with a column's value, as a list link. */
  static String openFor(String name, String value) {
    return PATH + "?status=new&status=acknowledged" + param(name, value);
  }

  private void list(Context ctx) {
    Set<AlertStatus> statuses = EnumSet.noneOf(AlertStatus.class);
    Priority min;
    AlertStore.Cursor after;
    try {
      for (String s : ctx.queryParams("status")) {
        if (!s.isEmpty()) {
          statuses.add(AlertStatus.parse(s));
        }
      }
      String p = Params.text(ctx, "priority", 20);
      min = p == null ? null : Priority.parse(p);
      String a = Params.text(ctx, "after", 40);
      after = a == null ? null : AlertStore.Cursor.parse(a);
    } catch (KasaException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, e.getMessage());
    }
    String asset = Params.text(ctx, "asset", 200);
    String actor = Params.text(ctx, "actor", 200);
    int limit = Params.limit(ctx, PAGE, 200);
    var filter = new Filter(statuses, min == null ? null : min.label(), asset, actor);
    AlertStore.Page page =
        store
            .alerts()
            .list(statuses, new AlertStore.Filter(null, min, asset, actor, null), after, limit);
    List<AlertRow> rows = new ArrayList<>();
    for (StoredAlert a : page.alerts()) {
      rows.add(new AlertRow(a, AlertRoutes.time(a.lastSeen())));
    }
    String next =
        page.next() == null
            ? null
            : PATH + "?after=" + page.next() + "&limit=" + limit + filter.query();
    var alertRows = new AlertRows(rows, next);
    if (WebUi.fromHtmx(ctx) && after != null) {
      ctx.html(templates.render("alertRows.jte", alertRows));
      return;
    }
    List<String> statusLabels = new ArrayList<>();
    for (AlertStatus s : AlertStatus.values()) {
      statusLabels.add(s.label());
    }
    List<String> priorities = new ArrayList<>();
    for (Priority p : Priority.values()) {
      priorities.add(p.label());
    }
    ctx.html(
        templates.render(
            "alerts.jte",
            new ListView(
                ui.frame(ctx, "Alerts", "alerts"), filter, alertRows, statusLabels, priorities)));
  }

  private void one(Context ctx) {
    long id = id(ctx.pathParam("id"));
    StoredAlert a =
        store
            .alerts()
            .get(id)
            .orElseThrow(() -> new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no alert " + id));
    AlertDetails details = AlertDetails.of(store.alerts().findings(id));
    List<CommentRow> comments = new ArrayList<>();
    for (AlertStore.Comment c : store.alerts().comments(id)) {
      comments.add(new CommentRow(c.author(), AlertRoutes.time(c.at()), c.text()));
    }
    String objectHref = a.stixId() == null ? null : "/ui/intel/objects/" + a.stixId() + "/";
    String assetHref = a.asset() == null ? null : AssetPages.href(a.asset());
    ctx.html(
        templates.render(
            "alert.jte",
            new AlertView(
                ui.frame(ctx, "Alert " + a.id() + ": " + a.title(), "alerts"),
                a,
                AlertRoutes.time(a.firstSeen()),
                AlertRoutes.time(a.lastSeen()),
                details,
                comments,
                objectHref,
                assetHref)));
  }

  private void change(Context ctx) {
    long id = id(ctx.pathParam("id"));
    String user = WebUi.session(ctx).user();
    alerts.apply(id, user, change(ctx, user));
    ctx.redirect(PATH + id + "/", HttpStatus.SEE_OTHER);
  }

  private void bulk(Context ctx) {
    String user = WebUi.session(ctx).user();
    List<String> ids = ctx.formParams("id");
    if (ids.isEmpty() || ids.size() > MAX_BULK) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "choose 1 to " + MAX_BULK + " alerts for a bulk action");
    }
    AlertStore.Change c = change(ctx, user);
    for (String n : ids) {
      alerts.apply(id(n), user, c);
    }
    String back = ctx.formParam("back");
    // Only our own list may be returned to (no open redirect).
    boolean ours = back != null && back.startsWith(PATH) && !back.contains("//");
    ctx.redirect(ours ? back : PATH, HttpStatus.SEE_OTHER);
  }

  /** The change a form asks for: an action (a status or assign-to-me) and an optional comment. */
  private static AlertStore.Change change(Context ctx, String user) {
    String action = ctx.formParam("action");
    String comment = ctx.formParam("comment");
    if (comment != null && comment.length() > 10_000) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "comment is longer than 10000 characters");
    }
    if (comment != null && comment.isBlank()) {
      comment = null;
    }
    if (action == null || action.isEmpty() || action.equals("comment")) {
      if (comment == null) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "no action and no comment");
      }
      return new AlertStore.Change(null, null, comment);
    }
    if (action.equals("assign-me")) {
      return new AlertStore.Change(null, user, comment);
    }
    try {
      return new AlertStore.Change(AlertStatus.parse(action), null, comment);
    } catch (KasaException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "action: " + e.getMessage());
    }
  }

  private static long id(String text) {
    if (text == null || !text.matches("[0-9]{1,18}")) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no alert '" + clip(text) + "'");
    }
    return Long.parseLong(text);
  }

  private static String clip(String s) {
    return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  static String param(String name, String value) {
    return value == null || value.isEmpty()
        ? ""
        : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
