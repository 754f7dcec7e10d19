package dev.kasa.node.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How links wait and how much they move at once.
 *
 * @param poll between rounds when there is no live-update path (pull from other servers) and as the
 *     longest a push link sleeps without a store event
 * @param backoff the mean wait after a first failure; doubled per failure in a row (with jitter)
 * @param maxBackoff the longest wait after failures
 * @param pageLimit objects asked for per page when pulling
 * @param pushBatch entries per POST when pushing
 * @param client the HTTP client's timeouts, body bound and retries
 * @param liveUpdates whether pull links wait on a Kasa partner's live-update path; without it they
 *     poll every {@code poll}, as against other servers (the federation benchmark's baseline)
 */
public record LinkTiming(
    Duration poll,
    Duration backoff,
    Duration maxBackoff,
    int pageLimit,
    int pushBatch,
    TaxiiClient.Options client,
    boolean liveUpdates) {
  /** For {@code kasa serve}. */
  public static final LinkTiming DEFAULT =
      new LinkTiming(
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          1000,
          500,
          TaxiiClient.Options.DEFAULT,
          true);

  /** With the live-update path. */
  public LinkTiming(
      Duration poll,
      Duration backoff,
      Duration maxBackoff,
      int pageLimit,
      int pushBatch,
      TaxiiClient.Options client) {
    this(poll, backoff, maxBackoff, pageLimit, pushBatch, client, true);
  }

  /** The same timing with pull links polling every {@code poll} only. */
  public LinkTiming pollingOnly() {
    return new LinkTiming(poll, backoff, maxBackoff, pageLimit, pushBatch, client, false);
  }

  public LinkTiming {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(client, "client");
    if (pageLimit < 1 || pushBatch < 1 || backoff.toMillis() < 2) {
      throw new IllegalArgumentException(
          "pageLimit and pushBatch >= 1, backoff >= 2 ms: " + pageLimit + ", " + pushBatch);
    }
  }
}
