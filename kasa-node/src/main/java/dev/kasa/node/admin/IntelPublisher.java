package dev.kasa.node.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.MispImporter;
import dev.kasa.intel.PlainListImporter;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.IncomingObject;
import dev.kasa.node.store.ObjectIngest.Outcome;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.Store;
import dev.kasa.stix.StixReaderLimits;
import dev.kasa.stix.StixTimestamp;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a local user publishes into STIX objects and stores them: STIX bundles as they are
 * (objects without a TLP marking get {@code --tlp}'s), MISP events and plain lists as {@code stix}
 * indicators (one per indicator id), Sigma YAML as one {@code pattern_type: sigma} indicator per
 * rule ({@code indicator--<rule id>}, the rule's text as its pattern).
 */
public final class IntelPublisher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Store store;
  private final Clock clock;
  private final ObjectIntake intake = new ObjectIntake(StixReaderLimits.DEFAULT);

  IntelPublisher(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * What was published.
   *
   * @param stored versions newly added to the collection
   * @param present versions it already held
   * @param problems what was refused, each naming the file and object or line
   */
  public record Report(int stored, int present, List<String> problems) {
    public Report {
      problems = List.copyOf(problems);
    }
  }

  Report publish(CollectionRecord col, List<Path> files, Tlp tlp, String user) {
    var problems = new ArrayList<String>();
    int stored = 0;
    int present = 0;
    for (Path file : files) {
      List<IncomingObject> objects = objects(file, tlp, problems);
      for (int from = 0; from < objects.size(); from += 5000) {
        for (Outcome o :
            store
                .ingest()
                .add(
                    col.id(),
                    new Origin(user, Kind.USER),
                    objects.subList(from, Math.min(objects.size(), from + 5000)))) {
          if (o.added()) {
            stored++;
          } else {
            present++;
          }
        }
      }
    }
    return new Report(stored, present, problems);
  }

  private List<IncomingObject> objects(Path file, Tlp tlp, List<String> problems) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      return sigma(file, new String(bytes, StandardCharsets.UTF_8), tlp, problems);
    }
    return switch (jsonKind(bytes)) {
      case "stix" -> stix(file, bytes, tlp, problems);
      case "misp" -> indicators(file, bytes, tlp, problems, true);
      default -> indicators(file, bytes, tlp, problems, false);
    };
  }

  private List<IncomingObject> stix(Path file, byte[] bytes, Tlp tlp, List<String> problems) {
    ObjectIntake.Result r = intake.read(bytes, file.toString());
    r.refused().forEach(f -> problems.add(file + "#objects[" + f.index() + "]: " + f.message()));
    if (tlp == Tlp.NONE) {
      return r.accepted();
    }
    var out = new ArrayList<IncomingObject>(r.accepted().size());
    for (IncomingObject o : r.accepted()) {
      out.add(
          o.tlp() == Tlp.NONE && !o.type().equals("marking-definition") ? marked(o, tlp, file) : o);
    }
    return out;
  }

  private IncomingObject marked(IncomingObject o, Tlp tlp, Path file) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(o.body());
      ArrayNode refs =
          node.has("object_marking_refs") && node.get("object_marking_refs").isArray()
              ? (ArrayNode) node.get("object_marking_refs")
              : node.putArray("object_marking_refs");
      refs.add(tlp.markingId().orElseThrow());
      return single(JSON.writeValueAsBytes(node), file);
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.INVALID_INPUT, file + ": " + o.stixId() + ": " + e.getMessage(), e);
    }
  }

  private IncomingObject single(byte[] object, Path file) {
    byte[] envelope =
        ("{\"objects\":[" + new String(object, StandardCharsets.UTF_8) + "]}")
            .getBytes(StandardCharsets.UTF_8);
    ObjectIntake.Result r = intake.read(envelope, file.toString());
    if (r.accepted().size() != 1) {
      throw new KasaException(
          ErrorCode.INVALID_INPUT, file + ": an object Kasa made is invalid: " + r.refused());
    }
    return r.accepted().get(0);
  }

  private List<IncomingObject> indicators(
      Path file, byte[] bytes, Tlp tlp, List<String> problems, boolean misp) {
    var byId = new LinkedHashMap<String, List<Indicator>>();
    IntelSink sink =
        new IntelSink() {
          @Override
          public void indicator(Indicator i) {
            byId.computeIfAbsent(i.id(), k -> new ArrayList<>()).add(i);
          }

          @Override
          public void problem(Problem p) {
            problems.add(p.text());
          }
        };
    var in = new ByteArrayInputStream(bytes);
    if (misp) {
      new MispImporter(tlp, MispImporter.DEFAULT_MAX_EVENT_BYTES).read(in, file.toString(), sink);
    } else {
      new PlainListImporter(tlp).read(in, file.toString(), sink);
    }
    var out = new ArrayList<IncomingObject>(byId.size());
    // Actors, campaigns, malware and techniques the event's galaxies name, once each.
    var behind = new LinkedHashMap<String, byte[]>();
    for (List<Indicator> group : byId.values()) {
      out.add(single(StixIndicators.of(group), file));
      StixIndicators.attribution(group.get(0)).forEach(behind::putIfAbsent);
    }
    behind.values().forEach(o -> out.add(single(o, file)));
    return out;
  }

  private List<IncomingObject> sigma(Path file, String text, Tlp tlp, List<String> problems) {
    var out = new ArrayList<IncomingObject>();
    String now = StixTimestamp.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)).text();
    for (SigmaDocuments.Document d : SigmaDocuments.split(file, text, problems)) {
      out.add(single(StixIndicators.sigma(d.id(), d.title(), d.text(), now, tlp), file));
    }
    return out;
  }

  // "stix" for a JSON object with objects or type bundle, "misp" for other JSON, else "plain".
  private static String jsonKind(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    if (i == bytes.length || (bytes[i] != '{' && bytes[i] != '[')) {
      return "plain";
    }
    if (bytes[i] == '[') {
      return "misp";
    }
    try (JsonParser p = FACTORY.createParser(bytes)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("objects")
            || name.equals("type") && v == JsonToken.VALUE_STRING && "bundle".equals(p.getText())) {
          return "stix";
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      return "stix"; // malformed JSON: the STIX reader says where
    }
    return "misp";
  }
}
