package dev.kasa.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.node.SettableClock;
import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestDatabases;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.stix.StixReaderLimits;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's contract, on SQLite and (when configured) PostgreSQL alike. */
class StoreTest {
  private static final ObjectIntake INTAKE = new ObjectIntake(StixReaderLimits.DEFAULT);
  private static final Origin PARTNER = new Origin("bravo", Kind.PARTNER);

  @TempDir Path tmp;

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return TestDatabases.kinds();
  }

  private Store open(String kind, SettableClock clock) {
    return Store.open(TestDatabases.location(kind, tmp), clock);
  }

  private static List<IncomingObject> read(String envelope) {
    return INTAKE.read(envelope.getBytes(StandardCharsets.UTF_8), "test").accepted();
  }

  private static EntryQuery all(int limit) {
    return new EntryQuery(
        Long.MIN_VALUE, limit, List.of(), List.of(), VersionSelector.ALL, List.of());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void objectsComeBackByteExactWithWhitespaceAndKeyOrderKept(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      String id = StixFixtures.newId();
      String odd =
          "{ \"valid_from\" : \"2024-01-01T00:00:00Z\",\n  \"type\":\"indicator\", \"id\":\""
              + id
              + "\",\"spec_version\":\"2.1\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern\":\"[url:value"
              + " = 'é\\u00e9']\",\"pattern_type\":\"stix\",\"x_custom\":{\"b\":1,\"a\":[1.50,2e3]}"
              + " }";
      CollectionRecord c = store.collections().add("c", "C", null);
      store.ingest().add(c.id(), PARTNER, read("{\"objects\":[" + odd + "]}"));
      EntryPage page = store.reader().page(c.id(), all(10), true, e -> true).orElseThrow();
      assertThat(new String(page.entries().get(0).body(), StandardCharsets.UTF_8)).isEqualTo(odd);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void concurrentRequestsWithTheSameObjectsStoreAndHoldEachVersionOnce(String kind)
      throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord one = store.collections().add("one", "One", null);
      CollectionRecord two = store.collections().add("two", "Two", null);
      List<IncomingObject> objects = read(StixFixtures.envelope(StixFixtures.indicators(200)));
      var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      var added = new java.util.concurrent.ConcurrentLinkedQueue<String>();
      var done = new ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < 6; t++) {
        List<IncomingObject> mine = new ArrayList<>(objects);
        java.util.Collections.shuffle(mine, new java.util.Random(t)); // orders differ
        String col = (t % 2 == 0 ? one : two).id();
        done.add(
            pool.submit(
                () ->
                    store.ingest().add(col, PARTNER, mine).stream()
                        .filter(ObjectIngest.Outcome::added)
                        .forEach(o -> added.add(col + " " + o.stixId()))));
      }
      for (var f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(added).hasSize(400).doesNotHaveDuplicates();
      for (CollectionRecord c : List.of(one, two)) {
        var entries = store.reader().page(c.id(), all(1000), false, e -> true).orElseThrow();
        assertThat(entries.entries()).hasSize(200);
        assertThat(entries.entries().stream().map(StoredEntry::stixId).distinct()).hasSize(200);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void dateAddedIsUniqueAndIncreasingWhenTheClockRepeatsOrGoesBack(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(StixFixtures.indicators(5))));
      clock.set(Instant.parse("2025-06-01T00:00:00Z")); // backwards
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(StixFixtures.indicators(5))));
      clock.set(Instant.parse("2027-01-01T00:00:00Z"));
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(StixFixtures.indicators(2))));
      List<Long> added =
          store.reader().page(c.id(), all(100), false, e -> true).orElseThrow().entries().stream()
              .map(StoredEntry::dateAdded)
              .toList();
      assertThat(added).hasSize(12).doesNotHaveDuplicates().isSorted();
      long start = Versions.micros(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(added.subList(0, 10))
          .containsExactly(
              start, start + 1, start + 2, start + 3, start + 4, start + 5, start + 6, start + 7,
              start + 8, start + 9);
      assertThat(added.get(10)).isEqualTo(Versions.micros(Instant.parse("2027-01-01T00:00:00Z")));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void everyVersionIsKeptAndTheFlagsFollowTheNewestAndOldest(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      String id = StixFixtures.newId();
      String v2 = StixFixtures.indicator(id, "2024-02-01T00:00:00.000Z", Tlp.NONE);
      String v1 = StixFixtures.indicator(id, "2024-01-15T00:00:00.000Z", Tlp.NONE);
      String v3 = StixFixtures.indicator(id, "2024-03-01T00:00:00.000Z", Tlp.GREEN);
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(v2)));
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(v1, v3)));
      var reader = store.reader();
      assertThat(versions(reader, c, VersionSelector.ALL))
          .containsExactly(
              "2024-02-01T00:00:00.000Z", "2024-01-15T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
      assertThat(versions(reader, c, VersionSelector.LAST))
          .containsExactly("2024-03-01T00:00:00.000Z");
      assertThat(versions(reader, c, new VersionSelector(false, true, false, List.of())))
          .containsExactly("2024-01-15T00:00:00.000Z");
      assertThat(
              versions(
                  reader,
                  c,
                  new VersionSelector(
                      false,
                      false,
                      false,
                      List.of(Versions.key(Instant.parse("2024-02-01T00:00:00Z"))))))
          .containsExactly("2024-02-01T00:00:00.000Z");
      // Deleting the newest makes the next one newest.
      reader.delete(c.id(), id, new VersionSelector(true, false, false, List.of()), List.of());
      assertThat(versions(reader, c, VersionSelector.LAST))
          .containsExactly("2024-02-01T00:00:00.000Z");
      assertThat(versions(reader, c, new VersionSelector(false, true, false, List.of())))
          .containsExactly("2024-01-15T00:00:00.000Z");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aVersionAlreadyHeldKeepsItsFirstBytesAndPlaceAndGainsTheOrigin(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      String id = StixFixtures.newId();
      String first = StixFixtures.indicator(id);
      String again = first.replace("\"name\":\"test\"", "\"name\":\"changed\"");
      var o1 = store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(first)));
      clock.advanceMillis(5);
      var o2 =
          store
              .ingest()
              .add(c.id(), new Origin("local", Kind.USER), read(StixFixtures.envelope(again)));
      assertThat(o1.get(0).added()).isTrue();
      assertThat(o2.get(0).added()).isFalse();
      var page = store.reader().page(c.id(), all(10), true, e -> true).orElseThrow();
      assertThat(page.entries()).hasSize(1);
      assertThat(new String(page.entries().get(0).body(), StandardCharsets.UTF_8)).isEqualTo(first);
      assertThat(origins(store, id)).containsExactlyInAnyOrder("bravo/partner", "local/user");
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pagingByDateAddedNeverLosesOrRepeatsAndSkipsWhatMayNotGo(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      var objects = new ArrayList<String>();
      for (int i = 0; i < 25; i++) {
        objects.add(
            StixFixtures.indicator(
                StixFixtures.newId(),
                "2024-01-01T00:00:00.000Z",
                i % 3 == 0 ? Tlp.RED : Tlp.GREEN));
      }
      store.ingest().add(c.id(), PARTNER, read(StixFixtures.envelope(objects)));
      var seen = new ArrayList<String>();
      long after = Long.MIN_VALUE;
      boolean more = true;
      while (more) {
        var q = new EntryQuery(after, 4, List.of(), List.of(), VersionSelector.LAST, List.of());
        EntryPage p = store.reader().page(c.id(), q, false, e -> e.tlp() != Tlp.RED).orElseThrow();
        p.entries().forEach(e -> seen.add(e.stixId()));
        more = p.more();
        if (!p.entries().isEmpty()) {
          after = p.entries().get(p.entries().size() - 1).dateAdded();
        }
      }
      assertThat(seen).hasSize(16).doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void principalsGrantsAndTheChangeCounter(String kind) {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      long before = store.changeCounter();
      store.accounts().addPrincipal(new PrincipalRecord("bravo", Kind.PARTNER, null), List.of());
      CollectionRecord c = store.collections().add("c", "C", "d");
      store.accounts().setGrant("bravo", "c", true, null);
      store.accounts().setGrant("bravo", c.id(), null, true);
      store.accounts().setGrant("bravo", "c", false, null);
      AccessState s = store.accounts().state();
      assertThat(s.changeCounter()).isEqualTo(before + 5);
      assertThat(s.grants())
          .containsExactly(new AccessState.GrantRecord("bravo", c.id(), false, true));
      assertThatThrownBy(
              () ->
                  store
                      .accounts()
                      .addPrincipal(new PrincipalRecord("bravo", Kind.USER, Role.ADMIN), List.of()))
          .isInstanceOf(KasaException.class)
          .hasMessageContaining("already taken by a partner");
      assertThatThrownBy(() -> store.collections().add("c", "again", null))
          .hasMessageContaining("already exists");
      assertThat(store.collections().resolve(c.id())).isEqualTo(c);
      assertThat(store.collections().resolve("c")).isEqualTo(c);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aCommittedAddIsPublishedToSubscribers(String kind) throws Exception {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Store store = open(kind, clock)) {
      CollectionRecord c = store.collections().add("c", "C", null);
      var changes = new ArrayList<StoreChange>();
      try (AutoCloseable sub = store.subscribe(changes::add)) {
        String id = StixFixtures.newId();
        store
            .ingest()
            .add(c.id(), PARTNER, read(StixFixtures.envelope(StixFixtures.indicator(id))));
        store
            .ingest()
            .add(c.id(), PARTNER, read(StixFixtures.envelope(StixFixtures.indicator(id))));
        store.reader().delete(c.id(), id, VersionSelector.ALL, List.of());
      }
      assertThat(changes).hasSize(2);
      assertThat(changes.get(0)).isInstanceOf(StoreChange.ObjectsAdded.class);
      assertThat(((StoreChange.ObjectsAdded) changes.get(0)).versions()).hasSize(1);
      assertThat(changes.get(1)).isInstanceOf(StoreChange.ObjectsRemoved.class);
    }
  }

  private static List<String> versions(ObjectReader reader, CollectionRecord c, VersionSelector s) {
    var q = new EntryQuery(Long.MIN_VALUE, 100, List.of(), List.of(), s, List.of());
    return reader.page(c.id(), q, false, e -> true).orElseThrow().entries().stream()
        .map(StoredEntry::version)
        .toList();
  }

  private static List<String> origins(Store store, String id) {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT o.principal, o.kind FROM version_origin o JOIN object_version v ON"
                        + " v.ver = o.ver WHERE v.stix_id = ?")
                .bind(0, id)
                .map((rs, ctx) -> rs.getString(1) + "/" + rs.getString(2))
                .list());
  }
}
