package dev.kasa.node.ui;

import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actors, intrusion sets and campaigns the node's intelligence knows (newest version of each,
 * at most {@link #MAX} per collection), with their open alerts; and the actors of open alerts that
 * no stored object names (their attribution came with an indicator from file intel).
 */
final class ActorPages {
  static final String PATH = "/ui/actors/";
  static final int MAX = 500;
  private static final List<String> TYPES = List.of("threat-actor", "intrusion-set", "campaign");

  private final WebUi ui;
  private final Store store;
  private final Templates templates;

  ActorPages(WebUi ui, Store store, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
  }

  record ActorRow(String name, String type, String stixId, String collection, long open) {
    String objectHref() {
      return stixId == null ? null : "/ui/intel/objects/" + stixId + "/";
    }

    String alertsHref() {
      return AlertPages.openFor("actor", name);
    }
  }

  record ActorsView(Frame frame, List<ActorRow> known, List<ActorRow> onlyInAlerts) {}

  void register(RoutesConfig routes) {
    routes.get(PATH, this::list);
  }

  private void list(Context ctx) {
    Map<String, Long> open = new LinkedHashMap<>();
    for (AlertStore.Count c : store.alerts().openBy("actor", MAX)) {
      if (c.value() != null) {
        open.put(c.value(), c.alerts());
      }
    }
    List<ActorRow> known = new ArrayList<>();
    var named = new java.util.HashSet<String>();
    for (CollectionRecord c : store.collections().all()) {
      EntryPage page =
          store
              .reader()
              .page(
                  c.id(),
                  new EntryQuery(
                      Long.MIN_VALUE,
                      MAX,
                      List.of(),
                      TYPES,
                      EntryQuery.VersionSelector.LAST,
                      List.of()),
                  true,
                  e -> true)
              .orElse(null);
      if (page == null) {
        continue;
      }
      for (StoredEntry e : page.entries()) {
        String name = ObjectText.of(e.body()).name();
        if (name.isEmpty()) {
          name = e.stixId();
        }
        named.add(name);
        known.add(
            new ActorRow(
                name,
                e.type(),
                e.stixId(),
                c.alias() == null ? c.id() : c.alias(),
                open.getOrDefault(name, 0L)));
      }
    }
    known.sort(
        java.util.Comparator.comparingLong(ActorRow::open)
            .reversed()
            .thenComparing(ActorRow::name));
    List<ActorRow> onlyInAlerts = new ArrayList<>();
    for (var e : open.entrySet()) {
      if (!named.contains(e.getKey())) {
        onlyInAlerts.add(new ActorRow(e.getKey(), "", null, "", e.getValue()));
      }
    }
    ctx.html(
        templates.render(
            "actors.jte",
            new ActorsView(ui.frame(ctx, "Actors and campaigns", "actors"), known, onlyInAlerts)));
  }
}
