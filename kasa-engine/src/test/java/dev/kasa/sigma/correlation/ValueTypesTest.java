package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gt;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lte;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_AVG;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_COUNT;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_PERCENTILE;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.VALUE_SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void valueCountCountsDistinctValues() {
    SigmaCorrelation c =
        correlation(VALUE_COUNT)
            .rules("base")
            .groupBy("Src")
            .field("User")
            .condition(gte(3))
            .build();
    Feeder f = new Feeder(c);
    for (String user : new String[] {"a", "b", "a", "b", "a"}) {
      f.match("base", min(1), "Src", "10.0.0.1", "User", user);
    }
    assertThat(f.hits).isEmpty();
    f.match("base", min(2), "Src", "10.0.0.1", "User", "c");
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.value()).isEqualTo(3);
              assertThat(h.events()).hasSize(6);
            });
  }

  @Test
  void valueCountForgetsValuesThatLeftTheWindow() {
    SigmaCorrelation c =
        correlation(VALUE_COUNT).rules("base").field("User").condition(gte(3)).build();
    Feeder f =
        new Feeder(c)
            .match("base", min(0), "User", "a")
            .match("base", min(5), "User", "b")
            .match("base", min(11), "User", "c"); // "a" has left the window
    assertThat(f.hits).isEmpty();
    f.match("base", min(12), "User", "b").match("base", min(13), "User", "a");
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(3.0);
  }

  @Test
  void valueCountIgnoresAndCountsMatchesWithoutTheField() {
    SigmaCorrelation c =
        correlation(VALUE_COUNT).rules("base").field("User").condition(gte(1)).build();
    Feeder f = new Feeder(c).match("base", 0, "Other", "x");
    assertThat(f.hits).isEmpty();
    assertThat(f.engine.stats().valuesIgnored()).isEqualTo(1);
  }

  @Test
  void valueSumFiresWhenTheSlidingSumPassesTheBound() {
    SigmaCorrelation c =
        correlation(VALUE_SUM)
            .rules("web")
            .groupBy("User")
            .field("bytes")
            .condition(gt(1000))
            .build();
    Feeder f =
        new Feeder(c)
            .match("web", min(0), "User", "u", "bytes", "600")
            .match("web", min(11), "User", "u", "bytes", "600"); // the first has left the window
    assertThat(f.hits).isEmpty();
    f.match("web", min(12), "User", "u", "bytes", " 400.5 ");
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(1000.5);
  }

  @Test
  void nonNumbersAreIgnoredAndCounted() {
    SigmaCorrelation c =
        correlation(VALUE_SUM).rules("web").field("bytes").condition(gt(10)).build();
    Feeder f = new Feeder(c);
    for (String v : new String[] {"lots", "0x20", "NaN", "Infinity", "1e999", "5d", ""}) {
      f.match("web", 0, "bytes", v);
    }
    f.match("web", 0); // field absent
    f.finish();
    assertThat(f.hits).isEmpty();
    assertThat(f.engine.stats().valuesIgnored()).isEqualTo(8);
  }

  @Test
  void valueAvgIsDecidedWhenTheWindowCloses() {
    SigmaCorrelation c =
        correlation(VALUE_AVG)
            .rules("net")
            .groupBy("Ip")
            .field("BytesOut")
            .condition(gt(500))
            .build();
    Feeder f = new Feeder(c).match("net", min(0), "Ip", "x", "BytesOut", "5000");
    assertThat(f.hits).as("one large event is not yet an average").isEmpty();
    f.match("net", min(1), "Ip", "x", "BytesOut", "100")
        .match("net", min(2), "Ip", "y", "BytesOut", "100")
        .finish();
    assertThat(f.hits)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.group()).containsEntry("Ip", "x");
              assertThat(h.value()).isEqualTo(2550);
            });
  }

  @Test
  void valuePercentileDefaultsToTheMedian() {
    SigmaCorrelation c =
        correlation(VALUE_PERCENTILE).rules("p").field("n").condition(lte(3)).build();
    Feeder f = new Feeder(c);
    for (String n : new String[] {"9", "1", "3", "2", "100"}) {
      f.match("p", 0, "n", n);
    }
    f.finish();
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(3.0);
  }

  @Test
  void valuePercentileUsesTheRequestedRank() {
    Threshold p90over50 = new Threshold(50.0, null, null, null, null, null, 90.0);
    SigmaCorrelation c =
        correlation(VALUE_PERCENTILE).rules("p").field("n").condition(p90over50).build();
    Feeder f = new Feeder(c);
    for (int i = 1; i <= 100; i++) {
      f.match("p", i, "n", Integer.toString(i));
    }
    f.finish();
    assertThat(f.hits).singleElement().extracting(CorrelationHit::value).isEqualTo(90.0);
  }
}
