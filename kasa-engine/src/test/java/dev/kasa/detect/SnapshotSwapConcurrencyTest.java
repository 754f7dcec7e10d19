package dev.kasa.detect;

import static dev.kasa.detect.SweepFixture.dns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestWorkers;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.intel.Indicator;
import dev.kasa.observable.ObservableType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matching on several threads while snapshots are swapped hundreds of times: every record is
 * matched against exactly one snapshot (its indicator hit and its rule match both come from the
 * snapshot its batch pinned), and no finding is lost or doubled.
 *
 * <p>Every snapshot tells itself apart in what it finds: generation {@code g} holds one indicator
 * for {@code evil.example} whose id encodes {@code g}, and one rule, {@code rule-(g mod 3)}.
 */
class SnapshotSwapConcurrencyTest {
  private static final int SWAPS = 300;
  private static final int WORKERS = 4;
  private static final int RECORDS_PER_BODY = 25;
  private static final long T0 = 1_717_200_000L;

  @TempDir Path dir;

  private static final List<RuleCompilation> RULES = List.of(rules(0), rules(1), rules(2));

  private static RuleCompilation rules(int n) {
    return SweepFixture.rules(
        """
        title: evil lookups %d
        id: rule-%d
        logsource:
          product: zeek
          service: dns
        detection:
          sel:
            query|endswith: evil.example
          condition: sel
        """
            .formatted(n, n));
  }

  private static DetectionSnapshot snapshot(int g) {
    Indicator evil = TestIndicators.indicator(g, ObservableType.DOMAIN, "evil.example");
    return DetectionSnapshot.builder()
        .indicators(TestIndicators.index(evil))
        .rules(RULES.get(g % 3))
        .build(g);
  }

  /** Publishes generations 1..SWAPS, one after another, until done or told to stop. */
  private static CompletableFuture<Void> swapper(
      SnapshotHolder holder, List<DetectionSnapshot> prepared, AtomicBoolean started) {
    return CompletableFuture.runAsync(
        () -> {
          while (!started.get()) {
            Thread.onSpinWait();
          }
          for (int g = 1; g <= SWAPS; g++) {
            holder.publish(prepared.get(g));
            // Let some batches run between swaps (no timing is asserted).
            for (int spin = 0; spin < 20_000; spin++) {
              Thread.onSpinWait();
            }
          }
        },
        TestWorkers.POOL);
  }

  private static List<DetectionSnapshot> prepared() {
    List<DetectionSnapshot> snapshots = new ArrayList<>();
    for (int g = 0; g <= SWAPS; g++) {
      snapshots.add(snapshot(g));
    }
    return snapshots;
  }

  /**
   * Checks the findings of one delivered batch: each record has one hit and one match, both of the
   * batch's snapshot. Returns the records' keys ({@code input:line}).
   */
  private static final class Ledger {
    final Map<String, Integer> hits = new HashMap<>();
    final Map<String, Integer> matches = new HashMap<>();
    final Set<Long> generations = new HashSet<>();
    long batches;
    long mismatched;

    void batch(MatchedBatch batch, List<Finding> findings) {
      batches++;
      long g = batch.snapshot().generation();
      generations.add(g);
      for (Finding f : findings) {
        String key = f.event().source() + ":" + f.event().sequence();
        switch (f) {
          case Finding.IndicatorHit hit -> {
            hits.merge(key, 1, Integer::sum);
            if (!hit.indicator().id().equals(TestIndicators.id((int) g))) {
              mismatched++;
            }
          }
          case Finding.RuleMatch match -> {
            matches.merge(key, 1, Integer::sum);
            if (!match.match().rule().id().equals("rule-" + g % 3)) {
              mismatched++;
            }
          }
          case Finding.CorrelationHit c -> mismatched++;
        }
      }
    }
  }

  @Test
  void requestBodiesMatchedOnSeveralThreadsWhileSnapshotsAreSwapped() throws Exception {
    List<DetectionSnapshot> prepared = prepared();
    SnapshotHolder holder = new SnapshotHolder(prepared.get(0));
    List<Finding> delivering = new ArrayList<>();
    Sweep sweep = Sweep.over(holder, Sweep.Options.stream(() -> 0L), delivering::add);
    BlockingQueue<MatchedBatch> matched = new LinkedBlockingQueue<>();
    AtomicBoolean started = new AtomicBoolean();
    AtomicLong bodies = new AtomicLong();
    CompletableFuture<Void> swaps = swapper(holder, prepared, started);

    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(
          CompletableFuture.runAsync(
              () -> {
                started.set(true);
                // Keep matching until the last swap, and a little after.
                for (int after = 0; after < 5; after += swaps.isDone() ? 1 : 0) {
                  long b = bodies.incrementAndGet();
                  StringBuilder body = new StringBuilder();
                  for (int i = 0; i < RECORDS_PER_BODY; i++) {
                    body.append(dns(T0 + i, "C" + i, "10.0.0." + i, "x.evil.example"));
                  }
                  matched.add(SweepFixture.zeekDns(sweep, "body-" + b, body.toString()));
                }
              },
              TestWorkers.POOL));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new));

    // Deliver on this thread while the workers match and the swapper publishes.
    Ledger ledger = new Ledger();
    while (!all.isDone() || !matched.isEmpty()) {
      MatchedBatch batch = matched.poll(10, TimeUnit.MILLISECONDS);
      if (batch != null) {
        delivering.clear();
        sweep.deliver(batch);
        ledger.batch(batch, delivering);
      }
    }
    all.get();
    swaps.get();

    long records = bodies.get() * RECORDS_PER_BODY;
    assertThat(holder.current().generation()).isEqualTo(SWAPS);
    assertThat(ledger.batches).isEqualTo(bodies.get());
    assertThat(sweep.records()).isEqualTo(records);
    assertThat(ledger.mismatched).as("findings of another snapshot than the batch's").isZero();
    assertThat(ledger.hits).hasSize((int) records).allSatisfy((k, n) -> assertThat(n).isOne());
    assertThat(ledger.matches).hasSize((int) records).allSatisfy((k, n) -> assertThat(n).isOne());
    assertThat(sweep.reported()).isEqualTo(2 * records);
    assertThat(ledger.generations)
        .as("batches were matched against many snapshots, the last one included")
        .hasSizeGreaterThan(1)
        .contains((long) SWAPS);
  }

  @Test
  void fileChunksMatchedOnSeveralThreadsWhileSnapshotsAreSwapped() throws IOException {
    int lines = 4_000;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append(dns(T0 + i, "C" + i, "10.0.0." + (i % 250), "x.evil.example"));
    }
    Path file = dir.resolve("dns.log");
    Files.writeString(file, text);

    List<DetectionSnapshot> prepared = prepared();
    SnapshotHolder holder = new SnapshotHolder(prepared.get(0));
    AtomicBoolean started = new AtomicBoolean(true);
    CompletableFuture<Void> swaps = swapper(holder, prepared, started);
    ScanOptions options = ScanOptions.defaults().withThreads(WORKERS).withChunkBytes(2_048);
    EventScanner scanner = new EventScanner(options, TestWorkers.POOL);

    Ledger ledger = new Ledger();
    long scans = 0;
    do {
      List<Finding> delivering = new ArrayList<>();
      Sweep sweep = Sweep.over(holder, Sweep.Options.files(0), delivering::add);
      Ledger one = new Ledger();
      scanner.scan(
          List.of(file.toString()),
          sweep.chunks(),
          new ScanListener<MatchedBatch>() {
            @Override
            public void chunkDone(EventInput input, MatchedBatch batch) {
              delivering.clear();
              sweep.deliver(batch);
              one.batch(batch, delivering);
            }

            @Override
            public void inputDone(EventInput input, InputSummary summary) {}

            @Override
            public void unreadable(String input, String reason) {
              throw new AssertionError(reason);
            }
          });
      sweep.finish();
      scans++;
      assertThat(one.mismatched).isZero();
      assertThat(one.hits).hasSize(lines).allSatisfy((k, n) -> assertThat(n).isOne());
      assertThat(one.matches).hasSize(lines).allSatisfy((k, n) -> assertThat(n).isOne());
      assertThat(sweep.records()).isEqualTo(lines);
      ledger.generations.addAll(one.generations);
    } while (!swaps.isDone());
    swaps.join();
    assertThat(scans).isPositive();
    assertThat(ledger.generations).as("chunks pinned several snapshots").hasSizeGreaterThan(1);
    assertThat(holder.current().generation()).isEqualTo(SWAPS);
  }
}
