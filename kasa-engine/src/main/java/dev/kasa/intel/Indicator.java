package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.Objects;

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
 * @param origin who gave us the version this observable belongs to, never null
 * @param provenance where its content comes from (source, producer, name, reports), never null
 * @param port the port an address indicator also requires on one side of a connection, or null for
 *     none (only for {@code IPV4} and {@code IPV6})
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
    Attribution attribution,
    Origin origin,
    Provenance provenance,
    PortConstraint port) {
  public Indicator {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(tlp, "tlp");
    Objects.requireNonNull(attribution, "attribution");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(provenance, "provenance");
    if (!isIndicatorId(id)) {
      throw new IllegalArgumentException("indicator id is not indicator--<uuid>: '" + id + "'");
    }
    String refusal = refusal(id, type, validFrom, validUntil, confidence, port);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    // normalize returns the same instance for the common canonical shapes without copying, so
    // the reference comparison settles the check on the import hot path.
    String canonical = Observables.normalize(type, value);
    if (canonical != value && !canonical.equals(value)) {
      throw new IllegalArgumentException("value is not in canonical form: '" + value + "'");
    }
  }

  /** An indicator without a port constraint. */
  public Indicator(
      String id,
      ObservableType type,
      String value,
      Instant validFrom,
      Instant validUntil,
      boolean revoked,
      int confidence,
      Tlp tlp,
      Attribution attribution,
      Origin origin,
      Provenance provenance) {
    this(
        id,
        type,
        value,
        validFrom,
        validUntil,
        revoked,
        confidence,
        tlp,
        attribution,
        origin,
        provenance,
        null);
  }

  /**
   * Why an indicator with these fields (and a canonical value) cannot be made, as the constructor's
   * exception says it, or null when it can: how a load that holds its observables as columns, not
   * records, refuses the same objects with the same words.
   */
  static String refusal(
      String id,
      ObservableType type,
      Instant validFrom,
      Instant validUntil,
      int confidence,
      PortConstraint port) {
    if (confidence < -1 || confidence > 100) {
      return "confidence must be -1 or 0..100 but was " + confidence;
    }
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      return "valid_until " + validUntil + " is not after valid_from " + validFrom + " in " + id;
    }
    if (port != null && !type.isAddress()) {
      return "a port constraint needs an address, not " + type;
    }
    return null;
  }

  /**
   * Whether {@code id} is an indicator id as Kasa holds them: {@code indicator--} and a lower-case
   * UUID.
   */
  public static boolean isIndicatorId(String id) {
    // By hand: a regex costs more than an import line.
    if (id.length() != 47
        || !id.startsWith("indicator--")
        || id.charAt(19) != '-'
        || id.charAt(24) != '-'
        || id.charAt(29) != '-'
        || id.charAt(34) != '-') {
      return false;
    }
    return isLowerHex(id, 11, 19)
        && isLowerHex(id, 20, 24)
        && isLowerHex(id, 25, 29)
        && isLowerHex(id, 30, 34)
        && isLowerHex(id, 35, 47);
  }

  // 1 for every char that is not a lower-case hex digit (below 128; any char above is not one).
  private static final byte[] NOT_LOWER_HEX = new byte[128];

  static {
    java.util.Arrays.fill(NOT_LOWER_HEX, (byte) 1);
    for (char c : "0123456789abcdef".toCharArray()) {
      NOT_LOWER_HEX[c] = 0;
    }
  }

  // Without a branch per char: ids are random hex, whose digit/letter mix defeats prediction.
  private static boolean isLowerHex(String s, int from, int to) {
    int bad = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      bad |= NOT_LOWER_HEX[c & 127] | c >>> 7;
    }
    return bad == 0;
  }

  /** This indicator, revoked. */
  public Indicator withRevoked() {
    return new Indicator(
        id,
        type,
        value,
        validFrom,
        validUntil,
        true,
        confidence,
        tlp,
        attribution,
        origin,
        provenance,
        port);
  }

  /** Whether this indicator applies at {@code time}: not revoked and within its validity window. */
  public boolean appliesAt(Instant time) {
    return !revoked
        && !time.isBefore(validFrom)
        && (validUntil == null || time.isBefore(validUntil));
  }
}
