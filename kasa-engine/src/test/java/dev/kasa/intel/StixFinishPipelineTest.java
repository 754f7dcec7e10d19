package dev.kasa.intel;

import static dev.kasa.intel.StixBundleImporterTest.IS;
import static dev.kasa.intel.StixBundleImporterTest.indicator;
import static dev.kasa.intel.StixBundleImporterTest.rel;
import static dev.kasa.intel.StixBundleImporterTest.sdo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.Problem;
import dev.kasa.TestWorkers;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Making the versions of a load beside the thread that delivers them delivers what the sequential
 * finish delivers, in the same order, whether or not the worker ever runs.
 */
class StixFinishPipelineTest {
  private static final int OBJECTS = 5 * StixFinishPipeline.CHUNK + 17;

  // The pipeline over chunks that list their objects' results, flattened in delivery order.
  private static List<Object> run(Executor workers, java.util.function.IntFunction<Object> make) {
    List<Object> delivered = new ArrayList<>();
    new StixFinishPipeline<List<Object>>(
            OBJECTS, (first, size) -> IntStream.range(first, first + size).mapToObj(make).toList())
        .run(workers, delivered::addAll);
    return delivered;
  }

  private static List<Object> expected() {
    return IntStream.range(0, OBJECTS).mapToObj(i -> (Object) ("v" + i)).toList();
  }

  @Test
  void everyObjectIsDeliveredOnceInOrder() {
    assertThat(run(TestWorkers.POOL, i -> "v" + i)).isEqualTo(expected());
  }

  @Test
  void aWorkerThatNeverRunsLeavesTheWholeJobToTheCaller() {
    assertThat(run(task -> {}, i -> "v" + i)).isEqualTo(expected());
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("full");
        };
    assertThat(run(rejecting, i -> "v" + i)).isEqualTo(expected());
  }

  @Test
  void aFailureWhileMakingStopsTheFinishInsteadOfHangingIt() {
    assertThatThrownBy(
            () ->
                run(
                    TestWorkers.POOL,
                    i -> {
                      if (i == 3 * StixFinishPipeline.CHUNK + 5) {
                        throw new IllegalStateException("bug");
                      }
                      return "v" + i;
                    }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWorkerThatRanAheadAndSleptIsWokenAndEnds() throws InterruptedException {
    // The caller holds the first chunk until the worker has made as many as it may ahead, so that
    // the worker has to sleep; if nothing woke it, its task would never end (the caller makes the
    // rest itself and would not notice).
    var made = new AtomicInteger();
    var ended = new CountDownLatch(1);
    // A thread of its own: a pooled one may hold a permit left by an earlier task, which would
    // wake it anyway.
    Executor workers =
        task -> {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      task.run();
                    } finally {
                      ended.countDown();
                    }
                  },
                  "kasa-test-finish");
          t.setDaemon(true);
          t.start();
        };
    int objects = (StixFinishPipeline.AHEAD + 4) * StixFinishPipeline.CHUNK + 17;
    List<Object> delivered = new ArrayList<>();
    new StixFinishPipeline<List<Object>>(
            objects,
            (first, size) -> {
              made.incrementAndGet();
              return IntStream.range(first, first + size)
                  .mapToObj(i -> (Object) ("v" + i))
                  .toList();
            })
        .run(
            workers,
            chunk -> {
              if (delivered.isEmpty()) {
                while (made.get() < 1 + StixFinishPipeline.AHEAD) {
                  Thread.onSpinWait();
                }
              }
              delivered.addAll(chunk);
            });
    assertThat(delivered)
        .isEqualTo(IntStream.range(0, objects).mapToObj(i -> (Object) ("v" + i)).toList());
    assertThat(ended.await(60, TimeUnit.SECONDS)).as("the worker's task ended").isTrue();
  }

  /** Every version and problem, in delivery order. */
  static final class Versions implements IntelSink {
    final List<Object> delivered = new ArrayList<>();

    @Override
    public void version(IntelVersion version) {
      delivered.add(version);
    }

    @Override
    public void indicator(Indicator indicator) {
      delivered.add(indicator);
    }

    @Override
    public void problem(Problem problem) {
      delivered.add(problem);
    }
  }

  // Enough indicators for several chunks: attributed, in a report, revoked, without observables,
  // several observables, marked; a revocation and a newer version of earlier ones.
  static String bundle(int n) {
    List<String> objects = new ArrayList<>();
    objects.add(sdo(IS, ",`name`:`Group`"));
    List<String> inReport = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("indicator--b932fcc6-e032-476c-826f-%012x", i);
      objects.add(
          switch (i % 5) {
            case 0 -> indicator(id, "[ipv4-addr:value = '10.0." + (i % 250) + ".1']", "");
            case 1 -> indicator(id, "[domain-name:value = 'Ex" + i + ".example.ORG']", "");
            case 2 -> indicator(id, "[file:size > 5]", "");
            case 3 -> indicator(id, "[ipv4-addr:value = '10.2.0.1']", ",`revoked`:true");
            default ->
                indicator(
                    id,
                    "[url:value = 'http://a.example/" + i + "'] OR [ipv4-addr:value = '10.1.1.1']",
                    ",`object_marking_refs`:[`marking-definition--"
                        + "f88d31f6-486f-44da-b317-01333bde0b82`]");
          });
      if (i % 10 == 0) {
        objects.add(rel(i % 100, "indicates", id, IS, ""));
      }
      if (i % 7 == 0) {
        inReport.add("`" + id + "`");
      }
    }
    objects.add(
        sdo(
            "report--0f6e6b3c-5a43-4b43-9c55-4b6a6f8c2d1e",
            ",`name`:`Campaign report`,`published`:`2024-01-01T00:00:00Z`,`object_refs`:["
                + String.join(",", inReport)
                + "]"));
    return ("{\"type\":\"bundle\",\"objects\":[\n" + String.join(",\n", objects) + "\n]}")
        .replace('`', '"');
  }

  @Test
  void anImportFinishedBesideTheCallerDeliversWhatTheSequentialOneDelivers() {
    byte[] json = bundle(3 * StixFinishPipeline.CHUNK).getBytes(StandardCharsets.UTF_8);
    var sequential = new Versions();
    new StixBundleImporter().read(new ByteArrayInputStream(json), "b.json", sequential);
    assertThat(sequential.delivered).hasSizeGreaterThan(3 * StixFinishPipeline.CHUNK);
    assertThat(sequential.delivered)
        .filteredOn(v -> v instanceof IntelVersion iv && !iv.observables().isEmpty())
        .extracting(v -> ((IntelVersion) v).observables().getFirst())
        .anyMatch(i -> !i.attribution().equals(Attribution.NONE))
        .anyMatch(i -> !i.provenance().reports().isEmpty())
        .anyMatch(Indicator::revoked);
    for (int threads : new int[] {1, 2}) {
      var parallel = new Versions();
      new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
          .read(new ByteArrayInputStream(json), "b.json", parallel);
      assertThat(parallel.delivered).isEqualTo(sequential.delivered);
    }
  }
}
