package dev.kasa.sighting;

import dev.kasa.stix.StixValidator;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What was seen of one object on one UTC day, summed: the content of a sighting (its identity is
 * the object, the day and the verdict; its sighter is the model's). Immutable.
 *
 * @param sightingOfRef the sighted object's id (an indicator, or the {@code pattern_type: sigma}
 *     indicator of a rule)
 * @param day the UTC day of the events
 * @param falsePositive whether an analyst judged these events a false positive
 * @param tlp the sighted object's TLP (the most restrictive seen); the sighting is marked no wider
 * @param count how many events, at least 1
 * @param firstSeen the earliest event time, within {@code day}
 * @param lastSeen the latest event time, within {@code day} and not before {@code firstSeen}
 */
public record SightedDay(
    String sightingOfRef,
    LocalDate day,
    boolean falsePositive,
    Tlp tlp,
    long count,
    Instant firstSeen,
    Instant lastSeen) {
  public SightedDay {
    Objects.requireNonNull(sightingOfRef, "sightingOfRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(tlp, "tlp");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (!StixValidator.isIdentifier(sightingOfRef)) {
      throw new IllegalArgumentException(
          "sighting_of_ref is not <type>--<uuid>: '" + sightingOfRef + "'");
    }
    if (count < 1) {
      throw new IllegalArgumentException(
          "a sighting of " + sightingOfRef + " counts at least 1 event, not " + count);
    }
    if (!dayOf(firstSeen).equals(day) || !dayOf(lastSeen).equals(day)) {
      throw new IllegalArgumentException(
          "first and last seen "
              + firstSeen
              + ", "
              + lastSeen
              + " of "
              + sightingOfRef
              + " are not both on "
              + day);
    }
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "last seen " + lastSeen + " is before first seen " + firstSeen + " of " + sightingOfRef);
    }
  }

  /** The UTC day of {@code time}. */
  public static LocalDate dayOf(Instant time) {
    return LocalDate.ofInstant(time, ZoneOffset.UTC);
  }

  /** One event of {@code sightingOfRef} at {@code time}. */
  public static SightedDay of(String sightingOfRef, Tlp tlp, Instant time, boolean falsePositive) {
    return new SightedDay(sightingOfRef, dayOf(time), falsePositive, tlp, 1, time, time);
  }

  /** Whether {@code other} is about the same object, day and verdict. */
  public boolean sameSubject(SightedDay other) {
    return sightingOfRef.equals(other.sightingOfRef)
        && day.equals(other.day)
        && falsePositive == other.falsePositive;
  }

  /**
   * This and {@code more} together: counts added, the earliest first and latest last seen, the more
   * restrictive TLP.
   *
   * @throws IllegalArgumentException when {@code more} is about another object, day or verdict
   */
  public SightedDay plus(SightedDay more) {
    if (!sameSubject(more)) {
      throw new IllegalArgumentException(
          "cannot add a sighting of "
              + more.sightingOfRef
              + " on "
              + more.day
              + " to one of "
              + sightingOfRef
              + " on "
              + day);
    }
    return new SightedDay(
        sightingOfRef,
        day,
        falsePositive,
        tlp.max(more.tlp),
        Math.addExact(count, more.count),
        firstSeen.isAfter(more.firstSeen) ? more.firstSeen : firstSeen,
        lastSeen.isBefore(more.lastSeen) ? more.lastSeen : lastSeen);
  }
}
