package dev.kasa.sighting;

import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums events into sightings, one per sighted object, UTC day and verdict, in the order each was
 * first seen. Its size is bounded by the distinct (object, day, verdict) triples, not by the
 * events. Not thread-safe: one per run or batch, fed from one thread.
 */
public final class SightingTally {
  private static final long DAY_MILLIS = 86_400_000L;

  private record Key(String ref, long epochDay, boolean falsePositive) {}

  /** The running sums of one key; turned into a {@link SightedDay} when asked. */
  private static final class Sums {
    Tlp tlp;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Sums(Tlp tlp) {
      this.tlp = tlp;
    }
  }

  private final Map<Key, Sums> days = new LinkedHashMap<>();

  /**
   * One event of {@code sightingOfRef}, whose TLP is {@code tlp}, at {@code eventMillis} (epoch
   * milliseconds; the caller chooses a time for events that have none).
   */
  public void add(String sightingOfRef, Tlp tlp, long eventMillis, boolean falsePositive) {
    var key = new Key(sightingOfRef, Math.floorDiv(eventMillis, DAY_MILLIS), falsePositive);
    Sums s = days.computeIfAbsent(key, k -> new Sums(tlp));
    s.tlp = s.tlp.max(tlp);
    s.count++;
    s.first = Math.min(s.first, eventMillis);
    s.last = Math.max(s.last, eventMillis);
  }

  /** Whether nothing was added. */
  public boolean isEmpty() {
    return days.isEmpty();
  }

  /** The sums so far, in first-seen order. */
  public List<SightedDay> days() {
    List<SightedDay> out = new ArrayList<>(days.size());
    days.forEach(
        (k, s) ->
            out.add(
                new SightedDay(
                    k.ref(),
                    LocalDate.ofEpochDay(k.epochDay()),
                    k.falsePositive(),
                    s.tlp,
                    s.count,
                    Instant.ofEpochMilli(s.first),
                    Instant.ofEpochMilli(s.last))));
    return out;
  }
}
