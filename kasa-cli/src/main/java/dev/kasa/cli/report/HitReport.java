package dev.kasa.cli.report;

import dev.kasa.detect.Hit;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;

/**
 * Writes the hits of one scan in one output format. Called from one thread, hits in input order
 * (file order, then line order).
 */
public sealed interface HitReport permits TableReport, JsonLinesReport, SightingReport {
  /** One hit found in {@code input} (the path as the user gave it, or {@code -}). */
  void hit(String input, Hit hit);

  /** One event of {@code input} matched by a Sigma detection rule. */
  void sigma(String input, SigmaMatch match);

  /** A Sigma correlation fired (reported when its last event arrives). */
  void correlation(CorrelationHit hit);

  /** Called once after the last hit; writes whatever the format keeps for the end. */
  void finish();
}
