package dev.kasa.node.detect;

import static dev.kasa.node.detect.DetectorFixtures.envelope;
import static dev.kasa.node.detect.DetectorFixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.detect.IndicatorMatcher;
import dev.kasa.node.SettableClock;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.Store;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Store changes that arrive while the detector's writer is busy are applied together, in the order
 * they were committed, and published as one snapshot.
 */
class LiveDetectorBurstTest {
  private static final ObjectIntake INTAKE = new ObjectIntake(StixReaderLimits.DEFAULT);
  private static final Origin ALICE = new Origin("alice", Kind.USER);
  private static final long WHEN = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  private static void add(Store store, String collection, ObjectNode... objects) {
    byte[] body = envelope(objects).getBytes(StandardCharsets.UTF_8);
    store.ingest().add(collection, ALICE, INTAKE.read(body, "test").accepted());
  }

  /** The ids of the indicators {@code address} matches. */
  private static List<String> hits(IndicatorMatcher m, String address) {
    List<String> ids = new ArrayList<>();
    m.match(ObservableType.IPV4, address, WHEN, e -> ids.add(m.indicator(e).id()));
    return ids;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aBurstOfChangesIsAppliedInCommitOrderAsOneSnapshot(String kind) throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var log = new ByteArrayOutputStream();
    try (Store store = Store.open(TestDatabases.location(kind, tmp), clock);
        LiveDetector detector =
            LiveDetector.start(store, clock, List.of(), new PrintStream(log, true))) {
      String c = store.collections().add("intel", "Intel", null).id();
      String a = StixFixtures.newId();
      String b = StixFixtures.newId();
      String d = StixFixtures.newId();
      add(store, c, ip(d, "2024-01-01T00:00:00.000Z", "198.51.100.9"));
      detector.onWriter(() -> {}).get();
      long before = detector.status().generation();

      var release = new CountDownLatch(1);
      var held =
          detector.onWriter(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      add(store, c, ip(a, "2024-03-01T00:00:00.000Z", "198.51.100.1"));
      add(store, c, ip(b, "2024-01-01T00:00:00.000Z", "198.51.100.2"));
      store.reader().delete(c, a, VersionSelector.ALL, List.of());
      // Deleted, then given again in an older version: that version stands.
      add(store, c, ip(a, "2024-02-01T00:00:00.000Z", "198.51.100.3"));
      var revoked = ip(b, "2024-02-01T00:00:00.000Z", "198.51.100.2");
      revoked.put("revoked", true);
      add(store, c, revoked);
      add(store, c, ip(StixFixtures.newId(), "2024-01-01T00:00:00.000Z", "198.51.100.4"));
      release.countDown();
      held.get();
      detector.onWriter(() -> {}).get();

      assertThat(detector.status().generation())
          .as("one snapshot for the burst")
          .isEqualTo(before + 1);
      IndicatorMatcher m = detector.holder().current().indicators();
      assertThat(hits(m, "198.51.100.1")).as("a's deleted version").isEmpty();
      assertThat(hits(m, "198.51.100.3")).as("a given again").containsExactly(a);
      assertThat(hits(m, "198.51.100.2")).as("b revoked").isEmpty();
      assertThat(hits(m, "198.51.100.4")).hasSize(1);
      assertThat(hits(m, "198.51.100.9")).as("before the burst").containsExactly(d);
      assertThat(detector.status().indicators()).isEqualTo(3);
      assertThat(detector.status().failures()).as(log.toString()).isZero();
    }
  }
}
