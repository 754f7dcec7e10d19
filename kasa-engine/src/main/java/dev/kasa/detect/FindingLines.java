package dev.kasa.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.EventContext;
import dev.kasa.EventRef;
import dev.kasa.intel.Actor;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.PortConstraint;
import dev.kasa.intel.Provenance;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.program.SigmaTags;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Findings as JSON lines, one object per finding and per line, the one writer of this format
 * ({@code kasa scan --format jsonl}, a node's {@code POST /kasa/v1/events}); the field names are
 * documented in docs/output.md. Strings are written with the characters that could drive a terminal
 * escaped ({@link TerminalSafeJson}). Not thread-safe: one writer thread.
 */
public final class FindingLines {
  private final Writer out;
  private final JsonGenerator json;

  /** Writes to {@code out}, which is flushed by {@link #finish} only. */
  public FindingLines(Writer out) {
    this.out = out;
    try {
      // Jackson separates root values with a space by default; the lines are ours to end.
      this.json = new JsonFactory().setRootValueSeparator(null).createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
    json.setCharacterEscapes(new TerminalSafeJson());
  }

  /**
   * Writes one finding; {@code input} names the input a hit or a match was found in ({@code -} for
   * a request body or stdin).
   */
  public void write(String input, Finding finding) {
    switch (finding) {
      case Finding.IndicatorHit hit -> hit(input, hit);
      case Finding.RuleMatch match -> sigma(input, match);
      case Finding.CorrelationHit fired -> correlation(fired);
    }
  }

  /** Writes an indicator hit found in {@code input}. */
  public void hit(String input, Finding.IndicatorHit hit) {
    try {
      Indicator ind = hit.indicator();
      json.writeStartObject();
      json.writeStringField("kind", "indicator");
      json.writeStringField("file", input);
      json.writeNumberField("line", hit.event().sequence());
      json.writeStringField("time", FindingTimes.format(hit.matchedAtMillis()));
      json.writeStringField("field", hit.field());
      json.writeStringField("value", hit.value());
      writeContext(hit.event().context());
      json.writeObjectFieldStart("indicator");
      json.writeStringField("id", ind.id());
      json.writeStringField("type", ind.type().stixName());
      json.writeStringField("value", ind.value());
      if (ind.port() != null) {
        json.writeNumberField("port", ind.port().port());
        json.writeStringField(
            "port_side",
            ind.port().side() == PortConstraint.Side.SOURCE ? "source" : "destination");
      }
      json.writeStringField("tlp", ind.tlp().label());
      if (ind.confidence() >= 0) {
        json.writeNumberField("confidence", ind.confidence());
      }
      json.writeStringField("valid_from", ind.validFrom().toString());
      if (ind.validUntil() != null) {
        json.writeStringField("valid_until", ind.validUntil().toString());
      }
      List<Actor> actors = ind.attribution().actors();
      writeStrings("actors", actors.stream().map(Actor::name).toList());
      json.writeBooleanField("state_sponsored", actors.stream().anyMatch(Actor::stateSponsored));
      writeStrings("campaigns", ind.attribution().campaigns());
      writeStrings("malware", ind.attribution().malware());
      writeStrings("techniques", ind.attribution().techniques());
      if (!ind.attribution().techniqueNames().isEmpty()) {
        json.writeObjectFieldStart("technique_names");
        for (var e : ind.attribution().techniqueNames().entrySet()) {
          json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
      writeProvenance(ind.provenance());
      json.writeEndObject();
      json.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a Sigma rule match found in {@code input}. */
  public void sigma(String input, Finding.RuleMatch found) {
    SigmaMatch m = found.match();
    try {
      json.writeStartObject();
      json.writeStringField("kind", "sigma");
      json.writeStringField("file", input);
      json.writeNumberField("line", m.line());
      json.writeStringField("time", FindingTimes.formatOrNull(m.timeMillis()));
      writeContext(found.event().context());
      writeRule(m.rule(), m.techniques());
      json.writeObjectFieldStart("fields");
      for (SigmaMatch.Field f : m.fields()) {
        json.writeStringField(f.name(), f.value());
      }
      json.writeEndObject();
      if (!m.keywords().isEmpty()) {
        writeStrings("keywords", m.keywords());
      }
      json.writeEndObject();
      json.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a correlation that fired. */
  public void correlation(Finding.CorrelationHit found) {
    CorrelationHit hit = found.fired();
    try {
      SigmaCorrelation c = hit.correlation();
      json.writeStartObject();
      json.writeStringField("kind", "correlation");
      json.writeStringField("time", FindingTimes.formatOrNull(hit.lastMillis()));
      writeRule(c.info(), SigmaTags.techniques(c.info().tags()));
      json.writeStringField("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
      json.writeObjectFieldStart("group");
      for (var e : hit.group().entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("value", hit.value());
      json.writeStringField("first", FindingTimes.formatOrNull(hit.firstMillis()));
      json.writeStringField("last", FindingTimes.formatOrNull(hit.lastMillis()));
      if (hit.evicted()) {
        json.writeBooleanField("evicted", true);
      }
      json.writeArrayFieldStart("events");
      for (EventRef e : hit.events()) {
        json.writeString(e.source() + ":" + e.sequence());
      }
      json.writeEndArray();
      json.writeEndObject();
      json.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeRule(RuleInfo rule, List<String> techniques) throws IOException {
    json.writeObjectFieldStart("rule");
    if (rule.id() != null) {
      json.writeStringField("id", rule.id());
    }
    if (rule.name() != null) {
      json.writeStringField("name", rule.name());
    }
    json.writeStringField("title", rule.title());
    if (rule.level() != null) {
      json.writeStringField("level", rule.level());
    }
    writeStrings("tags", rule.tags());
    writeStrings("techniques", techniques);
    json.writeEndObject();
  }

  /** The event's context, its unknown members left out (the whole member when nothing is known). */
  private void writeContext(EventContext c) throws IOException {
    if (c.isEmpty()) {
      return;
    }
    json.writeObjectFieldStart("context");
    if (c.host() != null) {
      json.writeStringField("host", c.host());
    }
    writeEndpoint("source", c.source());
    writeEndpoint("destination", c.destination());
    if (!c.fields().isEmpty()) {
      json.writeObjectFieldStart("fields");
      for (var e : c.fields().entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** Where the intelligence came from: which hit is which when several sources hold a value. */
  private void writeProvenance(Provenance p) throws IOException {
    json.writeObjectFieldStart("provenance");
    json.writeStringField("source", p.source());
    if (p.producer() != null) {
      json.writeStringField("producer", p.producer());
    }
    if (p.name() != null) {
      json.writeStringField("name", p.name());
    }
    writeStrings("reports", p.reports());
    writeStrings("groupings", p.groupings());
    Provenance.MispContext misp = p.misp();
    if (misp != null) {
      json.writeObjectFieldStart("misp");
      writeIfKnown("event_info", misp.eventInfo());
      writeIfKnown("event_uuid", misp.eventUuid());
      writeIfKnown("category", misp.category());
      writeIfKnown("comment", misp.comment());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private void writeIfKnown(String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private void writeEndpoint(String name, EventContext.Endpoint e) throws IOException {
    if (e == null) {
      return;
    }
    json.writeObjectFieldStart(name);
    if (e.ip() != null) {
      json.writeStringField("ip", e.ip());
    }
    if (e.port() >= 0) {
      json.writeNumberField("port", e.port());
    }
    json.writeEndObject();
  }

  private void writeStrings(String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }

  /** Flushes what was written to the writer and the writer itself. */
  public void finish() {
    try {
      json.flush();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
