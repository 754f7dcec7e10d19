package dev.kasa.node.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.Problem;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.Origin;
import dev.kasa.intel.StixBundleImporter;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.IndicatorFeed;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads stored indicator versions the way {@code kasa scan} reads a bundle (the engine's {@link
 * StixBundleImporter}: supported patterns become observables, others versions without any), with
 * the node's own record of who gave each version as its {@link Origin} (the collection is its
 * UUID); indicators with {@code pattern_type: sigma} are Sigma rules and go to the rules instead.
 * The objects that attribute the indicators (relationships, actors, campaigns, malware, attack
 * patterns: whatever collection holds them) go into the same bundle, so the importer resolves each
 * indicator's attribution exactly as {@code kasa scan} does.
 */
final class StoredIntel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SIGMA = "sigma".getBytes(StandardCharsets.US_ASCII);

  private final StixBundleImporter importer = new StixBundleImporter(StixReaderLimits.DEFAULT);
  private final Function<Collection<String>, Map<String, byte[]>> context;

  /**
   * @param context the bodies, by STIX id, of the stored objects that attribute the indicators of
   *     the given ids
   */
  StoredIntel(Function<Collection<String>, Map<String, byte[]>> context) {
    this.context = context;
  }

  /**
   * A Sigma rule shared as an indicator.
   *
   * @param text the rule's YAML (the indicator's {@code pattern}); null when it is revoked
   */
  record SharedRule(
      String collectionId, String stixId, String version, boolean revoked, String text) {}

  /**
   * Reads {@code rows}: indicator versions go to {@code versions}, problems to {@code problems},
   * Sigma rules to {@code rules}.
   */
  void read(
      List<IndicatorFeed.Row> rows,
      IntelSink versions,
      Consumer<Problem> problems,
      Consumer<SharedRule> rules) {
    // One bundle per collection and origin, as the importer takes one origin per bundle.
    Map<Origin, List<IndicatorFeed.Row>> byOrigin = new LinkedHashMap<>();
    for (IndicatorFeed.Row r : rows) {
      SharedRule rule = sigmaRule(r);
      if (rule != null) {
        rules.accept(rule);
      } else {
        byOrigin.computeIfAbsent(origin(r), o -> new ArrayList<>()).add(r);
      }
    }
    for (var e : byOrigin.entrySet()) {
      Set<String> ids = new LinkedHashSet<>();
      e.getValue().forEach(r -> ids.add(r.stixId()));
      byte[] bundle = bundle(e.getValue(), context.apply(ids).values());
      importer.read(
          new ByteArrayInputStream(bundle),
          "collection " + e.getKey().collection(),
          e.getKey(),
          new IntelSink() {
            @Override
            public void version(dev.kasa.intel.IntelVersion version) {
              versions.version(version);
            }

            @Override
            public void indicator(dev.kasa.intel.Indicator indicator) {
              versions.indicator(indicator);
            }

            @Override
            public void problem(Problem problem) {
              problems.accept(problem);
            }
          });
    }
  }

  /**
   * The indicator versions of {@code rows}, in order (an indicator delivered on its own is a
   * version as of the Unix epoch); problems to {@code problems}, Sigma rules to {@code rules}.
   */
  List<IntelVersion> versions(
      List<IndicatorFeed.Row> rows, Consumer<Problem> problems, Consumer<SharedRule> rules) {
    List<IntelVersion> out = new ArrayList<>();
    IntelSink sink =
        new IntelSink() {
          @Override
          public void version(IntelVersion v) {
            out.add(v);
          }

          @Override
          public void indicator(dev.kasa.intel.Indicator i) {
            out.add(IntelVersion.of(i, java.time.Instant.EPOCH));
          }

          @Override
          public void problem(Problem p) {
            problems.accept(p);
          }
        };
    read(rows, sink, problems, rules);
    return out;
  }

  private static Origin origin(IndicatorFeed.Row r) {
    if (r.origin() == null) {
      return Origin.local("unknown", r.collectionId());
    }
    return r.origin().kind() == Kind.PARTNER
        ? Origin.partner(r.origin().principal(), r.collectionId())
        : Origin.local(r.origin().principal(), r.collectionId());
  }

  private static byte[] bundle(List<IndicatorFeed.Row> rows, Collection<byte[]> context) {
    int size = 32;
    for (IndicatorFeed.Row r : rows) {
      size += r.body().length + 1;
    }
    for (byte[] body : context) {
      size += body.length + 1;
    }
    var out = new ByteArrayOutputStream(size);
    out.writeBytes("{\"type\":\"bundle\",\"objects\":[".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(rows.get(i).body());
    }
    for (byte[] body : context) {
      out.write(',');
      out.writeBytes(body);
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The rule, when the stored indicator is one with {@code pattern_type: sigma}; else null. */
  static SharedRule sigmaRule(IndicatorFeed.Row r) {
    if (!contains(r.body(), SIGMA)) {
      return null; // most indicators: no parse needed
    }
    JsonNode o;
    try {
      o = JSON.readTree(r.body());
    } catch (IOException e) {
      return null; // the importer reports it
    }
    if (o == null || !"sigma".equals(o.path("pattern_type").asText(null))) {
      return null;
    }
    boolean revoked = r.revoked() || o.path("revoked").asBoolean(false);
    JsonNode pattern = o.path("pattern");
    return new SharedRule(
        r.collectionId(),
        r.stixId(),
        r.version(),
        revoked,
        revoked || !pattern.isTextual() ? null : pattern.asText());
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
