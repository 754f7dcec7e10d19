package dev.kasa.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.stix.JsonNestingCap;
import dev.kasa.stix.Tlp;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Imports MISP event JSON: {@code {"Event": {...}}}, a bare event object, a list of either, a
 * {@code {"response": [...]}} wrapper, or a MISP feed directory ({@code manifest.json} naming
 * {@code <uuid>.json} event files). Attributes marked {@code to_ids} whose type Kasa can match
 * become {@link Indicator}s (one {@link IntelVersion} per attribute); others are counted as
 * context; deleted ones are skipped. The rules (types, validity, versions, TLP, confidence,
 * attribution, provenance) are documented in {@code docs/intel.md}.
 *
 * <p>Each event is held in memory as a tree while it is read; an event larger than the configured
 * limit is reported as {@link ErrorCode#INVALID_INPUT} and skipped. Thread-safe: each call is
 * independent.
 */
public final class MispImporter {
  /** Default largest event, in bytes of JSON. */
  public static final long DEFAULT_MAX_EVENT_BYTES = 64L << 20;

  /** Deepest nesting read, counted from the document's outermost value. */
  static final int MAX_DEPTH = 100;

  /**
   * What one call read.
   *
   * @param files event files read: 1 for a document, the files read for a feed
   * @param events events read
   * @param indicators indicators produced (a {@code domain|ip} attribute yields two)
   * @param context attributes not marked {@code to_ids} (or links): kept as context, not matched
   */
  public record Counts(long files, long events, long indicators, long context) {
    Counts plus(Counts o) {
      return new Counts(
          files + o.files, events + o.events, indicators + o.indicators, context + o.context);
    }
  }

  private final Tlp defaultTlp;
  private final long maxEventBytes;
  private final JsonFactory json;

  /**
   * @param defaultTlp the TLP of attributes whose event and attribute carry no {@code tlp:} tag
   * @param maxEventBytes the largest event read, in bytes (positive)
   */
  public MispImporter(Tlp defaultTlp, long maxEventBytes) {
    this.defaultTlp = Objects.requireNonNull(defaultTlp, "defaultTlp");
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive but was " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(
                // Jackson's limits end the whole document; ours skip one event. Its nesting limit
                // is beyond reach because the input is capped (JsonNestingCap) at MAX_DEPTH.
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength((int) Math.min(maxEventBytes, Integer.MAX_VALUE))
                    .maxNameLength((int) Math.min(maxEventBytes, Integer.MAX_VALUE))
                    .maxNumberLength((int) Math.min(maxEventBytes, Integer.MAX_VALUE))
                    .build())
            .build();
  }

  /** An importer with no default TLP and the default event size limit. */
  public MispImporter() {
    this(Tlp.NONE, DEFAULT_MAX_EVENT_BYTES);
  }

  /**
   * Reads one MISP JSON document. Malformed JSON ends the document with an {@link
   * ErrorCode#INVALID_INPUT} problem; what was read before it stands.
   *
   * @param in the JSON bytes (already decompressed); not closed
   * @param source how to name the input in problems, e.g. a file path
   * @throws KasaException with {@link ErrorCode#IO_FAILURE} when reading fails
   */
  public Counts read(InputStream in, String source, IntelSink sink) {
    return read(in, source, Origin.file(source), sink);
  }

  /**
   * Reads one MISP JSON document that {@code origin} gave us.
   *
   * @see #read(InputStream, String, IntelSink)
   */
  public Counts read(InputStream in, String source, Origin origin, IntelSink sink) {
    Objects.requireNonNull(origin, "origin");
    var events = new MispEventReader(source, origin, sink, defaultTlp);
    try (JsonParser p = json.createParser(JsonNestingCap.capped(in, MAX_DEPTH))) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        list(p, "", events);
      } else if (t == JsonToken.START_OBJECT) {
        object(p, events);
      } else {
        events.problem(
            ErrorCode.INVALID_INPUT, "", "not MISP JSON: expected an object or a list, got " + t);
      }
    } catch (JsonProcessingException e) {
      events.problem(
          ErrorCode.INVALID_INPUT, "", "malformed JSON: " + e.getOriginalMessage() + at(e));
    } catch (CharConversionException e) {
      // Jackson guessed an encoding (UTF-16/32) from the first bytes and the rest disagrees.
      events.problem(
          ErrorCode.INVALID_INPUT, "", "malformed JSON text encoding: " + e.getMessage());
    } catch (IOException e) {
      throw new KasaException(ErrorCode.IO_FAILURE, "cannot read " + source + ": " + e, e);
    }
    return new Counts(1, events.events, events.indicators, events.context);
  }

  /**
   * Reads a MISP feed directory: every event file that {@code manifest.json} lists, in manifest
   * order. Missing event files are reported as {@link ErrorCode#UNREADABLE_INPUT}.
   */
  public Counts readFeed(Path directory, IntelSink sink) {
    return readFeed(directory, Origin.file(directory.toString()), sink);
  }

  /**
   * Reads a MISP feed directory that {@code origin} gave us.
   *
   * @see #readFeed(Path, IntelSink)
   */
  public Counts readFeed(Path directory, Origin origin, IntelSink sink) {
    Objects.requireNonNull(origin, "origin");
    Path manifest = directory.resolve("manifest.json");
    List<String> uuids = new ArrayList<>();
    var manifestEvents = new MispEventReader(manifest.toString(), origin, sink, defaultTlp);
    try (InputStream in = Files.newInputStream(manifest);
        JsonParser p = json.createParser(JsonNestingCap.capped(in, MAX_DEPTH))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        manifestEvents.problem(
            ErrorCode.INVALID_INPUT, "", "a MISP feed manifest must be a JSON object");
      } else {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String uuid = p.currentName();
          p.nextToken();
          p.skipChildren();
          if (MispAttributes.isUuid(uuid)) {
            uuids.add(uuid);
          } else {
            manifestEvents.problem(
                ErrorCode.INVALID_INPUT, uuid, "manifest key is not an event uuid");
          }
        }
      }
    } catch (JsonProcessingException e) {
      manifestEvents.problem(
          ErrorCode.INVALID_INPUT, "", "malformed JSON: " + e.getOriginalMessage() + at(e));
    } catch (IOException e) {
      sink.problem(
          new Problem(
              ErrorCode.UNREADABLE_INPUT, FilePosition.of(manifest.toString()), e.toString()));
    }
    Counts total = new Counts(0, 0, 0, 0);
    for (String uuid : uuids) {
      Path file = directory.resolve(uuid + ".json");
      try (InputStream in = Files.newInputStream(file)) {
        total = total.plus(read(in, file.toString(), origin, sink));
      } catch (IOException | KasaException e) {
        sink.problem(
            new Problem(
                ErrorCode.UNREADABLE_INPUT, FilePosition.of(file.toString()), e.getMessage()));
      }
    }
    return total;
  }

  private void list(JsonParser p, String path, MispEventReader events) throws IOException {
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String at = path + "[" + i++ + "]";
      JsonNode node;
      try {
        node = MispTreeReader.read(p, maxEventBytes, MAX_DEPTH);
      } catch (MispTreeReader.Refused e) {
        refused(events, at, e);
        continue;
      }
      if (!node.isObject()) {
        events.problem(ErrorCode.INVALID_INPUT, at, "a MISP event must be a JSON object");
      } else {
        events.wrapperOrEvent(node, at);
      }
    }
  }

  /** A top-level object: an {@code Event} or {@code response} wrapper, or a bare event. */
  private void object(JsonParser p, MispEventReader events) throws IOException {
    long start = p.currentTokenLocation().getByteOffset();
    ObjectNode bare = JsonNodeFactory.instance.objectNode();
    boolean wrapped = false;
    MispTreeReader.Refused bareRefused = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("response") && t == JsonToken.START_ARRAY) {
        wrapped = true;
        list(p, "response", events);
      } else if (name.equals("response") && !wrapped) {
        wrapped = true;
        events.problem(
            ErrorCode.INVALID_INPUT,
            "response",
            "response must be a list of MISP events but is " + t);
        p.skipChildren();
      } else if (name.equals("Event")) {
        wrapped = true;
        try {
          events.event(MispTreeReader.read(p, maxEventBytes, MAX_DEPTH), "Event");
        } catch (MispTreeReader.Refused e) {
          refused(events, "Event", e);
        }
      } else if (wrapped || bareRefused != null) {
        p.skipChildren();
      } else {
        try {
          bare.set(name, MispTreeReader.read(p, maxEventBytes, MAX_DEPTH));
          if (p.currentLocation().getByteOffset() - start > maxEventBytes) {
            bareRefused = new MispTreeReader.Refused("larger than " + maxEventBytes + " bytes");
          }
        } catch (MispTreeReader.Refused e) {
          bareRefused = e;
        }
      }
    }
    if (!wrapped) {
      if (bareRefused != null) {
        refused(events, "", bareRefused);
      } else {
        events.event(bare, "");
      }
    }
  }

  private static void refused(MispEventReader events, String path, MispTreeReader.Refused e) {
    events.problem(ErrorCode.INVALID_INPUT, path, "MISP event " + e.getMessage() + "; skipped");
  }

  private static String at(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
