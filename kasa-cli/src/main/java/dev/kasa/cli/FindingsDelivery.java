package dev.kasa.cli;

import dev.kasa.EventRef;
import dev.kasa.cli.report.HitReport;
import dev.kasa.detect.Hit;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.rule.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each chunk's findings to the report in line order (indicator hits and Sigma matches
 * interleaved), feeds Sigma matches to the correlations, and counts matches per rule. Runs on the
 * scan's calling thread only.
 */
final class FindingsDelivery {
  private final HitReport report;
  private final SigmaRules sigma;
  private final Map<RuleInfo, Long> byRule = new LinkedHashMap<>();
  private long correlationHits;

  FindingsDelivery(HitReport report, SigmaRules sigma) {
    this.report = report;
    this.sigma = sigma;
  }

  /** Delivers one chunk; returns the number of findings reported. */
  long deliver(String file, String shownName, Findings f) {
    List<Hit> hits = f.hits();
    List<SigmaMatch> matches = f.matches();
    long reported = 0;
    int i = 0;
    int j = 0;
    while (i < hits.size() || j < matches.size()) {
      boolean hitFirst =
          j >= matches.size() || (i < hits.size() && hits.get(i).line() <= matches.get(j).line());
      if (hitFirst) {
        report.hit(shownName, hits.get(i++));
        reported++;
      } else {
        reported += sigma(file, shownName, matches.get(j++));
      }
    }
    return reported;
  }

  private long sigma(String file, String shownName, SigmaMatch m) {
    long reported = 0;
    byRule.merge(m.rule(), 1L, Long::sum);
    if (sigma.reportsStandalone(m.rule())) {
      report.sigma(shownName, m);
      reported++;
    }
    var correlations = sigma.correlations();
    String id = m.rule().id();
    String name = m.rule().name();
    if ((id != null && correlations.isReferenced(id))
        || (name != null && correlations.isReferenced(name))) {
      long[] n = new long[1];
      correlations.onMatch(
          id,
          name,
          new EventRef(file, m.line(), m.timeMillis()),
          field -> m.context().get(field),
          hit -> {
            if (correlation(hit)) {
              n[0]++;
            }
          });
      reported += n[0];
    }
    return reported;
  }

  /** Reports {@code hit} unless a correlation above it hides it; true when reported. */
  private boolean correlation(CorrelationHit hit) {
    if (!sigma.reportsStandalone(hit.correlation().info())) {
      return false;
    }
    correlationHits++;
    report.correlation(hit);
    return true;
  }

  /** End of input: correlations flush what can still fire. Returns the findings reported. */
  long finish() {
    if (sigma == null) {
      return 0;
    }
    long before = correlationHits;
    sigma.correlations().finish(this::correlation);
    return correlationHits - before;
  }

  Map<RuleInfo, Long> matchesByRule() {
    return byRule;
  }

  long correlationHits() {
    return correlationHits;
  }
}
