package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.TestCorpora;
import dev.kasa.TestWorkers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parallel reader gives exactly what the sequential one gives, however the input is cut. */
class StixParallelReaderTest {
  private static final String I1 = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  private static final StixReaderLimits SMALL = new StixReaderLimits(600, 8);

  /** What a reader produced: its entries, the bundle's properties, and how it stopped. */
  /** What a reader produced: its entries, the bundle's properties, and how it stopped. */
  record Outcome(List<StixEntry> entries, String bundleId, Map<?, ?> other, String failure) {}

  static String indicator(int n) {
    return ("{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--a932fcc6-e032-476c-826f-cb97"
            + String.format("%07x", n)
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`name`:`n \\\"q\\\" [x] {y} , \\\\`,`pattern`:`[ipv4-addr:value = '10.0.0."
            + (n % 250)
            + "']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`,"
            + "`labels`:[`a`,`b`],`x_nested`:{`k`:[1,{`z`:[]}]}}")
        .replace('`', '"');
  }

  static String bundleOf(int n, String separator) {
    List<String> objects = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      objects.add(i % 7 == 3 ? "{\"type\":\"indicator\",\"id\":\"bad\"}" : indicator(i));
    }
    return "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
        + "\"objects\":["
        + separator
        + String.join("," + separator, objects)
        + separator
        + "],\"x_after\":{\"a\":[1,2]}}";
  }

  static Outcome sequential(byte[] json, StixReaderLimits limits) {
    return sequential(json, limits, (t, p) -> true);
  }

  static Outcome sequential(
      byte[] json, StixReaderLimits limits, BiPredicate<String, String> keep) {
    List<StixEntry> entries = new ArrayList<>();
    try (var r = new StixReader(new ByteArrayInputStream(json), "t", limits, keep)) {
      try {
        for (StixEntry e = r.next(); e != null; e = r.next()) {
          entries.add(e);
        }
      } catch (KasaException e) {
        return new Outcome(entries, r.bundleId(), r.bundleOther(), location(e));
      }
      return new Outcome(entries, r.bundleId(), r.bundleOther(), null);
    } catch (KasaException e) {
      return new Outcome(entries, null, Map.of(), "constructor: " + e.getMessage());
    }
  }

  static Outcome parallel(InputStream in, StixReaderLimits limits, int threads, int runBytes) {
    return parallel(in, limits, (t, p) -> true, threads, runBytes);
  }

  static Outcome parallel(
      InputStream in,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      int threads,
      int runBytes) {
    return parallel(in, limits, keep, threads, runBytes, true);
  }

  static Outcome parallel(
      InputStream in,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      int threads,
      int runBytes,
      boolean framed) {
    List<StixEntry> entries = new ArrayList<>();
    try (var r =
        new StixParallelReader<StixEntry>(
            in, "t", limits, keep, e -> e, TestWorkers.POOL, threads, runBytes, framed)) {
      try {
        for (StixEntry e = r.next(); e != null; e = r.next()) {
          entries.add(e);
        }
      } catch (KasaException e) {
        return new Outcome(entries, r.bundleId(), r.bundleOther(), location(e));
      }
      return new Outcome(entries, r.bundleId(), r.bundleOther(), null);
    } catch (KasaException e) {
      return new Outcome(entries, null, Map.of(), "constructor: " + e.getMessage());
    }
  }

  // Jackson's own text may name a location within a run; ours must name the whole input's.
  private static String location(KasaException e) {
    Matcher m =
        Pattern.compile("^t: (malformed JSON at line \\d+ column \\d+|[^:]*)")
            .matcher(e.getMessage());
    return m.find() ? e.code() + " " + m.group(1) : e.getMessage();
  }

  static void assertSame(String json, StixReaderLimits limits) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Outcome expected = sequential(bytes, limits);
    for (int runBytes : new int[] {1, 100, 5000, StixParallelReader.RUN_BYTES}) {
      for (int threads = 1; threads <= 3; threads++) {
        Outcome actual = parallel(new ByteArrayInputStream(bytes), limits, threads, runBytes);
        assertThat(actual)
            .as("runs of %d bytes on %d threads", runBytes, threads)
            .isEqualTo(expected);
      }
      Outcome unframed =
          parallel(new ByteArrayInputStream(bytes), limits, (t, p) -> true, 1, runBytes, false);
      assertThat(unframed).as("runs of %d bytes, not framed", runBytes).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "\r\n", "\n    ", "\r"})
  void wellFormedBundlesGiveTheSameEntriesHoweverTheyAreCut(String separator) {
    assertSame(bundleOf(40, separator), StixReaderLimits.DEFAULT);
    assertThat(
            sequential(
                    bundleOf(40, separator).getBytes(StandardCharsets.UTF_8),
                    StixReaderLimits.DEFAULT)
                .entries())
        .hasSize(40)
        .allSatisfy(e -> assertThat(e.path()).isEqualTo("objects[" + e.index() + "]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"bundle\",\"objects\":[]}",
        "{\"type\":\"bundle\"}",
        "{\"objects\":[1,\"x\",null,[],{}],\"id\":\"bundle--1\"}",
        "{\"id\":\"b\",\"objects\":[{\"a\":1}],\"objects\":[{\"b\":2}],\"id\":\"c\"}",
        "{\"objects\":5,\"x\":{\"objects\":[1]},\"objects\":[{\"type\":\"x\"}]}",
        "{\"obj\\u0065cts\":[{\"type\":\"x\"}]}",
        "{\"type\":\"report\",\"objects\":[{\"a\":1}]}",
        "{\"objects\":[{\"a\":1}],\"type\":\"report\"}",
        "\uFEFF{\"objects\":[{\"a\":1}]}",
        "[1]",
        "",
        "{\"objects\":[{\"a\":1},]}",
        "{\"objects\":[,{\"a\":1}]}",
        "{\"objects\":[{\"a\":1},{\"b\":2}}]}",
        "{\"objects\":[{\"a\":1} {\"b\":2}]}",
        "{\"objects\":[{\"a\":1},\n{\"b\":2},\n  {\"c\" 3}]}",
        "{\"objects\":[{\"a\":1},\r\n{\"b\":2},\r\n  {\"c\":3},\r\n  {\"d\"::4}]}",
        "{\"objects\":[{\"a\":1},{\"b\":\"unterminated",
        "{\"objects\":[{\"a\":1},{\"b\":2}",
        "{\"objects\":[{\"a\":1}]",
        "{\"objects\":[{\"a\":1}]} trailing",
        "{\"x\":[1,2,{\"y\":\"]\"}],\"objects\" : [ {\"a\":\"\\\"],\"} ] , \"z\":1}",
        "{\"objects\":[{\"a\":[[[[[[[[[[1]]]]]]]]]]},{\"a\":1}]}",
      })
  void oddOrMalformedBundlesGiveTheSameEntriesAndTheSameErrorLocation(String json) {
    assertSame(json, SMALL);
  }

  @Test
  void anOversizedObjectIsSkippedAsTheSequentialReaderSkipsIt() {
    String big = "{\"type\":\"x\",\"id\":\"x--1\",\"d\":\"" + "y".repeat(100_000) + "\"}";
    assertSame("{\"objects\":[" + indicator(1) + "," + big + "," + indicator(2) + "]}", SMALL);
  }

  @Test
  void aDeeplyNestedObjectIsSkippedAsTheSequentialReaderSkipsIt() {
    for (int depth : new int[] {9, 1_000, 50_000}) {
      String deep =
          "{\"type\":\"x\",\"id\":\"x--1\",\"d\":"
              + "[".repeat(depth)
              + "\"]}\""
              + "]".repeat(depth)
              + "}";
      String json = "{\"objects\":[" + indicator(1) + "," + deep + "," + indicator(2) + "]}";
      assertSame(json, new StixReaderLimits(1 << 20, 8));
      Outcome o =
          parallel(
              new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
              new StixReaderLimits(1 << 20, 8),
              2,
              100);
      assertThat(o.failure()).isNull();
      assertThat(o.entries()).extracting(StixEntry::index).containsExactly(0, 1, 2);
      assertThat(o.entries().get(1).errors())
          .singleElement()
          .asString()
          .contains("nesting deeper than 8");
    }
  }

  @Test
  void aReadErrorAfterSomeElementsComesAfterThem() {
    byte[] head =
        ("{\"objects\":[" + indicator(1) + "," + indicator(2) + ",")
            .getBytes(StandardCharsets.UTF_8);
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }
        };
    Outcome o =
        parallel(
            new SequenceInputStream(new ByteArrayInputStream(head), failing),
            StixReaderLimits.DEFAULT,
            2,
            1);
    assertThat(o.entries()).extracting(StixEntry::index).containsExactly(0, 1);
    assertThat(o.failure()).isEqualTo("IO_FAILURE disk gone");
  }

  @Test
  void closingEarlyStopsItsThreads() throws InterruptedException {
    byte[] json = bundleOf(3000, "").getBytes(StandardCharsets.UTF_8);
    try (var r =
        new StixParallelReader<>(
            new ByteArrayInputStream(json),
            "t",
            StixReaderLimits.DEFAULT,
            (t, p) -> true,
            e -> e,
            TestWorkers.POOL,
            2,
            1,
            true)) {
      assertThat(r.next().index()).isZero();
    }
    Thread.sleep(50);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("stix-") && t.isAlive());
  }

  @Test
  void realCorporaGiveTheSameEntries() throws IOException {
    List<Path> files =
        Stream.concat(
                TestCorpora.files(TestCorpora.dir("stix-examples"), ".json").stream(),
                TestCorpora.files(TestCorpora.dir("attack"), ".json").stream())
            .toList();
    Assumptions.assumeFalse(files.isEmpty(), "no JSON in the STIX examples and ATT&CK corpora");
    for (Path f : files) {
      assertSame(Files.readString(f), StixReaderLimits.DEFAULT);
    }
  }

  @Provide
  Arbitrary<String> damaged() {
    // The second base holds objects nested beyond SMALL's depth, whose insides are capped.
    String deep = "{\"type\":\"x\",\"d\":" + "[{\"a\":".repeat(6) + "1" + "}]".repeat(6) + "}";
    return Arbitraries.of(
            bundleOf(6, "\n "),
            bundleOf(3, "\n ")
                .replace("\"objects\":[", "\"objects\":[" + deep + ",\n" + deep + ","))
        .flatMap(StixParallelReaderTest::damage);
  }

  static Arbitrary<String> damage(String base) {
    return Arbitraries.integers()
        .between(0, base.length() - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .flatMap(
            cuts ->
                Arbitraries.of("", "{", "}", "[", "]", ",", "\"", "\\", ":", "\n", "x")
                    .list()
                    .ofSize(cuts.size())
                    .map(
                        ins -> {
                          StringBuilder b = new StringBuilder(base);
                          for (int k = 0; k < cuts.size(); k++) {
                            int at = Math.min(cuts.get(k), b.length() - 1);
                            b.replace(at, at + 1, ins.get(k));
                          }
                          return b.toString();
                        }));
  }

  @Test
  void aLineBreakInsideABlankedStringCountsForTheLinesAfterIt() {
    // A raw line break is only accepted inside what the nesting cap blanks; the malformed second
    // element must be reported on line 2, as the sequential reader does.
    String deep =
        "{\"type\":\"x\",\"d\":" + "[{\"a\":".repeat(5) + "[{\"\n\":1}]" + "}]".repeat(5) + "}";
    String json =
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
            + deep
            + ",{{\"type\":\"x\"}]}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Outcome expected = sequential(bytes, SMALL);
    assertThat(expected.failure()).contains("line 2");
    assertThat(parallel(new ByteArrayInputStream(bytes), SMALL, 2, 1)).isEqualTo(expected);
    assertThat(parallel(new ByteArrayInputStream(bytes), SMALL, 2, 300)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void damagedBundlesGiveTheSameOutcome(@ForAll("damaged") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Outcome expected = sequential(bytes, SMALL);
    assertThat(parallel(new ByteArrayInputStream(bytes), SMALL, 2, 1)).isEqualTo(expected);
    assertThat(parallel(new ByteArrayInputStream(bytes), SMALL, 2, 300)).isEqualTo(expected);
  }
}
