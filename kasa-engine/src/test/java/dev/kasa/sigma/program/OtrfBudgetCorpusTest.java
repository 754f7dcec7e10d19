package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestCorpora;
import dev.kasa.TestWorkers;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.logsource.PlaceholderConfig;
import dev.kasa.sigma.match.FieldPredicate;
import dev.kasa.sigma.match.Needle;
import dev.kasa.sigma.rule.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * No SigmaHQ rule (the six maintained folders, with the example placeholders) is stopped by the
 * regex cost budget on the OTRF Windows host datasets. Sweeping the 1 GB with every rule takes
 * longer than a test should, so the same fact is shown exactly and more strongly: for every regex
 * test, its compiled size × the longest value the datasets hold in the field it reads (any field
 * for a keyword test) is within the budget, so no value can be stopped, whatever the prefilter lets
 * through.
 */
class OtrfBudgetCorpusTest {
  private static final String SOURCE = "windows-json";

  @Test
  void noSigmaHqRegexCanExceedTheBudgetOnAnyOtrfValue() throws IOException {
    Path sigma = TestCorpora.dir("sigma");
    Path otrf = TestCorpora.dir("otrf/atomic/windows");
    Path root = Path.of(System.getProperty("kasa.root", ".."));
    List<Path> folders =
        Stream.of(
                "rules",
                "rules-emerging-threats",
                "rules-threat-hunting",
                "rules-placeholder",
                "rules-compliance",
                "rules-dfir")
            .map(sigma::resolve)
            .filter(Files::isDirectory)
            .toList();
    SigmaProgram program =
        SigmaProgram.compile(
            RuleLoader.load(folders),
            LogSourceMap.defaults(),
            PlaceholderConfig.load(root.resolve("docs/examples/placeholders.yml")),
            info -> Set.of());
    assertThat(program.problems()).isEmpty();

    Map<String, Long> regexes = new HashMap<>(); // event field (null: any) → largest regex
    for (Entry e : program.entries(SOURCE)) {
      for (CompiledRule.Test t : e.rule().tests()) {
        regexes.merge(e.event(t.field()), instructions(t.predicate()), Math::max);
      }
    }
    regexes.values().removeIf(n -> n == 0);
    assertThat(regexes).hasSizeGreaterThan(20);

    Map<String, Long> longest = longestValues(program, otrf);
    long longestOfAll = longest.values().stream().mapToLong(Long::longValue).max().orElse(0);
    assertThat(longestOfAll).isGreaterThan(10_000);
    long worst = 0;
    String which = "none";
    for (Map.Entry<String, Long> r : regexes.entrySet()) {
      long chars = r.getKey() == null ? longestOfAll : longest.getOrDefault(r.getKey(), 0L);
      if (r.getValue() * chars > worst) {
        worst = r.getValue() * chars;
        which = r.getKey() + ": " + r.getValue() + " instructions × " + chars + " chars";
      }
    }
    assertThat(worst).as(which).isLessThanOrEqualTo(SigmaProgram.REGEX_BUDGET);
  }

  /** The largest compiled size of a pattern of the predicate (0 when it has none). */
  private static long instructions(FieldPredicate p) {
    return switch (p) {
      case FieldPredicate.AnyOf a ->
          a.needles().stream()
              .mapToLong(n -> n instanceof Needle.Pattern pat ? pat.matcher().instructions() : 0)
              .max()
              .orElse(0);
      case FieldPredicate.AllOf a ->
          a.parts().stream().mapToLong(OtrfBudgetCorpusTest::instructions).max().orElse(0);
      case FieldPredicate.Not n -> instructions(n.operand());
      case FieldPredicate.Exists e -> 0;
      case FieldPredicate.FieldRef r -> 0;
    };
  }

  /** Per captured field, the longest value (in chars) of the OTRF host datasets. */
  private static Map<String, Long> longestValues(SigmaProgram program, Path otrf)
      throws IOException {
    ScanOptions options =
        ScanOptions.defaults().withThreads(2).withForcedFormat(EventFormat.WINDOWS_JSON);
    DecoderConfig config = DecoderConfig.of(program.capture());
    Map<String, Long> longest = new HashMap<>();
    List<String> problems = new ArrayList<>();
    ScanListener<Map<String, Long>> merge =
        new ScanListener<>() {
          @Override
          public void chunkDone(EventInput input, Map<String, Long> result) {
            assertThat(input.fieldMapSource()).isEqualTo(SOURCE);
            result.forEach((f, n) -> longest.merge(f, n, Math::max));
          }

          @Override
          public void inputDone(EventInput input, InputSummary summary) {}

          @Override
          public void unreadable(String input, String reason) {
            problems.add(input + ": " + reason);
          }
        };
    List<Path> zips;
    try (Stream<Path> walk = Files.walk(otrf)) {
      zips =
          walk.filter(p -> p.toString().endsWith(".zip") && p.toString().contains("/host/"))
              .sorted()
              .toList();
    }
    long records = 0;
    for (Path zip : zips) {
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry e = next(in); e != null; e = next(in)) {
          if (e.getName().endsWith(".json") && !e.getName().startsWith("__MACOSX")) {
            records +=
                new EventScanner(options, TestWorkers.POOL, in)
                    .scan(List.of("-"), input -> new Longest(config), merge)
                    .records();
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(records).isGreaterThan(300_000);
    return longest;
  }

  private static ZipEntry next(ZipInputStream in) throws IOException {
    try {
      return in.getNextEntry();
    } catch (ZipException encrypted) {
      return null; // a few OTRF archives are password-protected
    }
  }

  /** The longest value per captured field of one chunk. */
  private static final class Longest implements ChunkTask<Map<String, Long>> {
    private final DecoderConfig config;
    private final Map<String, Long> longest = new HashMap<>();

    Longest(DecoderConfig config) {
      this.config = config;
    }

    @Override
    public DecoderConfig decoderConfig() {
      return config;
    }

    @Override
    public void record(DecodedRecord r) {
      for (int i = 0; i < r.capturedCount(); i++) {
        String v = r.capturedValue(i);
        if (v != null) {
          longest.merge(r.capturedName(i), (long) v.length(), Math::max);
        }
      }
    }

    @Override
    public void malformed(long line, String reason) {}

    @Override
    public Map<String, Long> finish() {
      return longest;
    }
  }
}
