package dev.kasa.cli.report;

import dev.kasa.detect.Hit;

/**
 * Writes the hits of one scan in one output format. Called from one thread, hits in input order
 * (file order, then line order).
 */
public sealed interface HitReport permits TableReport, JsonLinesReport, SightingReport {
  /** One hit found in {@code input} (the path as the user gave it, or {@code -}). */
  void hit(String input, Hit hit);

  /** Called once after the last hit; writes whatever the format keeps for the end. */
  void finish();
}
