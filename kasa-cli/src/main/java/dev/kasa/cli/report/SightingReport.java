package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.detect.Finding;
import dev.kasa.intel.Indicator;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.rule.RuleInfo;
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
import java.util.ArrayList;
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

  /** What was sighted: an indicator's id and the markings its sighting must carry. */
  private static final class Seen {
    final String ref;
    final List<String> markings;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Seen(String ref, List<String> markings) {
      this.ref = ref;
      this.markings = markings;
    }

    void add(long timeMillis) {
      count++;
      first = Math.min(first, timeMillis);
      last = Math.max(last, timeMillis);
    }
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    Indicator ind = hit.indicator();
    seen.computeIfAbsent(
            ind.id(), id -> new Seen(id, ind.tlp().markingId().map(List::of).orElse(null)))
        .add(hit.matchedAtMillis());
  }

  /**
   * A Sigma rule is shared in STIX as an indicator with {@code pattern_type: sigma}; its id is
   * derived from the rule id, so every node names the same rule the same way.
   */
  @Override
  public void sigma(String input, Finding.RuleMatch found) {
    SigmaMatch match = found.match();
    long time =
        match.timeMillis() == dev.kasa.event.DecodedRecord.NO_TIME
            ? clock.millis()
            : match.timeMillis();
    seen.computeIfAbsent(ruleIndicator(match.rule()), id -> new Seen(id, null)).add(time);
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    seen.computeIfAbsent(ruleIndicator(hit.correlation().info()), id -> new Seen(id, null))
        .add(hit.lastMillis());
  }

  static String ruleIndicator(RuleInfo rule) {
    String id = rule.id();
    try {
      if (id != null) {
        return "indicator--" + UUID.fromString(id);
      }
    } catch (IllegalArgumentException e) {
      // not a UUID: derive one below
    }
    return "indicator--" + nameUuid("kasa-sigma-rule:" + rule.label());
  }

  @Override
  public void finish() {
    StixTimestamp now = timestamp(clock.millis());
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.setCharacterEscapes(new TerminalSafeJson());
      json.writeStartObject();
      json.writeStringField("type", "bundle");
      List<StixObject> sightings = new ArrayList<>();
      StringBuilder name = new StringBuilder(identityId).append('|').append(now.text());
      for (Seen s : seen.values()) {
        StixObject sighting = sighting(s, now);
        sightings.add(sighting);
        name.append('|').append(sighting.common().id());
      }
      // Named by what it holds, so the same sightings at the same time make the same bundle.
      json.writeStringField("id", "bundle--" + nameUuid(name.toString()));
      json.writeArrayFieldStart("objects");
      StixWriter.write(identity(now), json);
      for (StixObject sighting : sightings) {
        StixWriter.write(sighting, json);
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
            + nameUuid(String.join("|", identityId, s.ref, first.text(), last.text()) + s.count);
    List<String> markings = s.markings;
    return new StixSighting(
        common(StixSighting.TYPE, id, now, identityId, markings),
        s.ref,
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
