package dev.kasa.sighting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kasa's one sighting model, used by {@code kasa scan --format stix}, the node and federation:
 *
 * <ul>
 *   <li>a sighting is one sighted object, one UTC day of events and one verdict (true or false
 *       positive) of one sighter; its id is {@code sighting--} and the name-based UUID ({@link
 *       KasaUuids}) of {@code sighting|SIGHTER|OBJECT|DAY|true-positive} (or {@code
 *       false-positive}), where SIGHTER is the identity id, or a keyed hash of the node's secret
 *       when it anonymises;
 *   <li>{@code created} is the start of that day and never changes;
 *   <li>a change of what was seen (count, first or last seen, the sighted object's TLP) makes a new
 *       version whose {@code modified} is the clock's time (later than the previous version's); the
 *       same content is the same version;
 *   <li>it is marked no wider than what it sights.
 * </ul>
 *
 * <p>Immutable and thread-safe; time comes only from the injected clock.
 */
public final class SightingModel {
  private final Sighter sighter;
  private final Clock clock;

  public SightingModel(Sighter sighter, Clock clock) {
    this.sighter = Objects.requireNonNull(sighter, "sighter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Who sights. */
  public Sighter sighter() {
    return sighter;
  }

  /** The id of the sighting of {@code sightingOfRef} on {@code day} with that verdict. */
  public String idOf(String sightingOfRef, LocalDate day, boolean falsePositive) {
    return "sighting--"
        + KasaUuids.of(
            String.join(
                "|",
                "sighting",
                sighter.idPart(),
                sightingOfRef,
                day.toString(),
                falsePositive ? "false-positive" : "true-positive"));
  }

  /** The first version of the sighting of {@code seen}. */
  public Sighting first(SightedDay seen) {
    Instant created = seen.day().atStartOfDay().toInstant(ZoneOffset.UTC);
    return new Sighting(
        idOf(seen.sightingOfRef(), seen.day(), seen.falsePositive()),
        sighter,
        seen,
        created,
        latest(now(), created));
  }

  /**
   * The version after {@code current} whose content is {@code seen} (totals, not an increment):
   * {@code current} itself when nothing changed, else a new version modified now (or a millisecond
   * after {@code current} when the clock has not moved past it).
   *
   * @throws IllegalArgumentException when {@code seen} is about another object, day or verdict, or
   *     {@code current} is another sighter's
   */
  public Sighting next(Sighting current, SightedDay seen) {
    if (!current.seen().sameSubject(seen) || !current.sighter().equals(sighter)) {
      throw new IllegalArgumentException(
          "a new version of " + current.id() + " must sight the same object on the same day");
    }
    if (current.seen().equals(seen)) {
      return current;
    }
    Instant modified = latest(now(), current.modified().plusMillis(1));
    return new Sighting(current.id(), sighter, seen, current.created(), modified);
  }

  /** The version after {@code current} once {@code more} events are added to it. */
  public Sighting add(Sighting current, SightedDay more) {
    return next(current, current.seen().plus(more));
  }

  /** The first version of each sighting of a tally, in its order. */
  public List<Sighting> sightings(SightingTally tally) {
    List<Sighting> out = new ArrayList<>();
    for (SightedDay d : tally.days()) {
      out.add(first(d));
    }
    return out;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
