package dev.kasa.cli.report.html;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTML report's summary says about a run besides its findings.
 *
 * @param generated when the report was written
 * @param logs the log arguments as given
 * @param inputs log inputs read
 * @param events events decoded
 * @param bytes bytes of logs read
 * @param malformed malformed records skipped
 * @param unreadable inputs that could not be read, each with its reason
 * @param intel whether intelligence was given
 * @param intelFiles intelligence files read
 * @param indicators indicator values loaded
 * @param intelProblems intelligence problems by kind (label → count)
 * @param sigma whether Sigma rules were given
 * @param rules detection rules compiled
 * @param correlations correlations loaded
 * @param ruleProblems problems found in the rules
 * @param leftOut findings the filters left out, or -1 without a filter
 * @param nothingFound what the page says when nothing was found, naming what was looked for
 */
public record RunFacts(
    Instant generated,
    List<String> logs,
    long inputs,
    long events,
    long bytes,
    long malformed,
    List<String> unreadable,
    boolean intel,
    long intelFiles,
    long indicators,
    Map<String, Long> intelProblems,
    boolean sigma,
    long rules,
    long correlations,
    long ruleProblems,
    long leftOut,
    String nothingFound) {
  public RunFacts {
    Objects.requireNonNull(generated, "generated");
    logs = List.copyOf(logs);
    unreadable = List.copyOf(unreadable);
    intelProblems = Map.copyOf(intelProblems);
    Objects.requireNonNull(nothingFound, "nothingFound");
  }
}
