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
 */
public record LinkTiming(
    Duration poll,
    Duration backoff,
    Duration maxBackoff,
    int pageLimit,
    int pushBatch,
    TaxiiClient.Options client) {
  /** For {@code kasa serve}. */
  public static final LinkTiming DEFAULT =
      new LinkTiming(
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          1000,
          500,
          TaxiiClient.Options.DEFAULT);

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
