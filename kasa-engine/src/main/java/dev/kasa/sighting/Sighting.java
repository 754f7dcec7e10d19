package dev.kasa.sighting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixTimestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a sighting as the {@link SightingModel} makes it. Immutable.
 *
 * @param id {@code sighting--} and the name-based UUID of (sighter, object, day, verdict)
 * @param sighter who sighted
 * @param seen what was seen: the object, the UTC day, the verdict, counts and times, the TLP
 * @param created the start of the day; never changes from one version to the next
 * @param modified when this version was made; not before {@code created}, in whole milliseconds
 */
public record Sighting(
    String id, Sighter sighter, SightedDay seen, Instant created, Instant modified) {
  /** The largest {@code count} STIX allows; more events are written as this many. */
  public static final int MAX_STIX_COUNT = 999_999_999;

  private static final DateTimeFormatter STIX_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public Sighting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sighter, "sighter");
    Objects.requireNonNull(seen, "seen");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(modified, "modified");
    if (!created.equals(seen.day().atStartOfDay().toInstant(ZoneOffset.UTC))) {
      throw new IllegalArgumentException(
          "created " + created + " of " + id + " is not the start of its day " + seen.day());
    }
    if (modified.isBefore(created) || !modified.truncatedTo(ChronoUnit.MILLIS).equals(modified)) {
      throw new IllegalArgumentException(
          "modified " + modified + " of " + id + " is before created or finer than milliseconds");
    }
  }

  /**
   * This version as a STIX 2.1 sighting: the sighter as {@code created_by_ref} and {@code
   * where_sighted_refs} (neither when anonymous), marked with the TLP 2.0 marking of the sighted
   * object's TLP (unmarked only when it is), and a false positive flagged by {@link
   * SightingExtension}.
   */
  public StixSighting toStix() {
    String identity = sighter.identity().orElse(null);
    List<String> markings = seen.tlp().markingId().map(List::of).orElse(null);
    Map<String, JsonNode> other = Map.of();
    if (seen.falsePositive()) {
      ObjectNode ext = JsonNodeFactory.instance.objectNode();
      ext.putObject(SightingExtension.ID)
          .put("extension_type", "property-extension")
          .put(SightingExtension.FALSE_POSITIVE, true);
      other = Map.of("extensions", ext);
    }
    return new StixSighting(
        new StixCommon(
            StixSighting.TYPE,
            id,
            "2.1",
            timestamp(created),
            timestamp(modified),
            identity,
            null,
            null,
            null,
            null,
            markings,
            null),
        seen.sightingOfRef(),
        null,
        identity == null ? null : List.of(identity),
        (int) Math.min(seen.count(), MAX_STIX_COUNT),
        timestamp(seen.firstSeen()),
        timestamp(seen.lastSeen()),
        null,
        other);
  }

  static StixTimestamp timestamp(Instant t) {
    return new StixTimestamp(STIX_TIME.format(t), t.truncatedTo(ChronoUnit.MILLIS));
  }
}
