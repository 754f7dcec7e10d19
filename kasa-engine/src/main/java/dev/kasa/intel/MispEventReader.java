package dev.kasa.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.ErrorCode;
import dev.kasa.Location.JsonLocation;
import dev.kasa.Problem;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns MISP event trees into indicator versions for one import call: one version per attribute,
 * whose {@code modified} time is the attribute's {@code timestamp} (else the event's). Not
 * thread-safe: keeps counts, a digest for name-based ids, and the interned {@link Attribution}s and
 * {@link Provenance}s shared by many attributes.
 */
final class MispEventReader {
  private final String source;
  private final Origin origin;
  private final IntelSink sink;
  private final Tlp defaultTlp;
  private final PlainListIds ids = new PlainListIds();
  private final Map<Attribution, Attribution> interned = new HashMap<>();
  private final Map<Provenance, Provenance> provenances = new HashMap<>();
  long events;
  long indicators;
  long context;

  /** What an event says about all its attributes. */
  private record EventContext(
      MispTags tags, String info, String uuid, String producer, Instant modified) {}

  MispEventReader(String source, Origin origin, IntelSink sink, Tlp defaultTlp) {
    this.source = source;
    this.origin = origin;
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
      problem(
          ErrorCode.INVALID_INPUT,
          path,
          "a MISP event must be a JSON object, not " + event.getNodeType());
      return;
    }
    events++;
    String prefix = path.isEmpty() ? "" : path + ".";
    MispTags tags = MispTags.of(event, path, this::warning);
    Instant modified = timestamp(event, prefix + "timestamp", Instant.EPOCH);
    var ctx =
        new EventContext(
            tags, text(event, "info"), text(event, "uuid"), producerOf(event), modified);
    attributes(event, prefix + "Attribute", ctx);
    List<JsonNode> objects;
    try {
      objects = MispFields.elements(event, "Object");
    } catch (MispFields.Unreadable e) {
      problem(ErrorCode.INVALID_INPUT, prefix + "Object", e.getMessage());
      return;
    }
    for (int j = 0; j < objects.size(); j++) {
      JsonNode object = objects.get(j);
      String at = prefix + "Object[" + j + "]";
      if (!object.isObject()) {
        problem(
            ErrorCode.INVALID_INPUT,
            at,
            "a MISP object must be a JSON object, not " + object.getNodeType());
        continue;
      }
      try {
        if (!MispFields.flag(object, "deleted")) {
          attributes(object, at + ".Attribute", ctx);
        }
      } catch (MispFields.Unreadable e) {
        problem(ErrorCode.INVALID_INPUT, at, e.getMessage() + "; its attributes are not loaded");
      }
    }
  }

  private void attributes(JsonNode owner, String path, EventContext event) {
    List<JsonNode> list;
    try {
      list = MispFields.elements(owner, "Attribute");
    } catch (MispFields.Unreadable e) {
      problem(ErrorCode.INVALID_INPUT, path, e.getMessage());
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      attribute(list.get(i), path + "[" + i + "]", event);
    }
  }

  private void attribute(JsonNode a, String path, EventContext event) {
    if (!a.isObject()) {
      problem(
          ErrorCode.INVALID_INPUT,
          path,
          "a MISP attribute must be a JSON object, not " + a.getNodeType());
      return;
    }
    boolean toIds;
    try {
      if (MispFields.flag(a, "deleted")) {
        return;
      }
      toIds = MispFields.flag(a, "to_ids");
    } catch (MispFields.Unreadable e) {
      problem(ErrorCode.INVALID_INPUT, path, e.getMessage() + "; attribute not loaded");
      return;
    }
    String type = a.path("type").asText("");
    if (!toIds || MispAttributes.isContextOnly(type)) {
      context++;
      return;
    }
    JsonNode valueNode = a.path("value");
    if (!valueNode.isTextual() || valueNode.asText().isBlank()) {
      problem(ErrorCode.INVALID_INPUT, path, "MISP attribute of type '" + type + "' has no value");
      return;
    }
    String value = valueNode.asText();
    List<MispAttributes.Part> parts = MispAttributes.parts(type, value);
    if (parts.isEmpty()) {
      problem(
          ErrorCode.UNSUPPORTED_INTEL,
          path,
          "MISP type '" + type + "' cannot be matched: '" + PlainListImporter.clip(value) + "'");
      return;
    }
    Instant from;
    Instant until;
    try {
      Instant firstSeen = MispFields.time(a, "first_seen");
      Instant lastSeen = MispFields.time(a, "last_seen");
      from = firstSeen != null ? firstSeen : Instant.EPOCH;
      until = lastSeen != null ? lastSeen.plusSeconds(1) : null;
    } catch (MispFields.Unreadable e) {
      problem(ErrorCode.INVALID_INPUT, path, e.getMessage());
      return;
    }
    if (until != null && !until.isAfter(from)) {
      problem(ErrorCode.INVALID_INPUT, path, "last_seen is before first_seen " + from);
      return;
    }
    MispTags tags =
        a.has("Tag") || a.has("Galaxy")
            ? event.tags().merge(MispTags.of(a, path, this::warning))
            : event.tags();
    Tlp tlp = tags.tlp == Tlp.NONE ? defaultTlp : tags.tlp;
    Attribution attribution = interned.computeIfAbsent(tags.attribution(), x -> x);
    Provenance provenance = provenanceOf(a, event);
    Instant modified = timestamp(a, path + ".timestamp", event.modified());
    String id = id(a.path("uuid").asText(""), parts);
    List<Indicator> observables = new ArrayList<>(parts.size());
    for (MispAttributes.Part part : parts) {
      if (part.error() != null) {
        problem(ErrorCode.INVALID_INPUT, path, part.error());
        continue;
      }
      IndicatorBreadth.Verdict verdict = IndicatorBreadth.of(part.type(), part.value());
      if (verdict != null) {
        problem(verdict.code(), path, verdict.message());
        if (verdict.code() == ErrorCode.INVALID_INPUT) {
          continue;
        }
      }
      observables.add(
          new Indicator(
              id,
              part.type(),
              part.value(),
              from,
              until,
              false,
              tags.confidence,
              tlp,
              attribution,
              origin,
              provenance,
              part.port()));
    }
    if (!observables.isEmpty()) {
      indicators += observables.size();
      sink.version(new IntelVersion(id, modified, false, origin, observables));
    }
  }

  private Provenance provenanceOf(JsonNode attribute, EventContext event) {
    String comment = text(attribute, "comment");
    var p =
        new Provenance(
            source,
            event.producer(),
            null,
            List.of(),
            List.of(),
            new Provenance.MispContext(
                event.info(),
                event.uuid(),
                text(attribute, "category"),
                comment == null || comment.isEmpty() ? null : comment));
    return provenances.computeIfAbsent(p, x -> x);
  }

  /** The creator organisation's name ({@code Orgc}), else the owner's ({@code Org}), or null. */
  private static String producerOf(JsonNode event) {
    String creator = text(event.path("Orgc"), "name");
    return creator != null ? creator : text(event.path("Org"), "name");
  }

  /**
   * A text field, or null when it is absent or not text (it only informs, nothing depends on it).
   */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.textValue() : null;
  }

  /**
   * The {@code timestamp} of an event or attribute (when it was last edited: the version), or
   * {@code otherwise} when absent; an unreadable one is a warning and counts as absent.
   */
  private Instant timestamp(JsonNode node, String path, Instant otherwise) {
    try {
      Instant t = MispFields.timestamp(node, "timestamp");
      return t == null ? otherwise : t;
    } catch (MispFields.Unreadable e) {
      warning(path, e.getMessage() + "; its version is taken as " + otherwise);
      return otherwise;
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

  void problem(ErrorCode code, String path, String message) {
    sink.problem(new Problem(code, new JsonLocation(source, path), message));
  }

  private void warning(String path, String message) {
    problem(ErrorCode.INTEL_WARNING, path, message);
  }
}
