package dev.kasa.node.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.Origin;
import dev.kasa.stix.Tlp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The sharing function against an oracle written from issue 10's rules (not from the code): random
 * agreements, recipients, versions, origins, markings and sightings.
 */
class SharingRulesProperties {
  static final String COL = "col-1";
  static final List<String> PARTNERS = List.of("pa", "pb", "pc", "pd");
  static final List<String> USERS = List.of("operator", "ann");

  record Case(Agreements agreements, Recipient recipient, VersionFacts version) {}

  @Property(tries = 5000)
  void decidesAsTheIssueRulesSay(@ForAll("cases") Case c) {
    Decision d = new SharingPolicy(c.agreements()).mayReceive(c.recipient(), COL, c.version());
    assertThat(d.allowed())
        .as("%s (rule %s)", c, d.rule())
        .isEqualTo(Oracle.mayReceive(c.agreements(), c.recipient(), c.version()));
    assertThat(d.rule()).isNotBlank();
  }

  /**
   * The rules of issue 10, "Agreements and TLP 2.0 on every path out", read sentence by sentence.
   */
  static final class Oracle {
    static boolean mayReceive(Agreements a, Recipient r, VersionFacts v) {
      if (!r.isPartner()) {
        // The node's own people read by their role: admins and analysts read every collection.
        return r.role() == Role.ADMIN || r.role() == Role.ANALYST;
      }
      // Every path out needs the recipient to hold a read grant on a collection holding it.
      return r.readable().contains(COL) && rules(a, r.name(), v);
    }

    // Whether v may go to partner b by the TLP rules (grants aside).
    static boolean rules(Agreements a, String b, VersionFacts v) {
      VersionFacts x = v.sighted();
      if (x != null && ours(v)) {
        // Derived: takes the origins and marking of what it sights; may always go back to the
        // partner that object came from, and beyond that only where that object may go.
        if (partnersOf(x).contains(b)) {
          return true;
        }
        Tlp own = v.tlp() == Tlp.NONE ? x.tlp() : v.tlp();
        Tlp ownNewest = v.newestTlp() == Tlp.NONE ? x.tlp() : v.newestTlp();
        return rules(a, b, x)
            && marking(a, b, x.stixId(), own, x.origins())
            && marking(a, b, x.stixId(), ownNewest, x.origins());
      }
      if (x != null) {
        // A sighting received: each node passes it on to its own origins of what it sights.
        if (partnersOf(x).contains(b)) {
          return true;
        }
        return both(a, b, v) && rules(a, b, x);
      }
      return both(a, b, v);
    }

    // Both its own markings and those of the newest version held must allow it.
    static boolean both(Agreements a, String b, VersionFacts v) {
      return marking(a, b, v.stixId(), v.tlp(), v.origins())
          && marking(a, b, v.stixId(), v.newestTlp(), v.origins());
    }

    // For at least one of its origins, the marking lets it go to b.
    static boolean marking(Agreements a, String b, String id, Tlp tlp, Set<Origin> origins) {
      for (Origin o : origins) {
        if (o.kind() == Kind.USER) {
          // Ours: as the grants allow, except RED, only to the recipients named for it.
          if (tlp != Tlp.RED || a.redRecipients().getOrDefault(id, Set.of()).contains(b)) {
            return true;
          }
          continue;
        }
        String from = o.principal();
        if (from.equals(b)) {
          return true; // always back to an origin
        }
        boolean community = shareCommunity(a, from, b);
        boolean ok =
            switch (tlp) {
              case CLEAR -> true;
              case GREEN -> community;
              case AMBER, AMBER_STRICT, RED -> false;
              case NONE ->
                  switch (a.relayUnmarked()) {
                    case NONE -> false;
                    case CLEAR -> true;
                    case GREEN -> community;
                  };
            };
        if (ok) {
          return true;
        }
      }
      return false;
    }

    static boolean ours(VersionFacts v) {
      return v.origins().stream().anyMatch(o -> o.kind() == Kind.USER);
    }

    static Set<String> partnersOf(VersionFacts v) {
      Set<String> out = new HashSet<>();
      v.origins().stream()
          .filter(o -> o.kind() == Kind.PARTNER)
          .forEach(o -> out.add(o.principal()));
      return out;
    }

    static boolean shareCommunity(Agreements a, String x, String y) {
      for (Set<String> members : communitiesByName(a).values()) {
        if (members.contains(x) && members.contains(y)) {
          return true;
        }
      }
      return false;
    }

    // The agreements keep communities by partner; the oracle looks at them by community.
    static Map<String, Set<String>> communitiesByName(Agreements a) {
      Map<String, Set<String>> out = new HashMap<>();
      a.communities()
          .forEach(
              (partner, names) ->
                  names.forEach(n -> out.computeIfAbsent(n, k -> new HashSet<>()).add(partner)));
      return out;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(agreements(), recipients(), versions()).as(Case::new);
  }

  static Arbitrary<Agreements> agreements() {
    Arbitrary<Map<String, Set<String>>> communities =
        Arbitraries.maps(
                Arbitraries.of(PARTNERS), Arbitraries.of("c1", "c2", "c3").set().ofMaxSize(2))
            .ofMaxSize(4);
    Arbitrary<Map<String, Set<String>>> red =
        Arbitraries.maps(Arbitraries.of("x--1", "x--2", "x--3"), partnerSet()).ofMaxSize(3);
    return Combinators.combine(communities, red, Arbitraries.of(RelayUnmarked.class))
        .as(Agreements::new);
  }

  static Arbitrary<Recipient> recipients() {
    Arbitrary<Recipient> partners =
        Combinators.combine(Arbitraries.of(PARTNERS), Arbitraries.of(true, true, false))
            .as(
                (name, grant) ->
                    new Recipient(
                        name, Kind.PARTNER, null, grant ? Set.of(COL) : Set.of("other"), Set.of()));
    Arbitrary<Recipient> users =
        Arbitraries.of(Role.class)
            .map(role -> new Recipient("ann", Kind.USER, role, Set.of(), Set.of()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, partners), net.jqwik.api.Tuple.of(1, users));
  }

  static Arbitrary<VersionFacts> versions() {
    Arbitrary<VersionFacts> plain = plain("indicator", Arbitraries.of("x--1", "x--2", "x--3"));
    Arbitrary<VersionFacts> sightings =
        Combinators.combine(
                Arbitraries.of(Tlp.class),
                Arbitraries.of(Tlp.class),
                origins(),
                plain("indicator", Arbitraries.of("x--1", "x--2", "x--3")))
            .as(
                (tlp, newest, origins, x) ->
                    new VersionFacts(
                        "sighting--1",
                        "sighting",
                        tlp,
                        newest,
                        origins,
                        new VersionFacts(
                            x.stixId(), x.type(), x.tlp(), x.tlp(), x.origins(), null)));
    return Arbitraries.oneOf(plain, sightings);
  }

  static Arbitrary<VersionFacts> plain(String type, Arbitrary<String> ids) {
    return Combinators.combine(ids, Arbitraries.of(Tlp.class), Arbitraries.of(Tlp.class), origins())
        .as((id, tlp, newest, origins) -> new VersionFacts(id, type, tlp, newest, origins, null));
  }

  static Arbitrary<Set<Origin>> origins() {
    Arbitrary<Origin> one =
        Arbitraries.oneOf(
            Arbitraries.of(PARTNERS).map(p -> new Origin(p, Kind.PARTNER)),
            Arbitraries.of(USERS).map(u -> new Origin(u, Kind.USER)));
    return one.set().ofMinSize(1).ofMaxSize(3);
  }

  static Arbitrary<Set<String>> partnerSet() {
    return Arbitraries.of(PARTNERS).set().ofMaxSize(3);
  }
}
