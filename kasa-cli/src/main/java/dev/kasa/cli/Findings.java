package dev.kasa.cli;

import dev.kasa.detect.Hit;
import dev.kasa.sigma.program.SigmaMatch;
import java.util.List;

/** What one chunk of events gave: indicator hits and Sigma matches, each in line order. */
record Findings(List<Hit> hits, List<SigmaMatch> matches) {
  Findings {
    hits = List.copyOf(hits);
    matches = List.copyOf(matches);
  }
}
