package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EventCountPropertyTest {
  record Event(String group, long time) {}

  record Hit(String group, long last, int count) {}

  @Property(tries = 300)
  void eventCountHitsEqualTheNaiveComputation(
      @ForAll("events") List<Event> unsorted,
      @ForAll @IntRange(min = 1, max = 6) int threshold,
      @ForAll @IntRange(min = 1, max = 60) int spanSeconds) {
    List<Event> events = new ArrayList<>(unsorted);
    events.sort(Comparator.comparingLong(Event::time)); // stable: ties keep generation order
    long span = spanSeconds * 1000L;
    SigmaCorrelation c =
        correlation(EVENT_COUNT)
            .rules("base")
            .groupBy("g")
            .timespan(Duration.ofSeconds(spanSeconds))
            .condition(gte(threshold))
            .build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(c), Limits.defaults());
    List<Hit> actual = new ArrayList<>();
    long line = 0;
    for (Event e : events) {
      engine.onMatch(
          "base",
          null,
          new EventRef("p.log", ++line, e.time()),
          f -> f.equals("g") ? e.group() : null,
          h -> actual.add(new Hit(h.group().get("g"), h.lastMillis(), (int) h.value())));
    }
    engine.finish(h -> actual.add(new Hit("finish", 0, 0)));

    assertThat(actual).isEqualTo(naive(events, threshold, span));
  }

  /**
   * The documented semantics, computed the slow way: an event fires when, counting from scratch,
   * the events of its group within one timespan before it (and after the previous hit's mute
   * period) reach the threshold; a hit mutes the group for one timespan after its time.
   */
  private static List<Hit> naive(List<Event> events, int threshold, long span) {
    List<Hit> hits = new ArrayList<>();
    Map<String, Long> lastHit = new java.util.HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      Long muted = lastHit.get(e.group());
      if (muted != null && e.time() <= muted + span) {
        continue;
      }
      int count = 0;
      for (int j = 0; j <= i; j++) {
        Event o = events.get(j);
        if (o.group().equals(e.group())
            && o.time() >= e.time() - span
            && (muted == null || o.time() > muted + span)) {
          count++;
        }
      }
      if (count >= threshold) {
        hits.add(new Hit(e.group(), e.time(), count));
        lastHit.put(e.group(), e.time());
      }
    }
    return hits;
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<String> group = Arbitraries.of("a", "b", "c");
    Arbitrary<Long> time = Arbitraries.longs().between(0, 300_000).map(t -> t / 500 * 500);
    return Combinators.combine(group, time).as(Event::new).list().ofMaxSize(200);
  }

  /** Whatever the correlation and the matches, the engine only reports; it never throws. */
  @Property(tries = 300)
  void anyInputIsHandledWithinLimits(
      @ForAll CorrelationType type,
      @ForAll @IntRange(min = 0, max = 5) int bound,
      @ForAll @IntRange(min = 0, max = 5) int op,
      @ForAll @Size(max = 300) List<@IntRange(min = -5, max = 400) Integer> times,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> values) {
    Double b = (double) bound;
    Threshold t =
        new Threshold(
            op == 0 ? b : null,
            op == 1 ? b : null,
            op == 2 ? b : null,
            op == 3 ? b : null,
            op == 4 ? b : null,
            op == 5 ? b : null,
            type == CorrelationType.VALUE_PERCENTILE ? 50.0 : null);
    SigmaCorrelation c =
        correlation(type)
            .name("inner")
            .rules("x", "y")
            .groupBy("g")
            .timespan(Duration.ofSeconds(5))
            .field("v")
            .condition(t)
            .build();
    SigmaCorrelation outer =
        correlation(EVENT_COUNT).rules("inner").groupBy("g").condition(gte(1)).build();
    CorrelationEngine engine = CorrelationEngine.create(List.of(c, outer), new Limits(3, 4));
    for (int i = 0; i < times.size(); i++) {
      int v = values.isEmpty() ? 0 : values.get(i % values.size());
      long time = times.get(i) < 0 ? EventRef.NO_TIME : times.get(i) * 100L;
      FieldLookup fields =
          f ->
              switch (f) {
                case "g" -> v == 9 ? null : "g" + (v % 5);
                case "v" -> v == 8 ? "not a number" : Integer.toString(v);
                default -> null;
              };
      engine.onMatch(
          i % 2 == 0 ? "x" : null,
          i % 2 == 0 ? null : "y",
          new EventRef("f", i, time),
          fields,
          h -> assertThat(h.events()).isNotEmpty());
      assertThat(engine.stats().groupsLive()).isLessThanOrEqualTo(6);
    }
    engine.finish(h -> assertThat(h.firstMillis()).isLessThanOrEqualTo(h.lastMillis()));
    assertThat(engine.stats().groupsLive()).isZero();
  }
}
