package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One matchable observable of a shared indicator. A STIX indicator whose pattern names several
 * observables ({@code [a] OR [b]}) yields one {@code Indicator} per observable, all with the same
 * id.
 *
 * @param id the STIX id {@code indicator--<uuid>}
 * @param type the observable type
 * @param value the value in the canonical form of {@link Observables#normalize} (checked)
 * @param validFrom the first instant the indicator applies to
 * @param validUntil the first instant it no longer applies to, or null for open-ended
 * @param revoked a revoked indicator never matches
 * @param confidence 0 to 100, or -1 when unknown
 * @param tlp the TLP marking, {@link Tlp#NONE} when unmarked
 * @param attribution actors, campaigns, malware and techniques, never null
 */
public record Indicator(
    String id,
    ObservableType type,
    String value,
    Instant validFrom,
    Instant validUntil,
    boolean revoked,
    int confidence,
    Tlp tlp,
    Attribution attribution) {
  private static final Pattern ID =
      Pattern.compile("indicator--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public Indicator {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(tlp, "tlp");
    Objects.requireNonNull(attribution, "attribution");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("indicator id is not indicator--<uuid>: '" + id + "'");
    }
    if (confidence < -1 || confidence > 100) {
      throw new IllegalArgumentException("confidence must be -1 or 0..100 but was " + confidence);
    }
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "valid_until " + validUntil + " is not after valid_from " + validFrom + " in " + id);
    }
    if (!Observables.normalize(type, value).equals(value)) {
      throw new IllegalArgumentException("value is not in canonical form: '" + value + "'");
    }
  }

  /** Whether this indicator applies at {@code time}: not revoked and within its validity window. */
  public boolean appliesAt(Instant time) {
    return !revoked
        && !time.isBefore(validFrom)
        && (validUntil == null || time.isBefore(validUntil));
  }
}
