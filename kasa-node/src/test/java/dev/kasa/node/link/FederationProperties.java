package dev.kasa.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.link.FederationOracle.Link;
import dev.kasa.node.link.FederationOracle.NodeRules;
import dev.kasa.node.link.FederationOracle.Version;
import dev.kasa.node.sharing.RelayUnmarked;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.StoredEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Issue 10's property over an in-process federation: random nodes, partners, grants, communities,
 * pull and push links (also in loops), markings (TLP 2.0, TLP 1.0 ids, other markings, unmarked
 * under each {@code relay-unmarked}), versions and named RED recipients. Links run the real link
 * code ({@link LinkRunner}) against the real served collections and sharing seam of the other
 * nodes, round after round until nothing moves. Then no version is anywhere {@link
 * FederationOracle} (written from the issue's rules) says it may not be; every node holds the
 * newest version of every object that may reach it; and no collection holds a version twice.
 */
class FederationProperties {
  private static final List<String> MARKINGS =
      List.copyOf(new java.util.TreeSet<>(FederationOracle.TLP_IDS.keySet()));
  private static final String OTHER_MARKING =
      "marking-definition--0f0e0d0c-0b0a-4908-8706-050403020100";

  @Property(tries = 25)
  void objectsReachExactlyTheNodesTheRulesAllow(@ForAll long seed) throws IOException {
    Path tmp = Files.createTempDirectory("kasa-federation-");
    var sim = new Scenario(new Random(seed), tmp);
    try {
      sim.build();
      sim.run();
      sim.check();
    } finally {
      sim.close();
      deleteTree(tmp);
    }
  }

  /** One random federation: its setup (as the oracle sees it) and its nodes. */
  static final class Scenario implements AutoCloseable {
    private final Random rnd;
    private final Path dir;
    private final Map<String, InProcessNode> nodes = new LinkedHashMap<>();
    private final Map<String, dev.kasa.node.admin.NodeAdmin> admins = new HashMap<>();
    // node -> alias -> uuid
    private final Map<String, Map<String, String>> collections = new HashMap<>();
    private final Map<String, Set<String>> partners = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> read = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> write = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> communities = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> redNamed = new HashMap<>();
    private final Map<String, RelayUnmarked> relay = new HashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, List<Version>> published = new HashMap<>();
    private final StringBuilder story = new StringBuilder();
    private FederationOracle oracle;

    Scenario(Random rnd, Path dir) {
      this.rnd = rnd;
      this.dir = dir;
    }

    void build() {
      int n = 2 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        String name = "n" + i;
        RelayUnmarked r = RelayUnmarked.values()[rnd.nextInt(3)];
        relay.put(name, r);
        nodes.put(name, InProcessNode.create(dir, name, r));
        partners.put(name, new HashSet<>());
        var cs = new HashMap<String, String>();
        for (String alias : List.of("pub", "inbox")) {
          cs.put(alias, admin(name).addCollection(alias, alias, null).id());
        }
        collections.put(name, cs);
        story.append(name).append(" relay-unmarked ").append(r.word()).append('\n');
      }
      List<String> names = List.copyOf(nodes.keySet());
      for (String a : names) {
        for (String b : names) {
          if (!a.equals(b) && rnd.nextInt(5) > 0) {
            addPartner(a, b);
          }
        }
      }
      // Pull links, in a random order so that later ones may pull what earlier ones made.
      var pairs = new ArrayList<String[]>();
      for (String a : names) {
        for (String b : names) {
          if (!a.equals(b)) {
            pairs.add(new String[] {a, b});
          }
        }
      }
      java.util.Collections.shuffle(pairs, rnd);
      for (String[] p : pairs) {
        if (rnd.nextBoolean()) {
          var remotes = List.copyOf(new java.util.TreeSet<>(collections.get(p[1]).keySet()));
          String remote = remotes.get(rnd.nextInt(remotes.size()));
          String local = rnd.nextInt(10) < 7 ? null : "inbox";
          addLink(p[0], p[1], remote, local, Direction.PULL);
        }
      }
      for (String a : names) {
        for (String partner : partners.get(a)) {
          for (String alias : collections.get(a).keySet()) {
            if (rnd.nextBoolean()) {
              grant(a, partner, alias, true);
            }
          }
          if (rnd.nextInt(10) < 7) {
            grant(a, partner, "inbox", false);
          }
        }
      }
      java.util.Collections.shuffle(pairs, rnd);
      for (String[] p : pairs) {
        boolean taken =
            links.stream()
                .anyMatch(
                    l ->
                        l.at().equals(p[0])
                            && l.partner().equals(p[1])
                            && l.remote().equals("inbox"));
        if (!taken && rnd.nextInt(10) < 4) {
          var locals = List.copyOf(new java.util.TreeSet<>(collections.get(p[0]).keySet()));
          String local = locals.get(rnd.nextInt(locals.size()));
          if (!partners.get(p[0]).contains(p[1])) {
            addPartner(p[0], p[1]);
          }
          grant(p[0], p[1], local, true); // link add --push needs it
          addLink(p[0], p[1], "inbox", local, Direction.PUSH);
        }
      }
      for (String a : names) {
        var mine = List.copyOf(new java.util.TreeSet<>(partners.get(a)));
        for (int c = rnd.nextInt(3); c > 0 && !mine.isEmpty(); c--) {
          var members = new ArrayList<String>();
          mine.forEach(
              p -> {
                if (rnd.nextBoolean()) {
                  members.add(p);
                }
              });
          if (!members.isEmpty()) {
            String community = "c" + c;
            admin(a).addToCommunity(community, members);
            communities.get(a).computeIfAbsent(community, k -> new HashSet<>()).addAll(members);
            story.append(a).append(" community ").append(community).append(' ').append(members);
            story.append('\n');
          }
        }
      }
      for (String a : names) {
        var objects = new ArrayList<Version>();
        for (int o = rnd.nextInt(5); o > 0; o--) {
          String id = "indicator--" + new UUID(rnd.nextLong(), rnd.nextLong());
          int count = 1 + rnd.nextInt(2);
          for (int v = 1; v <= count; v++) {
            objects.add(new Version(id, "2024-0" + v + "-01T00:00:00.000Z", markings()));
          }
          var named = new ArrayList<String>();
          for (String p : partners.get(a)) {
            if (rnd.nextBoolean()) {
              named.add(p);
            }
          }
          if (!named.isEmpty()) {
            admin(a).addRecipients(id, named);
            redNamed.get(a).put(id, new HashSet<>(named));
          }
        }
        published.put(a, objects);
        objects.forEach(v -> story.append(a).append(" publishes ").append(v).append('\n'));
      }
    }

    private List<String> markings() {
      var out = new ArrayList<String>();
      for (int k = rnd.nextInt(3); k > 0; k--) {
        out.add(rnd.nextInt(8) == 0 ? OTHER_MARKING : MARKINGS.get(rnd.nextInt(MARKINGS.size())));
      }
      return List.copyOf(new java.util.TreeSet<>(out));
    }

    private void addPartner(String at, String partner) {
      admin(at).addPartner(partner, List.of());
      partners.get(at).add(partner);
      read.computeIfAbsent(at, k -> new HashMap<>());
      write.computeIfAbsent(at, k -> new HashMap<>());
      communities.computeIfAbsent(at, k -> new HashMap<>());
      redNamed.computeIfAbsent(at, k -> new HashMap<>());
      story.append(at).append(" partner ").append(partner).append('\n');
    }

    private void grant(String at, String partner, String alias, boolean reading) {
      admin(at).grant(partner, alias, reading, !reading);
      (reading ? read : write).get(at).computeIfAbsent(partner, k -> new HashSet<>()).add(alias);
      story.append(at).append(reading ? " read " : " write ").append(partner).append(' ');
      story.append(alias).append('\n');
    }

    private void addLink(String at, String partner, String remoteAlias, String local, Direction d) {
      String remote = collections.get(partner).get(remoteAlias);
      String localId = local == null ? null : collections.get(at).get(local);
      var made =
          admin(at)
              .addLink(
                  new LinkStore.Spec(
                      partner,
                      remote,
                      localId,
                      Set.of(d),
                      "https://" + partner + ".invalid/taxii2/",
                      at,
                      null,
                      null,
                      null));
      collections.get(at).putIfAbsent(made.alias(), made.id());
      if (!partners.get(at).contains(partner)) {
        partners.get(at).add(partner);
        read.computeIfAbsent(at, k -> new HashMap<>());
        write.computeIfAbsent(at, k -> new HashMap<>());
        communities.computeIfAbsent(at, k -> new HashMap<>());
        redNamed.computeIfAbsent(at, k -> new HashMap<>());
      }
      links.add(new Link(at, partner, remoteAlias, made.alias(), d));
      story.append(at).append(' ').append(d.word()).append(' ').append(partner).append(':');
      story.append(remoteAlias).append(" <-> ").append(made.alias()).append('\n');
    }

    private dev.kasa.node.admin.NodeAdmin admin(String node) {
      return admins.computeIfAbsent(node, n -> nodes.get(n).admin());
    }

    /** Opens the nodes, publishes, and runs every link round by round until nothing moves. */
    void run() {
      admins.values().forEach(dev.kasa.node.admin.NodeAdmin::close);
      admins.clear();
      nodes.values().forEach(InProcessNode::open);
      for (var e : published.entrySet()) {
        InProcessNode node = nodes.get(e.getKey());
        for (Version v : e.getValue()) {
          var read = node.intake().read(envelope(v), "test");
          assertThat(read.refused()).isEmpty();
          node.store()
              .ingest()
              .add(
                  collections.get(e.getKey()).get("pub"),
                  new Origin("operator", Kind.USER),
                  read.accepted());
        }
      }
      var runners = new ArrayList<LinkRunner>();
      for (InProcessNode node : nodes.values()) {
        for (LinkRecord l : node.store().links().all()) {
          runners.add(
              new LinkRunner(
                  l, node.context(), new InProcessPartner(nodes.get(l.partner()), l.user())));
        }
      }
      Map<String, List<String>> before = null;
      for (int pass = 0; pass < 30; pass++) {
        for (LinkRunner r : runners) {
          try {
            r.round();
          } catch (TaxiiClient.Refused e) {
            // No grant: the link records its error and tries again later, as in kasa serve.
          }
        }
        var now = actual();
        if (now.equals(before)) {
          return;
        }
        before = now;
      }
      throw new AssertionError("the federation did not settle in 30 rounds\n" + story);
    }

    /** Every (id, version) in every collection of every node, in reading order. */
    Map<String, List<String>> actual() {
      var out = new TreeMap<String, List<String>>();
      for (var e : nodes.entrySet()) {
        for (var c : collections.get(e.getKey()).entrySet()) {
          var q =
              new EntryQuery(
                  Long.MIN_VALUE, 100_000, List.of(), List.of(), VersionSelector.ALL, List.of());
          var page = e.getValue().store().reader().page(c.getValue(), q, false, x -> true);
          out.put(
              e.getKey() + "/" + c.getKey(),
              page.orElseThrow().entries().stream().map(Scenario::key).toList());
        }
      }
      return out;
    }

    private static String key(StoredEntry e) {
      return e.stixId() + "@" + Instant.parse(e.version());
    }

    void check() {
      var rules = new HashMap<String, NodeRules>();
      for (String a : nodes.keySet()) {
        rules.put(
            a,
            new NodeRules(
                read.getOrDefault(a, Map.of()),
                write.getOrDefault(a, Map.of()),
                communities.getOrDefault(a, Map.of()),
                redNamed.getOrDefault(a, Map.of()),
                relay.get(a).word()));
      }
      oracle = new FederationOracle(rules, links);
      published.forEach((a, vs) -> vs.forEach(v -> oracle.publish(a, "pub", v)));
      oracle.flow();
      var actual = actual();
      for (String a : nodes.keySet()) {
        var mayHold = new HashMap<String, Version>(); // id -> newest version that may reach a
        var holds = new HashSet<String>();
        for (String alias : collections.get(a).keySet()) {
          List<String> there = actual.get(a + "/" + alias);
          assertThat(there)
              .as("%s/%s holds a version twice\n%s", a, alias, story)
              .doesNotHaveDuplicates();
          Set<String> allowed = new HashSet<>();
          for (String k : oracle.collection(a, alias)) {
            Version v = oracle.version(k);
            allowed.add(v.id() + "@" + Instant.parse(v.modified()));
            mayHold.merge(v.id(), v, (x, y) -> x.modified().compareTo(y.modified()) >= 0 ? x : y);
          }
          assertThat(allowed)
              .as("%s/%s holds versions the rules forbid there\n%s", a, alias, story)
              .containsAll(there);
          holds.addAll(there);
        }
        for (Version v : mayHold.values()) {
          assertThat(holds)
              .as("%s lacks %s, which may reach it\n%s", a, v, story)
              .contains(v.id() + "@" + Instant.parse(v.modified()));
        }
      }
    }

    private static byte[] envelope(Version v) {
      String refs =
          v.refs().isEmpty()
              ? ""
              : ",\"object_marking_refs\":[\"" + String.join("\",\"", v.refs()) + "\"]";
      return ("{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
              + v.id()
              + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\""
              + v.modified()
              + "\",\"name\":\"t\",\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\","
              + "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\""
              + refs
              + "}]}")
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      admins.values().forEach(dev.kasa.node.admin.NodeAdmin::close);
      nodes.values().forEach(InProcessNode::close);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
