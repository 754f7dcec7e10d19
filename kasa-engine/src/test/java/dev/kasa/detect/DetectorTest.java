package dev.kasa.detect;

import static dev.kasa.detect.TestIndicators.AT;
import static dev.kasa.detect.TestIndicators.FROM;
import static dev.kasa.detect.TestIndicators.id;
import static dev.kasa.detect.TestIndicators.index;
import static dev.kasa.detect.TestIndicators.indicator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.event.DecodedRecord;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorTest {
  private final List<Hit> hits = new ArrayList<>();

  @Test
  void emitsOneHitPerMatchingObservableWithRecordDetails() {
    Detector detector =
        new Detector(
            index(
                indicator(1, ObservableType.IPV4, "203.0.113.0/24"),
                indicator(2, ObservableType.DOMAIN, "evil.example")));
    DecodedRecord r = new DecodedRecord();
    r.reset(42);
    r.setTimeMillis(AT);
    r.add("id.orig_h", ObservableType.IPV4, "10.0.0.1");
    r.add("id.resp_h", ObservableType.IPV4, "203.0.113.9");
    r.add("query", ObservableType.DOMAIN, "WWW.Evil.Example.");
    detector.match(r, 0, hits::add);
    assertThat(hits)
        .extracting(Hit::line, Hit::timeMillis, Hit::field, Hit::value, h -> h.indicator().id())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(42L, AT, "id.resp_h", "203.0.113.9", id(1)),
            org.assertj.core.groups.Tuple.tuple(42L, AT, "query", "WWW.Evil.Example.", id(2)));
    assertThat(hits.get(0).indicator())
        .isEqualTo(indicator(1, ObservableType.IPV4, "203.0.113.0/24"));
  }

  @Test
  void recordWithoutTimeIsMatchedAtTheFallbackTime() {
    Instant until = FROM.plusSeconds(60);
    Detector detector =
        new Detector(
            index(
                new Indicator(
                    id(1),
                    ObservableType.IPV4,
                    "192.0.2.1",
                    FROM,
                    until,
                    false,
                    -1,
                    Tlp.NONE,
                    Attribution.NONE,
                    Origin.file("test"),
                    Provenance.of("test"))));
    DecodedRecord r = new DecodedRecord();
    r.reset(1);
    r.add("ip", ObservableType.IPV4, "192.0.2.1");
    detector.match(r, until.toEpochMilli(), hits::add);
    assertThat(hits).isEmpty();
    detector.match(r, FROM.toEpochMilli(), hits::add);
    assertThat(hits).singleElement().extracting(Hit::timeMillis).isEqualTo(FROM.toEpochMilli());
  }

  @Test
  void recordTimeWinsOverFallback() {
    Detector detector = new Detector(index(indicator(1, ObservableType.IPV4, "192.0.2.1")));
    DecodedRecord r = new DecodedRecord();
    r.reset(1);
    r.setTimeMillis(FROM.toEpochMilli() - 1);
    r.add("ip", ObservableType.IPV4, "192.0.2.1");
    detector.match(r, AT, hits::add);
    assertThat(hits).isEmpty();
  }

  @Test
  void oneHitPerFieldAndIndicatorId() {
    // One STIX indicator "[url:value = '…' OR domain-name:value = '…']" yields two entries with
    // one id; a URL's host checked under the same field must not double the hit.
    Detector detector =
        new Detector(
            index(
                indicator(1, ObservableType.URL, "http://evil.example/x"),
                indicator(1, ObservableType.DOMAIN, "evil.example"),
                indicator(1, ObservableType.DOMAIN, "a.evil.example"),
                indicator(2, ObservableType.DOMAIN, "evil.example")));
    DecodedRecord r = new DecodedRecord();
    r.reset(7);
    r.setTimeMillis(AT);
    r.add("url", ObservableType.URL, "http://a.evil.example/x");
    r.add("url", ObservableType.DOMAIN, "a.evil.example");
    r.add("host", ObservableType.DOMAIN, "a.evil.example");
    r.add("url", ObservableType.URL, "http://evil.example/x");
    detector.match(r, 0, hits::add);
    assertThat(hits)
        .extracting(Hit::field, h -> h.indicator().id())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("url", id(1)),
            org.assertj.core.groups.Tuple.tuple("url", id(2)),
            org.assertj.core.groups.Tuple.tuple("host", id(1)),
            org.assertj.core.groups.Tuple.tuple("host", id(2)));
  }

  @Test
  void dedupeIsPerRecord() {
    Detector detector = new Detector(index(indicator(1, ObservableType.IPV4, "192.0.2.1")));
    DecodedRecord r = new DecodedRecord();
    for (int line = 1; line <= 3; line++) {
      r.reset(line);
      r.setTimeMillis(AT);
      r.add("ip", ObservableType.IPV4, "192.0.2.1");
      detector.match(r, 0, hits::add);
    }
    assertThat(hits).extracting(Hit::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void manyDistinctHitsInOneRecord() {
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    DecodedRecord r = new DecodedRecord();
    r.reset(1);
    for (int i = 0; i < 40; i++) {
      b.add(indicator(i, ObservableType.IPV4, "192.0.2." + i));
      r.add("f" + i, ObservableType.IPV4, "192.0.2." + i);
    }
    new Detector(b.build()).match(r, AT, hits::add);
    assertThat(hits).hasSize(40);
  }

  @Test
  void aConsumerMayMatchAgainOnTheSameThread() {
    Detector detector = new Detector(index(indicator(1, ObservableType.IPV4, "192.0.2.1")));
    DecodedRecord outer = new DecodedRecord();
    outer.reset(1);
    outer.add("a", ObservableType.IPV4, "192.0.2.1");
    outer.add("b", ObservableType.IPV4, "192.0.2.1");
    DecodedRecord inner = new DecodedRecord();
    inner.reset(2);
    inner.add("a", ObservableType.IPV4, "192.0.2.1");
    detector.match(
        outer,
        AT,
        h -> {
          hits.add(h);
          if (h.line() == 1) {
            detector.match(inner, AT, hits::add);
          }
        });
    assertThat(hits)
        .extracting(Hit::line, Hit::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "a"),
            org.assertj.core.groups.Tuple.tuple(2L, "a"),
            org.assertj.core.groups.Tuple.tuple(1L, "b"),
            org.assertj.core.groups.Tuple.tuple(2L, "a"));
  }

  @Test
  void rejectsNullIndex() {
    assertThatThrownBy(() -> new Detector(null)).isInstanceOf(NullPointerException.class);
  }
}
