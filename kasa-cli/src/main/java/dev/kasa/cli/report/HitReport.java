package dev.kasa.cli.report;

import dev.kasa.detect.Finding;

/**
 * Writes the findings of one sweep in one output format. Called from one thread, findings in the
 * order the sweep reports them (input order; a correlation when it fires).
 */
public sealed interface HitReport
    permits TableReport,
        JsonLinesReport,
        SightingReport,
        CsvReport,
        TimelineReport,
        AggregateReport {
  /** One hit found in {@code input} (the input as the report names it, or {@code -}). */
  void hit(String input, Finding.IndicatorHit hit);

  /** One event of {@code input} matched by a Sigma detection rule. */
  void sigma(String input, Finding.RuleMatch match);

  /** A Sigma correlation fired. */
  void correlation(Finding.CorrelationHit hit);

  /** Called once after the last hit; writes whatever the format keeps for the end. */
  void finish();

  /** Releases what the report holds (temporary files), also when {@link #finish} was not called. */
  default void close() {}
}
