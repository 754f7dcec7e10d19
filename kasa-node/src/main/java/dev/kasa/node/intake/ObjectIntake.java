package dev.kasa.node.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.node.store.IncomingObject;
import dev.kasa.node.store.Versions;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import dev.kasa.stix.StixRelationship;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a TAXII envelope or STIX bundle into the object versions to store, each with its exact
 * bytes, parsed and validated by the engine's STIX reader. An invalid object is refused alone, with
 * its index, id and reason; the others are kept. Malformed JSON refuses the whole input (the
 * elements after it cannot be found).
 */
public final class ObjectIntake {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(1000)
                  .maxStringLength(Integer.MAX_VALUE / 2)
                  .build())
          .build();
  private static final Set<String> SCO_TYPES =
      Set.of(
          "artifact",
          "autonomous-system",
          "directory",
          "domain-name",
          "email-addr",
          "email-message",
          "file",
          "ipv4-addr",
          "ipv6-addr",
          "mac-addr",
          "mutex",
          "network-traffic",
          "process",
          "software",
          "url",
          "user-account",
          "windows-registry-key",
          "x509-certificate");

  private final StixReaderLimits limits;

  public ObjectIntake(StixReaderLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * An object that was refused.
   *
   * @param index its position in {@code objects}
   * @param id its id, or null when it has none
   * @param version its {@code modified} (else {@code created}) as written, or null
   * @param message why, naming the JSON path of each problem
   */
  public record Refusal(int index, String id, String version, String message) {
    public Refusal {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * What an input held: the objects to store (with their positions) and the refusals, each in input
   * order.
   */
  public record Result(
      List<Integer> indices, List<IncomingObject> accepted, List<Refusal> refused) {
    public Result {
      indices = List.copyOf(indices);
      accepted = List.copyOf(accepted);
      refused = List.copyOf(refused);
    }

    public int total() {
      return accepted.size() + refused.size();
    }
  }

  /**
   * Reads an envelope or bundle.
   *
   * @param source names the input in messages
   * @throws KasaException {@link ErrorCode#INVALID_INPUT} when the input is not a JSON object with
   *     well-formed JSON throughout
   */
  public Result read(byte[] input, String source) {
    List<long[]> ranges = ranges(input, source);
    var indices = new ArrayList<Integer>(ranges.size());
    var accepted = new ArrayList<IncomingObject>(ranges.size());
    var refused = new ArrayList<Refusal>();
    try (var reader = new StixReader(new ByteArrayInputStream(input), source, limits)) {
      for (StixEntry e = reader.next(); e != null; e = reader.next()) {
        if (!e.isValid()) {
          refused.add(
              new Refusal(
                  e.index(),
                  e.id(),
                  null,
                  e.errors().stream().map(Problem::text).collect(Collectors.joining("; "))));
          continue;
        }
        long[] r = ranges.get(e.index());
        byte[] body = Arrays.copyOfRange(input, (int) r[0], (int) r[1]);
        indices.add(e.index());
        accepted.add(incoming(e.object(), body));
      }
    }
    return new Result(indices, accepted, refused);
  }

  /** The facts the store keeps about one valid object. */
  public static IncomingObject incoming(StixObject o, byte[] body) {
    StixCommon c = o.common();
    StixTimestamp v = c.modified() != null ? c.modified() : c.created();
    String specVersion =
        c.specVersion() != null ? c.specVersion() : SCO_TYPES.contains(c.type()) ? "2.1" : "2.0";
    List<String> refs = c.markingRefs();
    Tlp tlp = Tlp.ofRefs(refs);
    return new IncomingObject(
        c.id(),
        v == null ? Versions.UNVERSIONED : Versions.key(v.instant()),
        v == null ? null : v.text(),
        c.type(),
        specVersion,
        tlp,
        refs,
        c.isRevoked(),
        o instanceof StixSighting s ? s.sightingOfRef() : null,
        o instanceof StixRelationship r
                && r.relationshipType() != null
                && r.sourceRef() != null
                && r.targetRef() != null
            ? new IncomingObject.Edge(r.relationshipType(), r.sourceRef(), r.targetRef())
            : null,
        body);
  }

  // The byte range [start, end) of each element of the top-level "objects" array.
  private static List<long[]> ranges(byte[] input, String source) {
    var ranges = new ArrayList<long[]>();
    try (JsonParser p = JSON.createParser(input)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new KasaException(ErrorCode.INVALID_INPUT, source + ": not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("objects") && value == JsonToken.START_ARRAY && ranges.isEmpty()) {
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
              throw new KasaException(
                  ErrorCode.INVALID_INPUT, source + ": unexpected end of input");
            }
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            ranges.add(new long[] {start, p.currentLocation().getByteOffset()});
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new KasaException(
            ErrorCode.INVALID_INPUT, source + ": content after the end of the JSON object");
      }
    } catch (JsonProcessingException e) {
      var l = e.getLocation();
      throw new KasaException(
          ErrorCode.INVALID_INPUT,
          source
              + ": malformed JSON"
              + (l == null ? "" : " at line " + l.getLineNr() + " column " + l.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new KasaException(ErrorCode.INVALID_INPUT, source + ": " + e.getMessage(), e);
    }
    return ranges;
  }
}
