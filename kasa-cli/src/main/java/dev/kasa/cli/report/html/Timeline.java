package dev.kasa.cli.report.html;

import dev.kasa.EventRef;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Findings per time bucket, two series (indicator hits; Sigma matches and correlations), drawn as
 * an inline SVG bar chart. The bucket size follows the span of the findings' event times: minutes
 * for a few hours, hours for a week, days beyond (doubled until the bars fit). Counting starts per
 * minute and coarsens whenever more than {@link #MAX_BUCKETS} buckets are held, so that memory is
 * bounded whatever the times are.
 */
final class Timeline {
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  static final int MAX_BUCKETS = 4_096;

  /** The most bars drawn; the bucket grows until the span fits. */
  static final int MAX_BARS = 360;

  private static final int WIDTH = 960;
  private static final int HEIGHT = 180;
  private static final int LEFT = 48;
  private static final int BOTTOM = 28;

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TreeMap<Long, long[]> buckets = new TreeMap<>();
  private long size = MINUTE;
  private long untimed;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  /** The times charted: years 1 to 9999 (differences cannot overflow). */
  static final long EARLIEST = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();

  static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  /**
   * Counts one finding at {@code millis}; {@link EventRef#NO_TIME} and times outside years 1 to
   * 9999 are counted as untimed.
   */
  void add(long millis, int series) {
    if (millis == EventRef.NO_TIME || millis < EARLIEST || millis > LATEST) {
      untimed++;
      return;
    }
    min = Math.min(min, millis);
    max = Math.max(max, millis);
    buckets.computeIfAbsent(Math.floorDiv(millis, size) * size, k -> new long[2])[series]++;
    while (buckets.size() > MAX_BUCKETS) {
      size = larger(size);
      buckets = regrouped(buckets, size);
    }
  }

  long untimed() {
    return untimed;
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  /** The bucket size the chart uses: the smallest at least as coarse as counted that fits. */
  long bucketSize() {
    long s = size;
    while ((max - min) / s + 1 > MAX_BARS) {
      s = larger(s);
    }
    return s;
  }

  static long larger(long size) {
    return size < HOUR ? HOUR : size < DAY ? DAY : size * 2;
  }

  static String sizeLabel(long size) {
    if (size == MINUTE) {
      return "minute";
    }
    if (size == HOUR) {
      return "hour";
    }
    return size == DAY ? "day" : size / DAY + " days";
  }

  private static TreeMap<Long, long[]> regrouped(Map<Long, long[]> from, long size) {
    TreeMap<Long, long[]> to = new TreeMap<>();
    from.forEach(
        (start, n) -> {
          long[] sum = to.computeIfAbsent(Math.floorDiv(start, size) * size, k -> new long[2]);
          sum[0] += n[0];
          sum[1] += n[1];
        });
    return to;
  }

  /** Writes the chart: one bar per bucket from the first to the last, empty buckets included. */
  void writeSvg(PrintWriter out) {
    long s = bucketSize();
    TreeMap<Long, long[]> shown = regrouped(buckets, s);
    long first = shown.firstKey();
    int bars = (int) ((shown.lastKey() - first) / s + 1);
    long peak = 1;
    for (long[] n : shown.values()) {
      peak = Math.max(peak, n[0] + n[1]);
    }
    double barWidth = (WIDTH - LEFT) / (double) bars;
    int plot = HEIGHT - BOTTOM;
    out.printf(
        Locale.ROOT,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"findings per %s\">%n",
        WIDTH,
        HEIGHT,
        sizeLabel(s));
    out.printf(
        Locale.ROOT,
        "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
        LEFT,
        plot,
        WIDTH,
        plot);
    out.printf(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"12\">%d</text>%n", 2, peak);
    out.printf(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\">0</text>%n", 2, plot);
    for (Map.Entry<Long, long[]> e : shown.entrySet()) {
      int i = (int) ((e.getKey() - first) / s);
      double x = LEFT + i * barWidth;
      double w = Math.max(barWidth - (barWidth > 3 ? 1 : 0), 0.5);
      long[] n = e.getValue();
      double hIntel = plot * (double) n[0] / peak;
      double hSigma = plot * (double) n[1] / peak;
      String tip =
          label(e.getKey(), s)
              + ": "
              + n[0]
              + " indicator hits, "
              + n[1]
              + " Sigma matches and correlations";
      out.printf(Locale.ROOT, "<g><title>%s</title>", tip);
      if (n[1] > 0) {
        out.printf(
            Locale.ROOT,
            "<rect class=\"sigma\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
            x,
            plot - hSigma,
            w,
            hSigma);
      }
      if (n[0] > 0) {
        out.printf(
            Locale.ROOT,
            "<rect class=\"intel\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
            x,
            plot - hSigma - hIntel,
            w,
            hIntel);
      }
      out.println("</g>");
    }
    out.printf(
        Locale.ROOT,
        "<text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>%n",
        LEFT,
        HEIGHT - 8,
        label(first, s));
    if (bars > 1) {
      out.printf(
          Locale.ROOT,
          "<text class=\"tick end\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
          WIDTH,
          HEIGHT - 8,
          label(shown.lastKey(), s));
    }
    out.println("</svg>");
  }

  /** A bucket's start as text: only characters that need no escaping. */
  static String label(long start, long size) {
    Instant at = Instant.ofEpochMilli(start);
    return (size < DAY ? MINUTES : DAYS).format(at) + " UTC";
  }
}
