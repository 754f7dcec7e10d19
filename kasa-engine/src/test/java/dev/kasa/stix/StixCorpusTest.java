package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.Problem;
import dev.kasa.TestCorpora;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads the real corpora when present (set -Dkasa.corpora); skipped otherwise. */
class StixCorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path corpus(String name) {
    return TestCorpora.dir(name);
  }

  @Test
  void everyExampleBundleIsValidAndRoundTripsStably() throws Exception {
    Path dir = corpus("stix-examples").resolve("examples");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      if (!"bundle".equals(MAPPER.readTree(bytes).path("type").asText())) {
        // A lone object (interop-objectmarking-test.json): read it as a one-object bundle.
        bytes =
            ("{\"type\":\"bundle\",\"objects\":[" + new String(bytes, "UTF-8") + "]}")
                .getBytes("UTF-8");
      }
      List<Problem> errors = new ArrayList<>();
      StixBundle b = StixReader.readBundle(new ByteArrayInputStream(bytes), f.toString(), errors);
      assertThat(errors).as(f.toString()).isEmpty();
      JsonNode original = MAPPER.readTree(bytes).get("objects");
      assertThat(b.objects()).as(f.toString()).hasSize(original.size());
      for (int i = 0; i < original.size(); i++) {
        assertThat(StixWriter.toTree(b.objects().get(i)))
            .as(f + " objects[" + i + "]")
            .isEqualTo(original.get(i));
      }
      var out = new ByteArrayOutputStream();
      StixWriter.writeBundle(b, out);
      StixBundle again =
          StixReader.readBundle(new ByteArrayInputStream(out.toByteArray()), f.toString(), errors);
      assertThat(again).as(f.toString()).isEqualTo(b);
    }
  }

  @Test
  void attackEnterpriseBundleReadsCompletely() throws Exception {
    Path file = corpus("attack").resolve("enterprise-attack.json.gz");
    Assumptions.assumeTrue(Files.exists(file), "no " + file);
    Map<String, Integer> types = new TreeMap<>();
    List<Problem> errors = new ArrayList<>();
    int total = 0;
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)));
        var r = new StixReader(in, file.toString())) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        total++;
        if (e.isValid()) {
          types.merge(e.object().type(), 1, Integer::sum);
        } else {
          errors.addAll(e.errors());
        }
      }
    }
    System.out.println("ATT&CK enterprise: " + total + " objects " + types);
    assertThat(errors).isEmpty();
    assertThat(total).isGreaterThan(10_000);
    assertThat(types).containsKeys("attack-pattern", "intrusion-set", "malware", "relationship");
  }
}
