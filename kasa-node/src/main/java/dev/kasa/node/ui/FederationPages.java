package dev.kasa.node.ui;

import dev.kasa.node.store.AccessState;
import dev.kasa.node.store.AccessState.GrantRecord;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.Versions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Partners with their grants and communities, the node's users, and links with their state as
 * {@code kasa link list} shows it.
 */
final class FederationPages {
  private final WebUi ui;
  private final Store store;
  private final Templates templates;

  FederationPages(WebUi ui, Store store, Templates templates) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
  }

  record GrantRow(String collection, boolean read, boolean write) {
    String access() {
      return read && write ? "read, write" : read ? "read" : write ? "write" : "none";
    }
  }

  record PartnerRow(String name, List<GrantRow> grants, List<String> communities) {}

  record UserRow(String name, String role) {}

  record CommunityRow(String name, List<String> members) {}

  record PartnersView(
      Frame frame,
      List<PartnerRow> partners,
      List<CommunityRow> communities,
      List<UserRow> users) {}

  record LinkRow(
      String partner,
      String direction,
      String remote,
      String local,
      String url,
      String lastSuccess,
      String lastError,
      String checkpoint,
      String behind) {}

  record LinksView(Frame frame, List<LinkRow> links) {}

  void register(RoutesConfig routes) {
    routes.get("/ui/partners/", this::partners);
    routes.get("/ui/links/", this::links);
  }

  private void partners(Context ctx) {
    AccessState state = store.accounts().state();
    Map<String, String> aliases = new HashMap<>();
    for (CollectionRecord c : state.collections()) {
      aliases.put(c.id(), c.alias());
    }
    Map<String, Set<String>> communities =
        new TreeMap<>(store.agreements().snapshot().communities());
    Map<String, List<String>> memberOf = new HashMap<>();
    List<CommunityRow> communityRows = new ArrayList<>();
    communities.forEach(
        (name, members) -> {
          List<String> sorted = List.copyOf(new TreeSet<>(members));
          communityRows.add(new CommunityRow(name, sorted));
          sorted.forEach(p -> memberOf.computeIfAbsent(p, k -> new ArrayList<>()).add(name));
        });
    Map<String, List<GrantRow>> grants = new HashMap<>();
    for (GrantRecord g : state.grants()) {
      grants
          .computeIfAbsent(g.principal(), k -> new ArrayList<>())
          .add(
              new GrantRow(
                  aliases.getOrDefault(g.collectionId(), g.collectionId()), g.read(), g.write()));
    }
    List<PartnerRow> partners = new ArrayList<>();
    List<UserRow> users = new ArrayList<>();
    for (PrincipalRecord p :
        state.principals().stream()
            .sorted(java.util.Comparator.comparing(PrincipalRecord::name))
            .toList()) {
      if (p.kind() == Kind.PARTNER) {
        partners.add(
            new PartnerRow(
                p.name(),
                grants.getOrDefault(p.name(), List.of()).stream()
                    .sorted(java.util.Comparator.comparing(GrantRow::collection))
                    .toList(),
                memberOf.getOrDefault(p.name(), List.of())));
      } else {
        users.add(new UserRow(p.name(), p.role().name().toLowerCase(Locale.ROOT)));
      }
    }
    ctx.html(
        templates.render(
            "partners.jte",
            new PartnersView(
                ui.frame(ctx, "Partners", "partners"), partners, communityRows, users)));
  }

  private void links(Context ctx) {
    List<LinkRow> rows = new ArrayList<>();
    var links = store.links();
    for (LinkRecord l : links.all()) {
      Long behind =
          l.direction() == Direction.PUSH ? Long.valueOf(links.outbox(l)) : l.state().behind();
      String checkpoint =
          l.direction() == Direction.PULL
              ? l.state().checkpoint()
              : l.state().pushCursor() > 0 ? Versions.taxiiTimestamp(l.state().pushCursor()) : null;
      rows.add(
          new LinkRow(
              l.partner(),
              l.direction().word(),
              l.remote(),
              l.local().alias(),
              l.url(),
              dash(
                  l.state().lastSuccess() == null
                      ? null
                      : Versions.taxiiTimestamp(l.state().lastSuccess())),
              l.state().lastError(),
              dash(checkpoint),
              behind == null ? "-" : behind.toString()));
    }
    ctx.html(templates.render("links.jte", new LinksView(ui.frame(ctx, "Links", "links"), rows)));
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
