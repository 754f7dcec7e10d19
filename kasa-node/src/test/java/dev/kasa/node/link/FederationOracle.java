package dev.kasa.node.link;

import dev.kasa.node.store.LinkRecord.Direction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where objects may arrive in a federation, written from issue 10's rules (not from the sharing
 * code): object versions flow over every link, hop by hop, as grants and the TLP rules allow, until
 * nothing more may move. The result is, per node and collection, every version that may be there.
 */
final class FederationOracle {
  /** A marking as the oracle reads it, most permissive first (NONE: no TLP marking). */
  enum Level {
    NONE,
    CLEAR,
    GREEN,
    AMBER,
    AMBER_STRICT,
    RED
  }

  static final String LOCAL = "@local";

  /** TLP 1.0 and 2.0 marking-definition ids (FIRST's), as the issue names them. */
  static final Map<String, Level> TLP_IDS =
      Map.of(
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Level.CLEAR,
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Level.GREEN,
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Level.AMBER,
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Level.RED,
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Level.CLEAR,
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Level.GREEN,
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Level.AMBER,
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Level.AMBER_STRICT,
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Level.RED);

  /** One object version: id, modified (sortable text) and marking refs. */
  record Version(String id, String modified, List<String> refs) {
    String key() {
      return id + "@" + modified;
    }

    // The most restrictive TLP marking; other markings never decide.
    Level level() {
      Level l = Level.NONE;
      for (String r : refs) {
        Level m = TLP_IDS.get(r);
        if (m != null && m.compareTo(l) > 0) {
          l = m;
        }
      }
      return l;
    }
  }

  /** A node's agreements: partners with grants, communities, named RED recipients, relay. */
  record NodeRules(
      Map<String, Set<String>> readGrants,
      Map<String, Set<String>> writeGrants,
      Map<String, Set<String>> communities,
      Map<String, Set<String>> redNamed,
      String relayUnmarked) {
    boolean mayRead(String partner, String collection) {
      return readGrants.getOrDefault(partner, Set.of()).contains(collection);
    }

    boolean mayWrite(String partner, String collection) {
      return writeGrants.getOrDefault(partner, Set.of()).contains(collection);
    }

    boolean shareCommunity(String a, String b) {
      for (Set<String> members : communities.values()) {
        if (members.contains(a) && members.contains(b)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A link as set up at {@code at}: pull {@code remote} into {@code local}, or push it there. */
  record Link(String at, String partner, String remote, String local, Direction direction) {}

  private final Map<String, NodeRules> rules;
  private final List<Link> links;
  private final Map<String, Version> versions = new HashMap<>();
  // node -> collection -> version keys; node -> version key -> origins
  final Map<String, Map<String, Set<String>>> held = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> origins = new HashMap<>();

  FederationOracle(Map<String, NodeRules> rules, List<Link> links) {
    this.rules = rules;
    this.links = links;
  }

  /** {@code node}'s local user published {@code v} into {@code collection}. */
  void publish(String node, String collection, Version v) {
    versions.put(v.key(), v);
    arrive(node, collection, v.key(), LOCAL);
  }

  /** Moves versions over the links until nothing more may move. */
  FederationOracle flow() {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Link l : links) {
        String from = l.direction() == Direction.PULL ? l.partner() : l.at();
        String to = l.direction() == Direction.PULL ? l.at() : l.partner();
        String fromCol = l.direction() == Direction.PULL ? l.remote() : l.local();
        String toCol = l.direction() == Direction.PULL ? l.local() : l.remote();
        NodeRules at = rules.get(from);
        if (!at.mayRead(to, fromCol)) {
          continue; // every path out needs a read grant on a collection that holds it
        }
        if (l.direction() == Direction.PUSH && !rules.get(to).mayWrite(from, toCol)) {
          continue; // the partner refuses the POST
        }
        for (String key : List.copyOf(collection(from, fromCol))) {
          if (!collection(to, toCol).contains(key) && mayGo(from, versions.get(key), to)) {
            arrive(to, toCol, key, from);
            moved = true;
          } else if (collection(to, toCol).contains(key)
              && !originsAt(to, key).contains(from)
              && mayGo(from, versions.get(key), to)) {
            arrive(to, toCol, key, from); // a loop brings the same version: one more origin
            moved = true;
          }
        }
      }
    }
    return this;
  }

  Set<String> collection(String node, String collection) {
    return held.computeIfAbsent(node, n -> new HashMap<>())
        .computeIfAbsent(collection, c -> new HashSet<>());
  }

  private Set<String> originsAt(String node, String key) {
    return origins.computeIfAbsent(node, n -> new HashMap<>()).getOrDefault(key, Set.of());
  }

  private void arrive(String node, String collection, String key, String origin) {
    collection(node, collection).add(key);
    origins
        .computeIfAbsent(node, n -> new HashMap<>())
        .computeIfAbsent(key, k -> new HashSet<>())
        .add(origin);
  }

  // The issue's rules: back to an origin always; both the version's own marking and the newest
  // version's (of those the node holds) must allow it; ours as granted except RED (named
  // recipients only); received: CLEAR always, GREEN within a community, AMBER/STRICT/RED never,
  // unmarked as relay-unmarked says.
  private boolean mayGo(String node, Version v, String to) {
    Set<String> from = originsAt(node, v.key());
    if (from.contains(to)) {
      return true;
    }
    return allowsFor(node, v, v.level(), from, to) && allowsFor(node, v, newest(node, v), from, to);
  }

  private boolean allowsFor(String node, Version v, Level level, Set<String> from, String to) {
    NodeRules r = rules.get(node);
    if (from.contains(LOCAL)
        && (level != Level.RED || r.redNamed().getOrDefault(v.id(), Set.of()).contains(to))) {
      return true;
    }
    for (String a : from) {
      if (a.equals(LOCAL)) {
        continue;
      }
      boolean ok =
          switch (level) {
            case CLEAR -> true;
            case GREEN -> r.shareCommunity(a, to);
            case AMBER, AMBER_STRICT, RED -> false;
            case NONE ->
                switch (r.relayUnmarked()) {
                  case "clear" -> true;
                  case "green" -> r.shareCommunity(a, to);
                  default -> false;
                };
          };
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private Level newest(String node, Version v) {
    Version best = v;
    for (Set<String> keys : held.getOrDefault(node, Map.of()).values()) {
      for (String k : keys) {
        Version o = versions.get(k);
        if (o.id().equals(v.id()) && o.modified().compareTo(best.modified()) > 0) {
          best = o;
        }
      }
    }
    return best.level();
  }

  Version version(String key) {
    return versions.get(key);
  }
}
