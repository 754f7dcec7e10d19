package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.IntelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated intelligence, in any format, takes the room of one indicator, loaded as {@code kasa
 * scan} loads it (through an {@link IntelSet}).
 */
class DuplicateFoldingTest {
  @TempDir Path dir;

  static IndicatorIndex load(Path... files) {
    IntelSet set = new IntelSet();
    new IntelLoader(IntelLoader.Options.defaults())
        .load(
            java.util.Arrays.stream(files).map(Path::toString).toList(),
            set.sink(
                problem -> {
                  throw new AssertionError(problem.toString());
                }));
    return set.index();
  }

  @Test
  void aValueRepeatedInAPlainListIsOneEntry() throws IOException {
    Path list = Files.writeString(dir.resolve("l.txt"), "203.0.113.7\n".repeat(200_000));
    Path again = Files.writeString(dir.resolve("m.txt"), "# the same\n203.0.113.7\n");
    assertThat(load(list, again).size()).isEqualTo(1);
  }

  @Test
  void aRepeatedMispAttributeOrStixIndicatorIsOneEntry() throws IOException {
    String attribute =
        "{\"uuid\":\"a1b2c3d4-0001-4000-8000-000000000001\",\"type\":\"domain|ip\","
            + "\"to_ids\":true,\"value\":\"evil.example|192.0.2.1\"}";
    Path misp =
        Files.writeString(
            dir.resolve("e.json"),
            "{\"Event\":{\"info\":\"x\",\"Attribute\":["
                + String.join(",", List.of(attribute, attribute, attribute))
                + "]}}");
    String indicator =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
            + "\"id\":\"indicator--a932fcc6-e032-476c-826f-cb970a5a1ade\","
            + "\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\","
            + "\"pattern\":\"[url:value = 'http://evil.example/a' OR url:value ="
            + " 'HTTP://EVIL.example/a']\",\"pattern_type\":\"stix\","
            + "\"valid_from\":\"2024-01-01T00:00:00Z\"}";
    Path stix =
        Files.writeString(
            dir.resolve("b.json"),
            "{\"type\":\"bundle\",\"objects\":[" + indicator + "," + indicator + "]}");
    assertThat(load(misp, stix).size()).isEqualTo(3);
  }
}
