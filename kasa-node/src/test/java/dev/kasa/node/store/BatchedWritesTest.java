package dev.kasa.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.node.SettableClock;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.stix.StixReaderLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes that share a transaction: object adds grouped by {@link GroupCommit}, and the serve path's
 * audit entries queued by {@link AuditQueue}. Nothing is lost, doubled or misattributed.
 */
class BatchedWritesTest {
  private static final ObjectIntake INTAKE = new ObjectIntake(StixReaderLimits.DEFAULT);
  private static final Origin PARTNER = new Origin("bravo", Kind.PARTNER);

  @TempDir Path tmp;

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return TestDatabases.kinds();
  }

  private static List<IncomingObject> read(String envelope) {
    return INTAKE.read(envelope.getBytes(StandardCharsets.UTF_8), "test").accepted();
  }

  private static AuditEvent served(String principal, int n) {
    return AuditEvent.of("serve", principal, null, "{\"n\":" + n + "}");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void queuedAuditEntriesAreAllWrittenInOrderByCloseAndTheChainVerifies(String kind)
      throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    StoreLocation location = TestDatabases.location(kind, tmp);
    int threads = 6;
    int each = 150;
    try (Store store = Store.open(location, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      var done = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        String who = "p" + t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    store.audit().appendSoon(List.of(served(who, i)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    } // close() writes what is still queued
    try (Store again = Store.open(location, clock)) {
      assertThat(again.audit().lastSeq()).isEqualTo((long) threads * each);
      assertThat(again.audit().verify()).isEmpty();
      var seen = new ArrayList<AuditEntry>();
      again.audit().read(AuditLog.Filter.ALL, seen::add);
      for (int t = 0; t < threads; t++) {
        String who = "p" + t;
        List<String> mine =
            seen.stream()
                .filter(e -> who.equals(e.event().principal()))
                .map(e -> e.event().detail())
                .toList();
        var expected = new ArrayList<String>();
        for (int i = 0; i < each; i++) {
          expected.add("{\"n\":" + i + "}");
        }
        assertThat(mine).as("%s's entries, in the order queued", who).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aReadOfTheChainShowsEveryEntryQueuedBeforeIt(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = Store.open(TestDatabases.location(kind, tmp), clock)) {
      store.audit().append(List.of(AuditEvent.of("grant", "alpha", null, null)));
      store.audit().appendSoon(List.of(served("bravo", 1), served("bravo", 2)));
      var page =
          store.audit().page(new AuditLog.PageQuery(null, null, "bravo", null, Long.MAX_VALUE, 10));
      assertThat(page.entries())
          .extracting(e -> e.event().detail())
          .containsExactly("{\"n\":2}", "{\"n\":1}");
      assertThat(store.audit().lastSeq()).isEqualTo(3);
    }
  }

  // Grouping is SQLite's (GroupCommit says why).
  @org.junit.jupiter.api.Test
  void aGroupedTransactionThatFailsCommitsEachOtherWorkAloneAndFailsOnlyTheBadOne()
      throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = Store.open(TestDatabases.location("sqlite", tmp), clock)) {
      GroupCommit group = store.groupCommit();
      var started = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      var handles = Collections.synchronizedList(new ArrayList<String>());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      // "a" holds the transaction until b, c and d wait: they then go as one group.
      Future<String> a =
          pool.submit(
              () ->
                  group.write(
                      h -> {
                        started.countDown();
                        await(release);
                        return appended(store, h, "a");
                      },
                      1));
      started.await();
      List<Future<String>> rest = new ArrayList<>();
      for (String name : List.of("b", "c", "d")) {
        rest.add(
            pool.submit(
                () ->
                    group.write(
                        h -> {
                          handles.add(name + "@" + System.identityHashCode(h));
                          appended(store, h, name);
                          if (name.equals("c")) {
                            throw new KasaException(dev.kasa.ErrorCode.USAGE, "c is refused");
                          }
                          return name;
                        },
                        1)));
        while (group.waiting() < rest.size()) {
          Thread.onSpinWait(); // queued in this order
        }
      }
      release.countDown();
      assertThat(a.get()).isEqualTo("a");
      assertThat(rest.get(0).get()).isEqualTo("b");
      assertThatThrownBy(() -> rest.get(1).get()).hasCauseInstanceOf(KasaException.class);
      assertThat(rest.get(2).get()).isEqualTo("d");
      pool.shutdown();
      // b and c ran in one transaction first (c's failure undid it), then each of b, c, d alone.
      assertThat(handles.get(0).split("@")[1]).isEqualTo(handles.get(1).split("@")[1]);
      assertThat(handles).hasSize(2 + 3);
      var kinds = new ArrayList<String>();
      store.audit().read(AuditLog.Filter.ALL, e -> kinds.add(e.event().kind()));
      assertThat(kinds).containsExactly("a", "b", "d");
      assertThat(store.audit().verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void concurrentAddsEachGetTheirOwnOutcomesAndDateAddedStaysUnique(String kind) throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = Store.open(TestDatabases.location(kind, tmp), clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      int requests = 24;
      ExecutorService pool = Executors.newFixedThreadPool(6);
      var done = new ArrayList<Future<List<String>>>();
      var sent = new ArrayList<List<String>>();
      for (int r = 0; r < requests; r++) {
        List<IncomingObject> objects = read(StixFixtures.envelope(StixFixtures.indicators(50)));
        sent.add(objects.stream().map(IncomingObject::stixId).toList());
        String target = r == 7 ? "no-such-collection" : c.id();
        done.add(
            pool.submit(
                () ->
                    store.ingest().add(target, PARTNER, objects).stream()
                        .map(ObjectIngest.Outcome::stixId)
                        .toList()));
      }
      var expected = new HashSet<String>();
      for (int r = 0; r < requests; r++) {
        if (r == 7) {
          int failed = r;
          assertThatThrownBy(() -> done.get(failed).get())
              .hasCauseInstanceOf(KasaException.class)
              .hasMessageContaining("no collection");
          continue;
        }
        assertThat(done.get(r).get()).isEqualTo(sent.get(r));
        expected.addAll(sent.get(r));
      }
      pool.shutdown();
      var q =
          new EntryQuery(
              Long.MIN_VALUE, 10_000, List.of(), List.of(), VersionSelector.ALL, List.of());
      List<StoredEntry> held =
          store.reader().page(c.id(), q, false, e -> true).orElseThrow().entries();
      assertThat(held)
          .extracting(StoredEntry::stixId)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (int i = 1; i < held.size(); i++) {
        assertThat(held.get(i).dateAdded()).isGreaterThan(held.get(i - 1).dateAdded());
      }
    }
  }

  private static String appended(Store store, Handle h, String kind) {
    AuditLog.append(store, h, List.of(AuditEvent.of(kind, null, null, null)));
    return kind;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
