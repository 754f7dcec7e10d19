package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.detect.Hit;
import dev.kasa.intel.Indicator;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A STIX 2.1 bundle of {@code sighting} objects, one per indicator hit, ready to share back: our
 * identity as the sighter, the hit count, first and last seen, and the indicator's own TLP marking
 * (a sighting reveals the indicator, so it is shared no wider than it).
 */
public final class SightingReport implements HitReport {
  private static final Map<Tlp, String> TLP2_MARKINGS =
      Map.of(
          Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
          Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
          Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
          Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
          Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

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
    String now = Times.format(clock.millis());
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("type", "bundle");
      json.writeStringField("id", "bundle--" + nameUuid(identityId + "|" + now + "|" + seen.size()));
      json.writeArrayFieldStart("objects");
      json.writeStartObject();
      json.writeStringField("type", "identity");
      json.writeStringField("spec_version", "2.1");
      json.writeStringField("id", identityId);
      json.writeStringField("created", now);
      json.writeStringField("modified", now);
      json.writeStringField("name", identityName);
      json.writeStringField("identity_class", "organization");
      json.writeEndObject();
      for (Seen s : seen.values()) {
        writeSighting(json, s, now);
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

  private void writeSighting(JsonGenerator json, Seen s, String now) throws IOException {
    String first = Times.format(s.first);
    String last = Times.format(s.last);
    json.writeStartObject();
    json.writeStringField("type", "sighting");
    json.writeStringField("spec_version", "2.1");
    json.writeStringField(
        "id",
        "sighting--" + nameUuid(identityId + "|" + s.indicator.id() + "|" + first + "|" + last + "|" + s.count));
    json.writeStringField("created", now);
    json.writeStringField("modified", now);
    json.writeStringField("created_by_ref", identityId);
    json.writeStringField("sighting_of_ref", s.indicator.id());
    json.writeArrayFieldStart("where_sighted_refs");
    json.writeString(identityId);
    json.writeEndArray();
    json.writeNumberField("count", s.count);
    json.writeStringField("first_seen", first);
    json.writeStringField("last_seen", last);
    String marking = TLP2_MARKINGS.get(s.indicator.tlp());
    if (marking != null) {
      json.writeArrayFieldStart("object_marking_refs");
      json.writeString(marking);
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static UUID nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
