package dev.kasa.regression;

import dev.kasa.detect.DetectionSnapshot;
import dev.kasa.detect.MatchedBatch;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.detect.Sweep;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs regression cases against a compiled rule set: each sample is swept with the whole rule set
 * (the same {@link Sweep} a scan runs, correlations included), and the matches of the rule under
 * test are counted, reported or not ({@code generate: false}).
 */
public final class RegressionRun {
  private RegressionRun() {}

  /**
   * The outcome of one case.
   *
   * @param matches matches of the rule under test (-1 when the case could not run)
   * @param problem why it could not run or failed, or null when it passed
   */
  public record Result(RegressionCase test, long matches, String problem) {
    public Result {
      Objects.requireNonNull(test, "test");
    }

    public boolean passed() {
      return problem == null;
    }
  }

  /**
   * Runs every case on the calling thread; never throws for a bad sample (the result says what went
   * wrong).
   */
  public static List<Result> run(RuleCompilation rules, List<RegressionCase> cases) {
    ScanOptions options =
        ScanOptions.defaults().withThreads(1).withForcedFormat(EventFormat.EVTX_JSON);
    DetectionSnapshot snapshot = DetectionSnapshot.builder().rules(rules).build(0);
    List<String> ids = rules.program().rules().stream().map(r -> r.id()).toList();
    List<Result> results = new ArrayList<>();
    for (RegressionCase c : cases) {
      if (!ids.contains(c.ruleId())) {
        results.add(new Result(c, -1, "rule " + c.ruleId() + " is not among the compiled rules"));
        continue;
      }
      if (!Files.isRegularFile(c.sample())) {
        results.add(new Result(c, -1, "sample not found: " + c.sample()));
        continue;
      }
      results.add(runOne(snapshot, options, c));
    }
    return results;
  }

  private static Result runOne(DetectionSnapshot snapshot, ScanOptions options, RegressionCase c) {
    long[] malformed = new long[1];
    String[] unreadable = new String[1];
    // Regression samples carry event times; indicator validity is not at stake (no indicators).
    Sweep sweep = Sweep.over(snapshot, Sweep.Options.files(0), finding -> {});
    new EventScanner(options, Runnable::run)
        .scan(
            List.of(c.sample().toString()),
            sweep.chunks(),
            new ScanListener<MatchedBatch>() {
              @Override
              public void chunkDone(EventInput input, MatchedBatch batch) {
                sweep.deliver(batch);
              }

              @Override
              public void inputDone(EventInput input, InputSummary summary) {
                malformed[0] += summary.malformed();
              }

              @Override
              public void unreadable(String input, String reason) {
                unreadable[0] = reason;
              }
            });
    sweep.finish();
    if (unreadable[0] != null) {
      return new Result(c, -1, "sample unreadable: " + unreadable[0]);
    }
    long count =
        sweep.matchesByRule().entrySet().stream()
            .filter(e -> c.ruleId().equals(e.getKey().id()))
            .mapToLong(e -> e.getValue())
            .sum();
    if (count < c.expectedAtLeast()) {
      return new Result(
          c,
          count,
          "expected at least "
              + c.expectedAtLeast()
              + " match(es), got "
              + count
              + (malformed[0] > 0 ? " (" + malformed[0] + " malformed records)" : ""));
    }
    return new Result(c, count, null);
  }
}
