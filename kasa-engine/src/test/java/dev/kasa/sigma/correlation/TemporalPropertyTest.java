package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import net.jqwik.api.constraints.IntRange;

class TemporalPropertyTest {
  private static final List<String> RULES = List.of("r0", "r1", "r2");

  record Event(String group, int rule, long time) {}

  record Hit(String group, long last) {}

  @Property(tries = 300)
  void temporalHitsEqualTheNaiveComputation(
      @ForAll("events") List<Event> unsorted,
      @ForAll boolean ordered,
      @ForAll @IntRange(min = 1, max = 30) int spanSeconds) {
    List<Event> events = new ArrayList<>(unsorted);
    events.sort(Comparator.comparingLong(Event::time));
    CorrelationType type = ordered ? CorrelationType.TEMPORAL_ORDERED : CorrelationType.TEMPORAL;
    SigmaCorrelation c =
        correlation(type)
            .rules(RULES.toArray(String[]::new))
            .groupBy("g")
            .timespan(Duration.ofSeconds(spanSeconds))
            .build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(c), Limits.defaults());
    List<Hit> actual = new ArrayList<>();
    long line = 0;
    for (Event e : events) {
      engine.onMatch(
          RULES.get(e.rule()),
          null,
          new EventRef("p.log", ++line, e.time()),
          f -> e.group(),
          h -> actual.add(new Hit(h.group().get("g"), h.lastMillis())));
    }
    assertThat(actual).isEqualTo(naive(events, ordered, spanSeconds * 1000L));
  }

  /**
   * An event fires when the events of its group within one timespan before it (after the previous
   * hit's mute period) include every rule ({@code temporal}), or a chain of the rules in listed
   * order with non-decreasing times, found by taking for each rule the earliest event not before
   * the previous link ({@code temporal_ordered}).
   */
  private static List<Hit> naive(List<Event> events, boolean ordered, long span) {
    List<Hit> hits = new ArrayList<>();
    Map<String, Long> lastHit = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      Long muted = lastHit.get(e.group());
      if (muted != null && e.time() <= muted + span) {
        continue;
      }
      List<Event> window = new ArrayList<>();
      for (int j = 0; j <= i; j++) {
        Event o = events.get(j);
        if (o.group().equals(e.group())
            && o.time() >= e.time() - span
            && (muted == null || o.time() > muted + span)) {
          window.add(o);
        }
      }
      if (ordered ? chainExists(window) : allRules(window)) {
        hits.add(new Hit(e.group(), e.time()));
        lastHit.put(e.group(), e.time());
      }
    }
    return hits;
  }

  private static boolean allRules(List<Event> window) {
    Set<Integer> seen = new HashSet<>();
    window.forEach(o -> seen.add(o.rule()));
    return seen.size() == RULES.size();
  }

  private static boolean chainExists(List<Event> window) {
    long at = Long.MIN_VALUE;
    for (int rule = 0; rule < RULES.size(); rule++) {
      long earliest = Long.MAX_VALUE;
      for (Event o : window) {
        if (o.rule() == rule && o.time() >= at) {
          earliest = Math.min(earliest, o.time());
        }
      }
      if (earliest == Long.MAX_VALUE) {
        return false;
      }
      at = earliest;
    }
    return true;
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<String> group = Arbitraries.of("a", "b");
    Arbitrary<Integer> rule = Arbitraries.integers().between(0, 2);
    Arbitrary<Long> time = Arbitraries.longs().between(0, 120).map(s -> s * 1000);
    return Combinators.combine(group, rule, time).as(Event::new).list().ofMaxSize(80);
  }
}
