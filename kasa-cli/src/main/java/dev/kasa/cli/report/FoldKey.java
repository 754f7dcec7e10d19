package dev.kasa.cli.report;

import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import dev.kasa.sigma.program.SigmaMatch;

/**
 * What the copies of one finding share for {@code --dedup}: the detection (a rule, or an
 * indicator's type and canonical value whichever feed it came from), the host, the matched value
 * and the second of the event. Findings without an event time and correlation hits never fold.
 */
final class FoldKey {
  private FoldKey() {}

  /** The key of {@code finding}, or null when it never folds. */
  static String of(Finding finding) {
    return switch (finding) {
      case Finding.IndicatorHit hit ->
          key(
              "indicator " + hit.indicator().type().stixName() + " " + hit.indicator().value(),
              hit.event().context().host(),
              hit.value(),
              hit.event().timeMillis());
      case Finding.RuleMatch match ->
          key(
              "sigma " + match.match().rule().label(),
              CsvReport.host(match),
              value(match.match()),
              match.match().timeMillis());
      case Finding.CorrelationHit fired -> null;
    };
  }

  private static String value(SigmaMatch m) {
    return m.fields().isEmpty() ? String.join(";", m.keywords()) : m.fields().get(0).value();
  }

  private static String key(String detection, String host, String value, long time) {
    if (time == EventRef.NO_TIME) {
      return null;
    }
    return detection
        + '\u0000'
        + (host == null ? "" : host)
        + '\u0000'
        + value
        + '\u0000'
        + Math.floorDiv(time, 1000);
  }
}
