package dev.kasa.node.ui;

import dev.kasa.node.store.AuditEntry;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.Versions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log, newest first, filtered by partner (or user), object and time, paged. */
final class AuditPages {
  static final int PAGE = 50;
  private static final int SHOWN_OBJECTS = 5;

  private final WebUi ui;
  private final Store store;
  private final Templates templates;

  AuditPages(WebUi ui, Store store, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
  }

  /** The filter as typed (empty strings when absent), for the form to show again. */
  record Filter(String partner, String object, String since, String until) {}

  record AuditRow(
      long seq,
      String at,
      String kind,
      String principal,
      String collection,
      String rule,
      List<String> objects,
      int moreObjects,
      String detail) {
    String objectHref(String id) {
      return "/ui/intel/objects/" + id + "/";
    }
  }

  record AuditRows(List<AuditRow> rows, String next) {}

  record AuditView(Frame frame, Filter filter, AuditRows page) {}

  void register(RoutesConfig routes) {
    routes.get("/ui/audit/", this::audit);
  }

  private void audit(Context ctx) {
    String partner = Params.text(ctx, "partner", 200);
    String object = Params.text(ctx, "object", 300);
    Instant since = Params.time(ctx, "since");
    Instant until = Params.time(ctx, "until");
    long before = Params.longParam(ctx, "before", Long.MAX_VALUE);
    int limit = Params.limit(ctx, PAGE, 200);
    AuditLog.Page page =
        store
            .audit()
            .page(
                new AuditLog.PageQuery(
                    since == null ? null : Versions.micros(since),
                    until == null ? null : Versions.micros(until),
                    partner,
                    object,
                    before,
                    limit));
    List<AuditRow> rows = new ArrayList<>();
    for (AuditEntry e : page.entries()) {
      List<String> objects = e.objects();
      rows.add(
          new AuditRow(
              e.seq(),
              Versions.taxiiTimestamp(e.at()),
              e.event().kind(),
              orEmpty(e.event().principal()),
              orEmpty(e.event().collection()),
              orEmpty(e.event().rule()),
              objects.subList(0, Math.min(objects.size(), SHOWN_OBJECTS)),
              Math.max(0, objects.size() - SHOWN_OBJECTS),
              orEmpty(e.event().detail())));
    }
    var filter =
        new Filter(
            orEmpty(partner),
            orEmpty(object),
            orEmpty(ctx.queryParam("since")),
            orEmpty(ctx.queryParam("until")));
    String next = null;
    if (page.more()) {
      next =
          "/ui/audit/?before="
              + page.entries().get(page.entries().size() - 1).seq()
              + "&limit="
              + limit
              + param("partner", filter.partner())
              + param("object", filter.object())
              + param("since", filter.since())
              + param("until", filter.until());
    }
    var auditRows = new AuditRows(rows, next);
    if (WebUi.fromHtmx(ctx)) {
      ctx.html(templates.render("auditRows.jte", auditRows));
    } else {
      ctx.html(
          templates.render(
              "audit.jte", new AuditView(ui.frame(ctx, "Audit log", "audit"), filter, auditRows)));
    }
  }

  private static String param(String name, String value) {
    return value.isEmpty()
        ? ""
        : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
