package dev.kasa.sigma.regression;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.sigma.program.SigmaEvaluator;
import dev.kasa.sigma.program.SigmaProgram;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs regression cases against a compiled rule set: each sample is swept with the whole program
 * (the same cross-rule code a scan runs), and the matches of the rule under test are counted.
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

  /** Runs every case; never throws for a bad sample (the result says what went wrong). */
  public static List<Result> run(SigmaProgram program, List<RegressionCase> cases) {
    ScanOptions options =
        ScanOptions.defaults()
            .withThreads(1)
            .withForcedFormat(EventFormat.EVTX_JSON)
            .withCapture(program.capture());
    boolean[] compiled = new boolean[cases.size()];
    List<String> ids = program.rules().stream().map(r -> r.id()).toList();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      RegressionCase c = cases.get(i);
      compiled[i] = ids.contains(c.ruleId());
      if (!compiled[i]) {
        results.add(new Result(c, -1, "rule " + c.ruleId() + " is not among the compiled rules"));
        continue;
      }
      if (!Files.isRegularFile(c.sample())) {
        results.add(new Result(c, -1, "sample not found: " + c.sample()));
        continue;
      }
      results.add(runOne(program, options, c));
    }
    return results;
  }

  private static Result runOne(SigmaProgram program, ScanOptions options, RegressionCase c) {
    long[] count = new long[1];
    long[] malformed = new long[1];
    String[] unreadable = new String[1];
    new EventScanner(options)
        .scan(
            List.of(c.sample().toString()),
            input -> new CountingTask(program.evaluator(input), c.ruleId()),
            new ScanListener<Long>() {
              @Override
              public void chunkDone(EventInput input, Long result) {
                count[0] += result;
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
    if (unreadable[0] != null) {
      return new Result(c, -1, "sample unreadable: " + unreadable[0]);
    }
    if (count[0] < c.expectedAtLeast()) {
      return new Result(
          c,
          count[0],
          "expected at least "
              + c.expectedAtLeast()
              + " match(es), got "
              + count[0]
              + (malformed[0] > 0 ? " (" + malformed[0] + " malformed records)" : ""));
    }
    return new Result(c, count[0], null);
  }

  private static final class CountingTask implements ChunkTask<Long> {
    private final SigmaEvaluator evaluator;
    private final String ruleId;
    private long count;

    CountingTask(SigmaEvaluator evaluator, String ruleId) {
      this.evaluator = evaluator;
      this.ruleId = ruleId;
    }

    @Override
    public void record(DecodedRecord record) {
      evaluator.evaluate(
          record,
          m -> {
            if (ruleId.equals(m.rule().id())) {
              count++;
            }
          });
    }

    @Override
    public void malformed(long line, String reason) {}

    @Override
    public Long finish() {
      return count;
    }
  }
}
