package dev.kasa.bench;

import dev.kasa.event.EventInput;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;

/**
 * Sums the per-chunk counts of a benchmark scan (so the JIT cannot drop the work) and fails on an
 * unreadable input, which would make the figures meaningless. Used on the scan's calling thread.
 */
final class SummingListener implements ScanListener<Long> {
  private long sum;

  @Override
  public void chunkDone(EventInput input, Long result) {
    sum += result;
  }

  @Override
  public void inputDone(EventInput input, InputSummary summary) {}

  @Override
  public void unreadable(String input, String reason) {
    throw new IllegalStateException(input + " unreadable: " + reason);
  }

  long sum() {
    return sum;
  }
}
