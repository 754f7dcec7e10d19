package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.detect.Hit;
import dev.kasa.intel.Indicator;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixIdentity;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.StixWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A STIX 2.1 bundle of {@code sighting} objects, one per indicator hit, ready to share back: our
 * identity as the sighter, the hit count, first and last seen, and the indicator's own TLP marking
 * (a sighting reveals the indicator, so it is shared no wider than it).
 */
public final class SightingReport implements HitReport {
  private final Writer out;
  private final Clock clock;
  private final String identityName;
  private final String identityId;
  private final Map<String, Seen> seen = new LinkedHashMap<>();

  /**
   * @param identityName the name of the organisation running this node, written as the sighter
   */
  public SightingReport(Writer out, Clock clock, String identityName) {
    this.out = out;
    this.clock = clock;
    this.identityName = identityName;
    this.identityId = "identity--" + nameUuid("kasa-identity:" + identityName);
  }

  private static final class Seen {
    final Indicator indicator;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Seen(Indicator indicator) {
      this.indicator = indicator;
    }
  }

  @Override
  public void hit(String input, Hit hit) {
    Seen s = seen.computeIfAbsent(hit.indicator().id(), id -> new Seen(hit.indicator()));
    s.count++;
    s.first = Math.min(s.first, hit.timeMillis());
    s.last = Math.max(s.last, hit.timeMillis());
  }

  @Override
  public void finish() {
    StixTimestamp now = timestamp(clock.millis());
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("type", "bundle");
      json.writeStringField(
          "id", "bundle--" + nameUuid(identityId + "|" + now.text() + "|" + seen));
      json.writeArrayFieldStart("objects");
      StixWriter.write(identity(now), json);
      for (Seen s : seen.values()) {
        StixWriter.write(sighting(s, now), json);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StixObject identity(StixTimestamp now) {
    return new StixIdentity(
        common(StixIdentity.TYPE, identityId, now, null, null),
        identityName,
        "organization",
        Map.of());
  }

  private StixObject sighting(Seen s, StixTimestamp now) {
    StixTimestamp first = timestamp(s.first);
    StixTimestamp last = timestamp(s.last);
    String id =
        "sighting--"
            + nameUuid(
                String.join("|", identityId, s.indicator.id(), first.text(), last.text())
                    + s.count);
    List<String> markings = s.indicator.tlp().markingId().map(List::of).orElse(null);
    return new StixSighting(
        common(StixSighting.TYPE, id, now, identityId, markings),
        s.indicator.id(),
        null,
        List.of(identityId),
        Math.toIntExact(Math.min(s.count, 999_999_999)),
        first,
        last,
        null,
        Map.of());
  }

  private static StixCommon common(
      String type, String id, StixTimestamp now, String createdBy, List<String> markings) {
    return new StixCommon(
        type, id, "2.1", now, now, createdBy, null, null, null, null, markings, null);
  }

  private static StixTimestamp timestamp(long epochMillis) {
    return new StixTimestamp(Times.format(epochMillis), Instant.ofEpochMilli(epochMillis));
  }

  private static UUID nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
