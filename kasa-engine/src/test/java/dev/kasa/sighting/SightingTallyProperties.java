package dev.kasa.sighting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.stix.StixValidator;
import dev.kasa.stix.Tlp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** However events fall, the sightings are the naive per (object, UTC day, verdict) sums. */
class SightingTallyProperties {
  record Event(String ref, Tlp tlp, long millis, boolean falsePositive) {}

  private static final List<String> REFS =
      List.of(SightingModelTest.IND, SightingModelTest.IND2, "indicator--" + KasaUuids.of("r"));
  private static final long START = Instant.parse("2026-11-19T20:00:00Z").toEpochMilli();

  @Provide
  Arbitrary<List<Event>> events() {
    return Combinators.combine(
            Arbitraries.of(REFS),
            Arbitraries.of(Tlp.class),
            Arbitraries.longs().between(START, START + 3 * 86_400_000L),
            Arbitraries.of(false, false, true))
        .as(Event::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void sightingsAreTheNaiveSums(@ForAll("events") List<Event> events) {
    var tally = new SightingTally();
    events.forEach(e -> tally.add(e.ref(), e.tlp(), e.millis(), e.falsePositive()));
    var model =
        new SightingModel(Sighter.organisation("prop"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    List<Sighting> sightings = model.sightings(tally);

    List<String> naiveOrder = new ArrayList<>();
    for (Event e : events) {
      String id =
          model.idOf(
              e.ref(), SightedDay.dayOf(Instant.ofEpochMilli(e.millis())), e.falsePositive());
      if (!naiveOrder.contains(id)) {
        naiveOrder.add(id);
      }
    }
    assertThat(sightings).extracting(Sighting::id).containsExactlyElementsOf(naiveOrder);
    long total = 0;
    Set<String> ids = new HashSet<>();
    for (Sighting s : sightings) {
      ids.add(s.id());
      List<Event> mine =
          events.stream()
              .filter(
                  e ->
                      model
                          .idOf(
                              e.ref(),
                              SightedDay.dayOf(Instant.ofEpochMilli(e.millis())),
                              e.falsePositive())
                          .equals(s.id()))
              .toList();
      assertThat(s.seen().count()).isEqualTo(mine.size());
      assertThat(s.seen().firstSeen().toEpochMilli())
          .isEqualTo(mine.stream().mapToLong(Event::millis).min().orElseThrow());
      assertThat(s.seen().lastSeen().toEpochMilli())
          .isEqualTo(mine.stream().mapToLong(Event::millis).max().orElseThrow());
      assertThat(s.seen().tlp())
          .isEqualTo(mine.stream().map(Event::tlp).reduce(Tlp.NONE, Tlp::max));
      assertThat(StixValidator.validate(s.toStix(), "s")).isEmpty();
      total += s.seen().count();
    }
    assertThat(total).isEqualTo(events.size());
    assertThat(ids).hasSameSizeAs(sightings);
  }
}
