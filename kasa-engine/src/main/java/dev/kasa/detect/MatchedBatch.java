package dev.kasa.detect;

import dev.kasa.event.EventInput;
import java.util.List;
import java.util.Objects;

/**
 * What one batch of records gave, ready to be delivered in input order by {@link Sweep#deliver}.
 * Immutable.
 *
 * @param snapshot the snapshot every record of the batch was matched against
 * @param input the input the records came from
 * @param findings indicator hits and rule matches in record order (no correlation yet: those fire
 *     on delivery)
 * @param records records matched
 * @param latestTimeMillis the latest event time among the records, or {@code EventRef.NO_TIME}
 */
public record MatchedBatch(
    DetectionSnapshot snapshot,
    EventInput input,
    List<Finding> findings,
    long records,
    long latestTimeMillis) {
  public MatchedBatch {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(input, "input");
    findings = List.copyOf(findings);
  }
}
