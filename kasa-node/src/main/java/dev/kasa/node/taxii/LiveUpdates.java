package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.sharing.VersionFacts;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoreChange;
import dev.kasa.node.store.Versions;
import dev.kasa.stix.StixTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Kasa's live-update path, {@code GET /kasa/v1/changes?collection=UUID&after=DATE_ADDED}: answers
 * 200 {@code {"date_added_last":T,"count":N}} as soon as objects this caller may receive (through
 * the sharing seam, newest versions as TAXII serves them by default) were added after DATE_ADDED,
 * else 204 once {@link #WAIT} has passed. Woken by the store's changes; objects added by another
 * process are found by looking again every {@link #RECHECK}.
 */
final class LiveUpdates implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration RECHECK = Duration.ofMillis(250);

  /** The most entries counted for one answer. */
  static final long MAX_COUNT = 1_000_000;

  private final Store store;
  private final SharingPolicy sharing;
  private final Duration wait;
  private final Object added = new Object();
  private final AutoCloseable subscription;
  private volatile boolean closing;

  /** What the caller may receive after its date: the count and the last date added. */
  record Newer(long count, long lastDateAdded) {}

  LiveUpdates(Store store, SharingPolicy sharing, Duration wait) {
    this.store = store;
    this.sharing = sharing;
    this.wait = wait;
    this.subscription = store.subscribe(this::changed);
  }

  static long after(Map<String, List<String>> params) {
    List<String> after = params.getOrDefault("after", List.of());
    if (after.size() > 1) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "after is given more than once");
    }
    if (after.isEmpty()) {
      return Long.MIN_VALUE;
    }
    Instant t = StixTimestamp.parseInstant(after.get(0));
    if (t == null) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST,
          "after must be a timestamp such as 2024-01-02T03:04:05.678901Z but is '"
              + TaxiiMedia.clip(after.get(0))
              + "'");
    }
    return Versions.micros(t);
  }

  /** Waits for something newer than {@code after}; null when nothing came in time. */
  Newer await(Recipient r, String collectionId, long after) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Newer n = newer(r, collectionId, after);
      if (n.count() > 0) {
        return n;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closing) {
        return null;
      }
      synchronized (added) {
        try {
          added.wait(Math.max(1, Math.min(left / 1_000_000, RECHECK.toMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private Newer newer(Recipient r, String collectionId, long after) {
    long count = 0;
    long last = after;
    long cursor = after;
    while (count < MAX_COUNT) {
      var q = new EntryQuery(cursor, 1000, List.of(), List.of(), VersionSelector.LAST, List.of());
      EntryPage page =
          store
              .reader()
              .page(
                  collectionId,
                  q,
                  false,
                  e -> sharing.mayReceive(r, collectionId, VersionFacts.of(e)).allowed())
              .orElseThrow(() -> new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no such collection"));
      if (page.entries().isEmpty()) {
        break;
      }
      count += page.entries().size();
      last = page.entries().get(page.entries().size() - 1).dateAdded();
      cursor = last;
      if (!page.more()) {
        break;
      }
    }
    return new Newer(count, last);
  }

  private void changed(StoreChange change) {
    if (change instanceof StoreChange.ObjectsAdded) {
      synchronized (added) {
        added.notifyAll();
      }
    }
  }

  /** Answers every waiting caller (204) so that the server can stop. */
  @Override
  public void close() {
    closing = true;
    synchronized (added) {
      added.notifyAll();
    }
    try {
      subscription.close();
    } catch (Exception e) {
      // Only removes a listener.
    }
  }
}
