package dev.kasa.cli.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The timeline's bucket follows the span of the times, and its memory stays bounded. */
class TimelineTest {
  private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

  @Test
  void theBucketIsAMinuteAnHourOrADayByTheSpan() {
    assertThat(spanning(90 * Timeline.MINUTE).bucketSize()).isEqualTo(Timeline.MINUTE);
    assertThat(spanning(3 * Timeline.DAY).bucketSize()).isEqualTo(Timeline.HOUR);
    assertThat(spanning(60 * Timeline.DAY).bucketSize()).isEqualTo(Timeline.DAY);
    assertThat(spanning(3 * 365 * Timeline.DAY).bucketSize()).isEqualTo(4 * Timeline.DAY);
    assertThat(Timeline.sizeLabel(4 * Timeline.DAY)).isEqualTo("4 days");
  }

  @Test
  void manyDistinctMinutesCoarsenTheCountsAndKeepEveryFinding() {
    Timeline t = new Timeline();
    int n = 3 * Timeline.MAX_BUCKETS;
    for (int i = 0; i < n; i++) {
      t.add(T0 + i * Timeline.MINUTE, i % 2);
    }
    t.add(EventRef.NO_TIME, 0);
    assertThat(t.bucketSize()).isEqualTo(Timeline.HOUR);
    assertThat(t.untimed()).isEqualTo(1);
    StringWriter svg = new StringWriter();
    t.writeSvg(new PrintWriter(svg));
    // 12,288 minutes are 205 hours (the last one partial): one bar each, tips sum to n.
    long bars = svg.toString().lines().filter(l -> l.startsWith("<g><title>")).count();
    assertThat(bars).isEqualTo(205);
    long total =
        svg.toString()
            .lines()
            .filter(l -> l.startsWith("<g><title>"))
            .mapToLong(
                l -> {
                  String tip = l.substring(l.indexOf("UTC: ") + 5, l.indexOf(" Sigma"));
                  String[] parts = tip.split(" indicator hits, ");
                  return Long.parseLong(parts[0]) + Long.parseLong(parts[1]);
                })
            .sum();
    assertThat(total).isEqualTo(n);
  }

  @Test
  void timesFromYearOneToYear9999StayWithinTheBarLimitAndOthersAreUntimed() {
    Timeline t = new Timeline();
    t.add(Timeline.EARLIEST, 0);
    t.add(Timeline.LATEST, 1);
    t.add(Long.MIN_VALUE + 1, 0);
    t.add(Long.MAX_VALUE, 1);
    assertThat(t.untimed()).isEqualTo(2);
    assertThat((Timeline.LATEST - Timeline.EARLIEST) / t.bucketSize() + 1)
        .isLessThanOrEqualTo(Timeline.MAX_BARS);
    StringWriter svg = new StringWriter();
    t.writeSvg(new PrintWriter(svg));
    assertThat(svg.toString())
        .contains("9999-")
        .contains("</svg>")
        .containsOnlyOnce("class=\"intel\"")
        .containsOnlyOnce("class=\"sigma\"");
  }

  private static Timeline spanning(long span) {
    Timeline t = new Timeline();
    t.add(T0, 0);
    t.add(T0 + span, 1);
    return t;
  }
}
