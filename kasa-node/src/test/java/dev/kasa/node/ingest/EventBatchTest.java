package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batches grow past their base size only with a grant of the shared budget, and give it back. */
class EventBatchTest {
  private static final EventSource SOURCE = EventSource.detected("syslog:t");

  private static EventBatch batch(BatchBudget budget) {
    return new EventBatch(
        "t", SOURCE, SOURCE, new SourceCounters("t", "test", "test", Clock.systemUTC()), budget);
  }

  private static byte[] event(int size, int n) {
    byte[] e =
        ("{\"n\":" + n + ",\"p\":\"" + "x".repeat(size) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    return e;
  }

  /** Every chunk delivered, its bytes copied. */
  private static final class Chunks implements TelemetrySink {
    final List<byte[]> bytes = new ArrayList<>();
    final List<Integer> counts = new ArrayList<>();

    @Override
    public void accept(TelemetryChunk chunk) {
      bytes.add(chunk.bytes());
      counts.add(chunk.count());
    }
  }

  @Test
  void aGrantLetsOneBatchGrowAndTheOtherStaysAtItsBaseSize() throws Exception {
    var budget = new BatchBudget(EventBatch.GRANT_BYTES);
    var big = batch(budget);
    var small = batch(budget);
    var sink = new Chunks();
    byte[] e = event(1000, 0);
    while (!big.full()) {
      big.add(e);
    }
    assertThat(big.granted()).isTrue();
    assertThat(budget.left()).isZero();
    while (!small.full()) {
      small.add(e);
    }
    assertThat(small.granted()).isFalse();
    small.deliver(sink);
    big.deliver(sink);
    assertThat(sink.bytes.get(0).length)
        .isBetween(EventBatch.BASE_BYTES, EventBatch.BASE_BYTES + e.length);
    assertThat(sink.bytes.get(1).length)
        .isBetween(EventBatch.LARGE_BYTES, EventBatch.LARGE_BYTES + e.length);

    big.settle();
    assertThat(big.granted()).isFalse();
    assertThat(budget.left()).isEqualTo(EventBatch.GRANT_BYTES);
    big.settle(); // twice gives back nothing more
    assertThat(budget.left()).isEqualTo(EventBatch.GRANT_BYTES);
  }

  @Test
  void withoutABudgetABatchIsFullAtItsBaseSizeOrEventCount() {
    var b = batch(null);
    byte[] tiny = event(0, 1);
    for (int i = 0; i < EventBatch.BASE_EVENTS - 1; i++) {
      b.add(tiny);
      assertThat(b.full()).isFalse();
    }
    b.add(tiny);
    assertThat(b.full()).isTrue();
  }

  @Test
  void everyEventIsDeliveredOnceAndInOrderAcrossGrantsAndSettles() throws Exception {
    var random = new Random(13);
    for (int round = 0; round < 20; round++) {
      int granted = random.nextBoolean() ? EventBatch.GRANT_BYTES : 0;
      var budget = new BatchBudget(granted);
      var b = batch(budget);
      var sink = new Chunks();
      var sent = new ByteArrayOutputStream();
      int events = 0;
      for (int n = 0; n < 30_000; n++) {
        byte[] e = event(random.nextInt(600), n);
        b.add(e);
        sent.write(e);
        events++;
        if (b.full()) {
          b.deliver(sink);
        } else if (random.nextInt(5000) == 0) {
          b.deliver(sink); // the receiver went quiet
          b.settle();
        }
      }
      b.deliver(sink);
      b.settle();
      var got = new ByteArrayOutputStream();
      for (byte[] c : sink.bytes) {
        got.write(c);
      }
      assertThat(got.toByteArray()).isEqualTo(sent.toByteArray());
      assertThat(sink.counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(events);
      assertThat(sink.counts).allMatch(c -> c <= EventBatch.LARGE_EVENTS);
      assertThat(budget.left()).isEqualTo(granted);
    }
  }
}
