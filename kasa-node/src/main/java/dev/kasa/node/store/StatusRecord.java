package dev.kasa.node.store;

import java.util.Objects;

/**
 * A TAXII status resource as kept.
 *
 * @param id the status id (a version-4 UUID)
 * @param collectionId the collection written to
 * @param principal who made the request (only they, and admins, may read it)
 * @param status {@code complete} or {@code pending}
 * @param requestTimestamp microseconds since the epoch
 * @param details the JSON of {@code successes}, {@code failures} and {@code pendings}
 */
public record StatusRecord(
    String id,
    String collectionId,
    String principal,
    String status,
    long requestTimestamp,
    int totalCount,
    int successCount,
    int failureCount,
    int pendingCount,
    String details) {
  public StatusRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(details, "details");
  }
}
