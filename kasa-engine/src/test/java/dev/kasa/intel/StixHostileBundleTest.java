package dev.kasa.intel;

import static dev.kasa.intel.StixBundleImporterTest.I1;
import static dev.kasa.intel.StixBundleImporterTest.I2;
import static dev.kasa.intel.StixBundleImporterTest.indicator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.TestWorkers;
import dev.kasa.intel.StixBundleImporterTest.Collect;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hostile object in a bundle is one problem: the objects around it are still imported, on the
 * caller's thread and on worker threads alike.
 */
class StixHostileBundleTest {
  static final String X1 = "x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad";
  static final String GOOD_1 = indicator(I1, "[ipv4-addr:value = '198.51.100.1']", "");
  static final String GOOD_2 = indicator(I2, "[ipv4-addr:value = '198.51.100.2']", "");

  static Collect importBundle(String json, int threads) {
    var sink = new Collect();
    new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
        .read(
            new ByteArrayInputStream(json.replace('`', '"').getBytes(StandardCharsets.UTF_8)),
            "b.json",
            sink);
    return sink;
  }

  static String bundleAround(String hostile) {
    return "{`type`:`bundle`,`objects`:[" + GOOD_1 + ",\n" + hostile + ",\n" + GOOD_2 + "]}";
  }

  static void assertNeighboursImported(Collect c) {
    assertThat(c.indicators)
        .extracting(Indicator::value)
        .containsExactly("198.51.100.1", "198.51.100.2");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aPatternNestedTenThousandDeepIsOneInvalidProblemNamingTheIndicator(int threads) {
    String id = "indicator--c932fcc6-e032-476c-826f-cb970a5a1ade";
    String deep =
        indicator(
            id, "(".repeat(10_000) + "[ipv4-addr:value = '1.2.3.4']" + ")".repeat(10_000), "");
    Collect c = importBundle(bundleAround(deep), threads);
    assertNeighboursImported(c);
    assertThat(c.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.where().toString()).isEqualTo("b.json#objects[1].pattern");
              assertThat(p.message()).contains(id).contains("nested deeper than 100");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 1_000, 1_001, 100_000})
  void anObjectNestedDeeperThanTheLimitIsSkippedAndTheRestRead(int depth) {
    String deep =
        "{`type`:`x-thing`,`id`:`"
            + X1
            + "`,`x_deep`:"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}";
    for (int threads : new int[] {1, 2}) {
      Collect c = importBundle(bundleAround(deep), threads);
      assertNeighboursImported(c);
      assertThat(c.problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(p.where().toString()).isEqualTo("b.json#objects[1]");
                assertThat(p.message()).contains(X1).contains("nesting deeper than 64");
              });
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aDeepPropertyThatTheImportSkipsDoesNotStopTheBundle(int threads) {
    String deep =
        indicator(
            "indicator--c932fcc6-e032-476c-826f-cb970a5a1ade",
            "[ipv4-addr:value = '198.51.100.3']",
            ",`description`:" + "{`a`:".repeat(5_000) + "1" + "}".repeat(5_000));
    Collect c = importBundle(bundleAround(deep), threads);
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators)
        .extracting(Indicator::value)
        .containsExactly("198.51.100.1", "198.51.100.3", "198.51.100.2");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aDeepBundlePropertyIsOneProblemAndTheObjectsAreRead(int threads) {
    String json =
        "{`type`:`bundle`,`x_deep`:"
            + "[".repeat(2_000)
            + "]".repeat(2_000)
            + ",`objects`:["
            + GOOD_1
            + ","
            + GOOD_2
            + "]}";
    Collect c = importBundle(json, threads);
    assertNeighboursImported(c);
    assertThat(c.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.where().toString()).isEqualTo("b.json#x_deep");
              assertThat(p.message()).contains("nesting deeper than 64");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aNumberTooLongToParseIsOneProblem(int threads) {
    String longNumber = "{`type`:`x-thing`,`id`:`" + X1 + "`,`x_n`:" + "9".repeat(5_000) + ".5e3}";
    Collect c = importBundle(bundleAround(longNumber), threads);
    assertNeighboursImported(c);
    assertThat(c.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo("b.json#objects[1]");
              assertThat(p.message()).contains(X1).contains("number longer than 1000");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aLongPropertyNameDoesNotStopTheBundle(int threads) {
    String longName = "{`type`:`x-thing`,`id`:`" + X1 + "`,`x_" + "n".repeat(60_000) + "`:1}";
    Collect c = importBundle(bundleAround(longName), threads);
    assertNeighboursImported(c);
    assertThat(c.problems).isEmpty();
  }
}
