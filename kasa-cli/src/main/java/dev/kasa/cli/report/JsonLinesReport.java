package dev.kasa.cli.report;

import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingLines;
import java.io.Writer;

/** {@code --format jsonl}: the engine's {@link FindingLines}, as a node answers events too. */
public final class JsonLinesReport implements HitReport {
  private final FindingLines lines;

  public JsonLinesReport(Writer out) {
    this.lines = new FindingLines(out);
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    lines.hit(input, hit);
  }

  @Override
  public void sigma(String input, Finding.RuleMatch match) {
    lines.sigma(input, match);
  }

  @Override
  public void correlation(Finding.CorrelationHit hit) {
    lines.correlation(hit);
  }

  @Override
  public void finish() {
    lines.finish();
  }
}
