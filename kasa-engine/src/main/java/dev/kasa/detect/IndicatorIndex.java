package dev.kasa.detect;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.intel.Indicator;
import dev.kasa.observable.ObservableType;
import java.util.function.IntConsumer;

/**
 * All indicators of a detector, held in compact primitive tables and looked up by observable value.
 * Immutable and thread-safe once built.
 */
public final class IndicatorIndex {
  private IndicatorIndex() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Number of indicator entries (one per indicator observable). */
  public int size() {
    throw new KasaException(ErrorCode.INTERNAL, "not built yet");
  }

  /**
   * Finds the entries whose value matches {@code rawValue} read as {@code type}, following the
   * matching semantics of {@code docs/matching.md}, that apply at {@code timeMillis} (not revoked,
   * within [valid_from, valid_until)). For {@code IPV4} and {@code IPV6} either family is accepted
   * and probed in the right table. Values that are not valid for the type find nothing.
   *
   * @param entries receives the ordinal of each matching entry
   */
  public void match(ObservableType type, String rawValue, long timeMillis, IntConsumer entries) {
    throw new KasaException(ErrorCode.INTERNAL, "not built yet");
  }

  /** The indicator behind an entry ordinal, rebuilt from the compact tables. */
  public Indicator indicator(int entry) {
    throw new KasaException(ErrorCode.INTERNAL, "not built yet");
  }

  /** Collects indicators; not thread-safe. */
  public static final class Builder {
    Builder() {}

    public Builder add(Indicator indicator) {
      throw new KasaException(ErrorCode.INTERNAL, "not built yet");
    }

    public IndicatorIndex build() {
      throw new KasaException(ErrorCode.INTERNAL, "not built yet");
    }
  }
}
