package dev.kasa.node.ui;

import dev.kasa.KasaException;
import dev.kasa.node.alert.AlertRoutes;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The protected assets with their open alerts, and one asset with its alerts, newest first. */
final class AssetPages {
  static final String PATH = "/ui/assets/";
  static final int PAGE = 100;

  private final WebUi ui;
  private final Store store;
  private final Templates templates;

  AssetPages(WebUi ui, Store store, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
  }

  /** An asset's page (names are letters, digits, {@code . _ -}: no escaping needed in a path). */
  static String href(String name) {
    return PATH + name + "/";
  }

  record AssetRow(Asset asset, String addresses, long open) {
    String href() {
      return AssetPages.href(asset.name());
    }
  }

  record AssetsView(Frame frame, List<AssetRow> rows, String next) {}

  /**
   * What the asset form shows: empty for a new asset, else the asset's fields, lists a line each.
   */
  record AssetForm(
      String name,
      String kind,
      String sector,
      int criticality,
      String owner,
      String addresses,
      String hostnames,
      String tags,
      boolean existing) {
    static final AssetForm EMPTY = new AssetForm("", "host", "defense", 3, "", "", "", "", false);

    static AssetForm of(Asset a) {
      return new AssetForm(
          a.name(),
          a.kind().label(),
          a.sector().label(),
          a.criticality(),
          a.owner() == null ? "" : a.owner(),
          String.join("\n", a.addresses().stream().map(Cidr::toString).toList()),
          String.join("\n", a.hostnames()),
          String.join("\n", a.tags()),
          true);
    }
  }

  record AssetView(
      Frame frame, AssetRow row, List<AlertPages.AlertRow> alerts, String next, String openHref) {}

  void register(RoutesConfig routes) {
    routes.get(PATH, this::list);
    routes.get(PATH + "{name}/", this::one);
  }

  private void list(Context ctx) {
    String after = Params.text(ctx, "after", 200);
    int limit = Params.limit(ctx, PAGE, 1000);
    List<Asset> page = new ArrayList<>();
    boolean more = false;
    for (Asset a : store.assets().list()) {
      if (after != null && a.name().compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(a);
    }
    Map<String, Long> open = store.alerts().openFor(page.stream().map(Asset::name).toList());
    List<AssetRow> rows = new ArrayList<>();
    for (Asset a : page) {
      rows.add(new AssetRow(a, addresses(a), open.getOrDefault(a.name(), 0L)));
    }
    String next = more ? PATH + "?after=" + page.getLast().name() + "&limit=" + limit : null;
    ctx.html(
        templates.render(
            "assets.jte", new AssetsView(ui.frame(ctx, "Assets", "assets"), rows, next)));
  }

  private void one(Context ctx) {
    String name = ctx.pathParam("name");
    Asset asset =
        store.assets().list().stream()
            .filter(a -> a.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new HttpProblem(
                        HttpProblem.Kind.NOT_FOUND,
                        "no asset '" + (name.length() > 60 ? name.substring(0, 60) : name) + "'"));
    AlertStore.Cursor after;
    try {
      String a = Params.text(ctx, "after", 40);
      after = a == null ? null : AlertStore.Cursor.parse(a);
    } catch (KasaException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, e.getMessage());
    }
    AlertStore.Page page =
        store
            .alerts()
            .list(new AlertStore.Filter(null, null, name, null, null), after, AlertPages.PAGE);
    List<AlertPages.AlertRow> alerts = new ArrayList<>();
    for (StoredAlert a : page.alerts()) {
      alerts.add(new AlertPages.AlertRow(a, AlertRoutes.time(a.lastSeen())));
    }
    long open = store.alerts().openFor(List.of(name)).getOrDefault(name, 0L);
    String next = page.next() == null ? null : href(name) + "?after=" + page.next();
    ctx.html(
        templates.render(
            "asset.jte",
            new AssetView(
                ui.frame(ctx, "Asset " + name, "assets"),
                new AssetRow(asset, addresses(asset), open),
                alerts,
                next,
                AlertPages.openFor("asset", name))));
  }

  private static String addresses(Asset a) {
    var parts = new ArrayList<String>();
    for (Cidr c : a.addresses()) {
      parts.add(c.toString());
    }
    parts.addAll(a.hostnames());
    return String.join(", ", parts);
  }
}
