package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingTimes;
import dev.kasa.detect.TerminalSafeJson;
import dev.kasa.intel.Indicator;
import dev.kasa.sighting.KasaUuids;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.Sighting;
import dev.kasa.sighting.SightingExtension;
import dev.kasa.sighting.SightingModel;
import dev.kasa.sighting.SightingTally;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixIdentity;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import dev.kasa.stix.TlpMarkingDefinitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A STIX 2.1 bundle of {@code sighting} objects, made by the engine's {@link SightingModel}: one
 * per sighted indicator (or Sigma rule, as its {@code pattern_type: sigma} indicator) and UTC day
 * of events, our identity as the sighter, the hit count, first and last seen, and the indicator's
 * own TLP marking (a sighting reveals the indicator, so it is shared no wider than it). The bundle
 * holds what a receiver needs to resolve its references ({@link SharedIndicators}, the TLP marking
 * definitions, with {@code --observed} the {@link ObservedValues}); the partners' own indicators
 * are referenced by their ids.
 */
public final class SightingReport implements HitReport {
  private final Writer out;
  private final Clock clock;
  private final String identityName;
  private final String identityId;
  private final SightingModel model;
  private final SightingTally tally = new SightingTally();
  private final SharedIndicators shared;
  private final ObservedValues observed;

  /**
   * @param identityName the name of the organisation running this node, written as the sighter
   */
  public SightingReport(Writer out, Clock clock, String identityName) {
    this(out, clock, identityName, false);
  }

  /**
   * @param identityName the name of the organisation running this node, written as the sighter
   * @param observed also write the values seen and their hosts as {@code observed-data}
   */
  public SightingReport(Writer out, Clock clock, String identityName, boolean observed) {
    this.out = out;
    this.clock = clock;
    this.identityName = identityName;
    Sighter sighter = Sighter.organisation(identityName);
    this.identityId = sighter.identity().orElseThrow();
    this.model = new SightingModel(sighter, clock);
    this.shared = new SharedIndicators(identityId);
    this.observed = observed ? new ObservedValues() : null;
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    Indicator ind = hit.indicator();
    String ref = shared.sightedRef(ind);
    tally.add(ref, ind.tlp(), hit.matchedAtMillis(), false);
    if (observed != null) {
      observed.add(ref, hit.matchedAtMillis(), ind, hit.value(), hit.event().context().host());
    }
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
    tally.add(shared.rule(match.rule()), Tlp.NONE, time, false);
  }

  @Override
  public void correlation(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    tally.add(shared.rule(hit.correlation().info()), Tlp.NONE, hit.lastMillis(), false);
  }

  @Override
  public void finish() {
    StixTimestamp now = timestamp(clock.millis());
    List<StixObject> objects = new ArrayList<>();
    List<Sighting> sightings = model.sightings(tally);
    if (sightings.stream().anyMatch(s -> s.seen().falsePositive())) {
      objects.addAll(SightingExtension.objects());
    }
    objects.addAll(shared.objects());
    List<StixSighting> written = new ArrayList<>(sightings.size());
    for (Sighting s : sightings) {
      written.add(s.toStix());
    }
    if (observed != null) {
      objects.addAll(observed.objects(written, sightings, identityId));
    }
    objects.addAll(written);
    objects.addAll(0, markingDefinitions(objects));
    objects.add(0, identity(now));
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.setCharacterEscapes(new TerminalSafeJson());
      json.writeStartObject();
      json.writeStringField("type", "bundle");
      // Named by what it holds, so the same objects make the same bundle.
      StringBuilder name = new StringBuilder("bundle");
      for (StixObject o : objects) {
        name.append('|').append(StixWriter.toJson(o));
      }
      json.writeStringField("id", "bundle--" + KasaUuids.of(name.toString()));
      json.writeArrayFieldStart("objects");
      for (StixObject o : objects) {
        StixWriter.write(o, json);
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

  /** The definitions of the standard TLP markings the objects reference, in TLP order. */
  private static List<StixObject> markingDefinitions(List<StixObject> objects) {
    Set<String> refs = new TreeSet<>();
    for (StixObject o : objects) {
      List<String> markings = o.common().objectMarkingRefs();
      if (markings != null) {
        refs.addAll(markings);
      }
    }
    List<StixObject> out = new ArrayList<>();
    refs.stream()
        .sorted(Comparator.comparing(id -> Tlp.ofMarkingId(id).orElse(Tlp.NONE)))
        .forEach(id -> TlpMarkingDefinitions.of(id).ifPresent(out::add));
    return out;
  }

  private StixObject identity(StixTimestamp now) {
    return new StixIdentity(
        common(StixIdentity.TYPE, identityId, now, null, null),
        identityName,
        "organization",
        Map.of());
  }

  private static StixCommon common(
      String type, String id, StixTimestamp now, String createdBy, List<String> markings) {
    return new StixCommon(
        type, id, "2.1", now, now, createdBy, null, null, null, null, markings, null);
  }

  private static StixTimestamp timestamp(long epochMillis) {
    return new StixTimestamp(FindingTimes.format(epochMillis), Instant.ofEpochMilli(epochMillis));
  }
}
