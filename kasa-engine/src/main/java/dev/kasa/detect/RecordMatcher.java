package dev.kasa.detect;

import dev.kasa.EventContext;
import dev.kasa.EventRef;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.EventInput;
import dev.kasa.sigma.program.SigmaEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches the records of one batch (a chunk of a file, a request body) on one worker: every
 * indicator and every Sigma rule of the one snapshot it pinned, the findings kept in record order
 * (a record's indicator hits, then its rule matches). Made by {@link Sweep#matcher}; its {@link
 * #finish()} gives the {@link MatchedBatch} the sweep delivers in input order. Not thread-safe: its
 * probes and scratch state are this worker's own.
 */
public final class RecordMatcher implements ChunkTask<MatchedBatch> {
  private final DetectionSnapshot snapshot;
  private final EventInput input;
  private final IndicatorProbe indicators;
  private final SigmaEvaluator sigma;
  private final long fallbackTimeMillis;
  private final List<Finding> findings = new ArrayList<>();
  private long records;
  private long latestTime = EventRef.NO_TIME;
  private DecodedRecord current;
  private EventContext context;

  RecordMatcher(DetectionSnapshot snapshot, EventInput input, long fallbackTimeMillis) {
    this.snapshot = snapshot;
    this.input = input;
    this.fallbackTimeMillis = fallbackTimeMillis;
    this.indicators = snapshot.indicators().size() == 0 ? null : snapshot.indicators().probe();
    SigmaEvaluator evaluator = snapshot.sigma().evaluator(snapshot.decoderConfig(), input);
    this.sigma = evaluator.active() ? evaluator : null;
  }

  /** The snapshot this batch is matched against. */
  public DetectionSnapshot snapshot() {
    return snapshot;
  }

  /** Decode this batch's records for the pinned snapshot. */
  @Override
  public DecoderConfig decoderConfig() {
    return snapshot.decoderConfig();
  }

  /**
   * Matches one record.
   *
   * @throws IllegalArgumentException if the record was decoded for another snapshot
   */
  @Override
  public void record(DecodedRecord record) {
    if (record.config() != snapshot.decoderConfig()) {
      throw new IllegalArgumentException(
          "a record of "
              + input.name()
              + " at line "
              + record.line()
              + " was decoded for another snapshot than "
              + snapshot
              + ": decode with the pinned snapshot's decoderConfig()");
    }
    records++;
    long time = record.timeMillis();
    if (time != DecodedRecord.NO_TIME && time > latestTime) {
      latestTime = time;
    }
    current = record;
    context = null;
    if (indicators != null) {
      indicators.match(
          record,
          fallbackTimeMillis,
          hit ->
              findings.add(
                  new Finding.IndicatorHit(
                      new EventRef(input.name(), hit.line(), time, context()),
                      hit.field(),
                      hit.value(),
                      hit.timeMillis(),
                      hit.indicator())));
    }
    if (sigma != null) {
      sigma.evaluate(
          record,
          m ->
              findings.add(
                  new Finding.RuleMatch(
                      new EventRef(input.name(), m.line(), m.timeMillis(), context()), m)));
    }
    current = null;
  }

  /** The current record's context, read once and only when it has a finding. */
  private EventContext context() {
    if (context == null) {
      context = current.context();
    }
    return context;
  }

  @Override
  public void malformed(long line, String reason) {
    // Counted and listed by the decoders' summary of the input.
  }

  @Override
  public MatchedBatch finish() {
    if (sigma != null) {
      // The next batch's evaluator takes over what this one remembered of the values it searched.
      sigma.release();
    }
    return new MatchedBatch(snapshot, input, findings, records, latestTime);
  }
}
