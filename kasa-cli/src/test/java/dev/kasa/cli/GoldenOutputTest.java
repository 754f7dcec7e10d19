package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.bench.workload.WorkloadGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kasa scan} writes on stdout, byte for byte, with the fixed clock of {@link CliRun},
 * on the demo files and on a small benchmark workload: refactoring must not change it. Paths of the
 * temporary directory are written as {@code $DIR}. Run with {@code -Dkasa.golden.update=true} to
 * rewrite the files under {@code src/test/resources/golden/} (and review the diff) when an output
 * change is intended.
 */
class GoldenOutputTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static Path demo;
  private static Path workload;

  @BeforeAll
  static void writeInputs() throws IOException {
    Path root = Files.createTempDirectory("kasa-golden-");
    demo = root.resolve("demo");
    CliRun extracted = CliRun.kasa("demo", "--extract", demo.toString(), "--format", "jsonl");
    assertThat(extracted.status()).as(extracted.err()).isZero();
    workload = root.resolve("workload");
    WorkloadGenerator.generate(new WorkloadGenerator.Spec(3_000, 30_000, 42, workload));
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String format : List.of("table", "jsonl", "stix")) {
      runs.add(
          Arguments.of(
              "demo-" + format,
              "demo",
              List.of("--sigma", "sigma", "--intel", "intel", "--format", format, "logs")));
    }
    for (String format : List.of("table", "jsonl", "stix")) {
      runs.add(
          Arguments.of(
              "workload-stix-" + format,
              "workload",
              List.of("--intel", "intel/indicators.json", "--format", format, "logs")));
    }
    runs.add(
        Arguments.of(
            "workload-list-jsonl",
            "workload",
            List.of("--intel", "intel/values.txt", "--format", "jsonl", "--threads", "1", "logs")));
    return runs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void scanOutputIsUnchanged(String name, String where, List<String> args) throws IOException {
    Path base = where.equals("demo") ? demo : workload;
    List<String> argv = new ArrayList<>();
    argv.add("scan");
    for (String a : args) {
      boolean path =
          a.equals("logs") || a.equals("sigma") || a.equals("intel") || a.startsWith("intel/");
      argv.add(path ? base.resolve(a).toString() : a);
    }
    CliRun run = CliRun.kasa(argv.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    String actual = run.out().replace(base.toString(), "$DIR");
    Path golden = GOLDEN.resolve(name + ".txt");
    if (Boolean.getBoolean("kasa.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file (run with -Dkasa.golden.update=true to create)").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
