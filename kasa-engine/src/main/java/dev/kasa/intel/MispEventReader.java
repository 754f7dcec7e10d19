package dev.kasa.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.intel.IntelProblem.Kind;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns MISP event trees into indicators for one import call. Not thread-safe: keeps counts, a
 * digest for name-based ids, and the interned {@link Attribution}s shared by many attributes.
 */
final class MispEventReader {
  private final String source;
  private final IntelSink sink;
  private final Tlp defaultTlp;
  private final PlainListIds ids = new PlainListIds();
  private final Map<Attribution, Attribution> interned = new HashMap<>();
  long events;
  long indicators;
  long context;

  MispEventReader(String source, IntelSink sink, Tlp defaultTlp) {
    this.source = source;
    this.sink = sink;
    this.defaultTlp = defaultTlp;
  }

  /** Reads {@code {"Event": {...}}} or a bare event found at {@code path}. */
  void wrapperOrEvent(JsonNode node, String path) {
    JsonNode inner = node.get("Event");
    if (inner != null) {
      event(inner, path.isEmpty() ? "Event" : path + ".Event");
    } else {
      event(node, path);
    }
  }

  void event(JsonNode event, String path) {
    if (!event.isObject()) {
      problem(Kind.INVALID, path, "a MISP event must be a JSON object, not " + event.getNodeType());
      return;
    }
    events++;
    MispTags tags = MispTags.of(event);
    String prefix = path.isEmpty() ? "" : path + ".";
    attributes(event.path("Attribute"), prefix + "Attribute", tags);
    int j = 0;
    for (JsonNode object : event.path("Object")) {
      if (!truthy(object.path("deleted"))) {
        attributes(object.path("Attribute"), prefix + "Object[" + j + "].Attribute", tags);
      }
      j++;
    }
  }

  private void attributes(JsonNode list, String path, MispTags eventTags) {
    int i = 0;
    for (JsonNode a : list) {
      attribute(a, path + "[" + i++ + "]", eventTags);
    }
  }

  private void attribute(JsonNode a, String path, MispTags eventTags) {
    if (truthy(a.path("deleted"))) {
      return;
    }
    String type = a.path("type").asText("");
    if (!truthy(a.path("to_ids")) || MispAttributes.isContextOnly(type)) {
      context++;
      return;
    }
    JsonNode valueNode = a.path("value");
    if (!valueNode.isTextual() || valueNode.asText().isBlank()) {
      problem(Kind.INVALID, path, "MISP attribute of type '" + type + "' has no value");
      return;
    }
    String value = valueNode.asText();
    List<MispAttributes.Part> parts = MispAttributes.parts(type, value);
    if (parts.isEmpty()) {
      problem(
          Kind.UNSUPPORTED,
          path,
          "MISP type '" + type + "' cannot be matched: '" + PlainListImporter.clip(value) + "'");
      return;
    }
    Instant from = Instant.EPOCH;
    Instant until = null;
    try {
      Instant firstSeen = time(a.path("first_seen"));
      Instant lastSeen = time(a.path("last_seen"));
      from = firstSeen != null ? firstSeen : Instant.EPOCH;
      until = lastSeen != null ? lastSeen.plusSeconds(1) : null;
    } catch (DateTimeParseException e) {
      problem(Kind.INVALID, path, "bad first_seen/last_seen '" + e.getParsedString() + "'");
      return;
    }
    if (until != null && !until.isAfter(from)) {
      problem(Kind.INVALID, path, "last_seen is before first_seen " + from);
      return;
    }
    MispTags tags = a.has("Tag") || a.has("Galaxy") ? eventTags.merge(MispTags.of(a)) : eventTags;
    Tlp tlp = tags.tlp == Tlp.NONE ? defaultTlp : tags.tlp;
    Attribution attribution = interned.computeIfAbsent(tags.attribution(), x -> x);
    String id = id(a.path("uuid").asText(""), parts);
    for (MispAttributes.Part part : parts) {
      if (part.error() != null) {
        problem(Kind.INVALID, path, part.error());
        continue;
      }
      sink.indicator(
          new Indicator(
              id,
              part.type(),
              part.value(),
              from,
              until,
              false,
              tags.confidence,
              tlp,
              attribution));
      indicators++;
    }
  }

  private String id(String uuid, List<MispAttributes.Part> parts) {
    if (MispAttributes.isUuid(uuid)) {
      return "indicator--" + uuid.toLowerCase(Locale.ROOT);
    }
    for (MispAttributes.Part part : parts) {
      if (part.error() == null) {
        return ids.indicatorId(part.type(), part.value());
      }
    }
    return ""; // no valid part: no indicator is built with it
  }

  /**
   * MISP writes first_seen/last_seen as ISO 8601 with offset; a bare date means its midnight UTC.
   */
  static Instant time(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.asText("").isBlank()) {
      return null;
    }
    String s = node.asText().strip();
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return Instant.parse(s);
  }

  static boolean truthy(JsonNode node) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String s = node.asText("");
    return s.equals("1") || s.equalsIgnoreCase("true");
  }

  void problem(Kind kind, String path, String message) {
    sink.problem(new IntelProblem(kind, path.isEmpty() ? source : source + "#" + path, message));
  }
}
