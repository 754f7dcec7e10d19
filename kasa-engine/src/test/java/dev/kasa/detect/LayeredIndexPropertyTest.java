package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.detect.IndicatorArbitraries.Lookup;
import dev.kasa.intel.Actor;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelDiff;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A live matcher (an {@link IntelSet} with a {@link LayeredIndex} in front of merged bulks, through
 * {@link LiveIndicators}) against a model of the versioning rules written as plainly as possible:
 * after every step of a random sequence of adds, supersessions, revocations, expiries and merges,
 * every lookup finds exactly what {@link NaiveMatcher} finds among the observables of the model's
 * current versions, and each change says what changed exactly as the model does.
 */
class LayeredIndexPropertyTest {
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final Origin[] ORIGINS = {
    Origin.file("a.json"), Origin.partner("cert-b", "shared-iocs")
  };
  private static final Provenance[] PROVENANCES = {
    Provenance.of("a.json"),
    new Provenance(
        "shared-iocs", "CERT B", "C2 server", List.of("Report 7"), List.of("Wave 2"), null)
  };
  private static final Attribution APT =
      new Attribution(List.of(new Actor("APT0", null, true)), List.of(), List.of(), List.of());

  sealed interface Step permits Put, Expire, Merge {}

  record Put(IntelVersion version) implements Step {}

  record Expire(long millis) implements Step {}

  /** Runs the merges started so far in the background, then lets the writer take them in. */
  record Merge() implements Step {}

  @Property(tries = 200)
  void theLiveMatcherFindsWhatANaiveScanOfTheCurrentVersionsFinds(
      @ForAll("steps") List<Step> steps, @ForAll("lookups") List<Lookup> lookups) {
    // Besides the random lookups, every value put, at its start: hits when it stands.
    List<Lookup> all = new ArrayList<>(lookups);
    for (Step step : steps) {
      if (step instanceof Put p) {
        for (Indicator i : p.version().observables()) {
          all.add(new Lookup(i.type(), i.value(), i.validFrom().toEpochMilli() + 1));
        }
      }
    }
    lookups = all;
    var model = new Model();
    var set = new IntelSet();
    var background = new QueuedExecutor();
    var live = new LiveIndicators(set, background, 3);
    // The same diffs applied by hand to layers merged only when asked.
    LayeredIndex byHand = LayeredIndex.of(new IntelSet().index());
    for (Step step : steps) {
      IntelDiff diff;
      IntelDiff expected;
      switch (step) {
        case Put p -> {
          diff = live.apply(List.of(p.version()));
          expected = model.apply(p.version());
        }
        case Expire e -> {
          diff = live.expire(Instant.ofEpochMilli(e.millis()));
          expected = model.expire(e.millis());
        }
        case Merge m -> {
          background.runAll();
          live.poll();
          diff = IntelDiff.EMPTY;
          expected = IntelDiff.EMPTY;
        }
      }
      assertThat(changes(diff)).as("%s", step).isEqualTo(changes(expected));
      changes(diff).forEach(c -> Statistics.label("changes").collect(c.get(0)));
      byHand = step instanceof Merge ? LayeredIndex.of(byHand.merged()) : byHand.with(diff);
      Statistics.label("layers")
          .collect(live.current().deltaVersions() > 0 && live.current().bulk().size() > 0);
      check(live.current(), model, lookups, step);
      check(byHand, model, lookups, step);
    }
    check(set.index(), model, lookups, "the set's own index");
    assertThat(set.size()).isEqualTo(model.live().size());
    // A count, not a share: the share of layered steps swings with the seed (4-10%), and what
    // matters is that many steps ran against a bulk index with a delta on it.
    Statistics.label("layers").coverage(c -> c.check(true).count(n -> n >= 20));
    Statistics.label("changes")
        .coverage(
            c -> {
              c.check("added").count(n -> n > 0);
              c.check("replaced").count(n -> n > 0);
              c.check("removed").count(n -> n > 0);
            });
    Statistics.label("outcome").coverage(c -> c.check("hit").percentage(p -> p > 5));
  }

  private static void check(
      IndicatorMatcher matcher, Model model, List<Lookup> lookups, Object at) {
    List<Indicator> current = model.observables();
    assertThat(matcher.size()).as("size after %s", at).isEqualTo(current.size());
    for (Lookup l : lookups) {
      List<Indicator> found = new ArrayList<>();
      matcher.match(l.type(), l.value(), l.time(), e -> found.add(matcher.indicator(e)));
      Statistics.label("outcome").collect(found.isEmpty() ? "miss" : "hit");
      assertThat(found)
          .as("%s %s at %d after %s", l.type(), l.value(), l.time(), at)
          .containsExactlyInAnyOrderElementsOf(
              NaiveMatcher.match(current, l.type(), l.value(), l.time()));
    }
  }

  /** A diff as a set of (change, id, version) triples: the order within a diff means nothing. */
  private static Set<List<Object>> changes(IntelDiff d) {
    Set<List<Object>> out = new LinkedHashSet<>();
    d.added().forEach(v -> out.add(List.of("added", v.id(), v)));
    d.replaced().forEach(v -> out.add(List.of("replaced", v.id(), v)));
    d.removed().forEach(id -> out.add(List.of("removed", id)));
    return out;
  }

  /** The versioning rules of docs/intel.md, one id at a time. */
  private static final class Model {
    enum State {
      LIVE,
      REVOKED,
      EXPIRED
    }

    record Entry(State state, Instant modified, IntelVersion version) {}

    private final Map<String, Entry> entries = new HashMap<>();

    IntelDiff apply(IntelVersion v) {
      var diff = new IntelDiff.Builder();
      Entry e = entries.get(v.id());
      if (e == null) {
        if (v.revoked()) {
          entries.put(v.id(), new Entry(State.REVOKED, v.modified(), null));
        } else {
          entries.put(v.id(), new Entry(State.LIVE, v.modified(), v));
          diff.added(v);
        }
        return diff.build();
      }
      boolean newer = v.modified().isAfter(e.modified());
      switch (e.state()) {
        case REVOKED -> {}
        case LIVE -> {
          if (v.revoked()) {
            entries.put(v.id(), new Entry(State.REVOKED, e.modified(), null));
            diff.removed(v.id());
          } else if (newer) {
            entries.put(v.id(), new Entry(State.LIVE, v.modified(), v));
            diff.replaced(v);
          }
        }
        case EXPIRED -> {
          if (v.revoked()) {
            entries.put(v.id(), new Entry(State.REVOKED, e.modified(), null));
          } else if (newer) {
            entries.put(v.id(), new Entry(State.LIVE, v.modified(), v));
            diff.added(v);
          }
        }
      }
      return diff.build();
    }

    IntelDiff expire(long nowMillis) {
      var diff = new IntelDiff.Builder();
      for (var e : List.copyOf(entries.entrySet())) {
        IntelVersion v = e.getValue().version();
        if (e.getValue().state() == State.LIVE
            && !v.observables().isEmpty()
            && v.observables().stream()
                .allMatch(
                    i ->
                        i.validUntil() != null
                            && IndexIntake.ceilMillis(i.validUntil()) <= nowMillis)) {
          entries.put(e.getKey(), new Entry(State.EXPIRED, e.getValue().modified(), null));
          diff.removed(e.getKey());
        }
      }
      return diff.build();
    }

    List<IntelVersion> live() {
      return entries.values().stream()
          .filter(e -> e.state() == State.LIVE)
          .map(Entry::version)
          .toList();
    }

    /** The observables of the current versions; identical ones of a version are one. */
    List<Indicator> observables() {
      return live().stream().flatMap(v -> v.observables().stream().distinct()).toList();
    }
  }

  /** Runs what it is given only when told: a background that the test steps through. */
  private static final class QueuedExecutor implements Executor {
    private final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      queued.add(task);
    }

    void runAll() {
      while (!queued.isEmpty()) {
        queued.poll().run();
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> put = version().map(Put::new);
    Arbitrary<Step> expire =
        Arbitraries.longs().between(-2000, 8000).map(d -> (Step) new Expire(T0 + d));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, put),
            net.jqwik.api.Tuple.of(1, expire),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Step) new Merge())))
        .list()
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Lookup>> lookups() {
    return IndicatorArbitraries.lookups(T0);
  }

  private static Arbitrary<IntelVersion> version() {
    Arbitrary<Integer> id = Arbitraries.integers().between(0, 5);
    Arbitrary<Instant> modified =
        Combinators.combine(Arbitraries.longs().between(0, 3), Arbitraries.of(0, 0, 0, 1))
            .as((s, n) -> Instant.ofEpochMilli(T0).plusSeconds(s).plusNanos(n));
    return Combinators.combine(
            id,
            modified,
            Arbitraries.integers().between(0, 7).map(r -> r == 0),
            Arbitraries.integers().between(0, ORIGINS.length - 1),
            observable().list().ofMaxSize(3))
        .as(
            (n, m, revoked, o, parts) -> {
              String vid = TestIndicators.id(n);
              Origin origin = ORIGINS[o];
              List<Indicator> observables = new ArrayList<>();
              for (Indicator i : parts) {
                observables.add(
                    new Indicator(
                        vid,
                        i.type(),
                        i.value(),
                        i.validFrom(),
                        i.validUntil(),
                        i.revoked(),
                        i.confidence(),
                        i.tlp(),
                        i.attribution(),
                        origin,
                        i.provenance()));
              }
              return new IntelVersion(vid, m, revoked, origin, observables);
            });
  }

  /** An observable with a placeholder id and origin, set by {@link #version}. */
  private static Arbitrary<Indicator> observable() {
    return Combinators.combine(
            IndicatorArbitraries.typedValues(),
            Arbitraries.longs().between(-3, 3),
            Arbitraries.longs().between(0, 4),
            Arbitraries.integers().between(0, 14),
            Arbitraries.of(Tlp.values()),
            Arbitraries.integers().between(0, PROVENANCES.length - 1))
        .as(
            (v, from, length, flags, tlp, p) -> {
              ObservableType type = v.get1();
              Instant validFrom =
                  Instant.ofEpochMilli(T0 + from * 1000).plusNanos(flags == 8 ? 1234 : 0);
              return new Indicator(
                  TestIndicators.id(0),
                  type,
                  Observables.normalize(type, v.get2()),
                  validFrom,
                  length == 0 ? null : validFrom.plusSeconds(length),
                  flags == 14,
                  flags * 7 - 1,
                  tlp,
                  flags % 2 == 0 ? APT : Attribution.NONE,
                  ORIGINS[0],
                  PROVENANCES[p]);
            });
  }
}
