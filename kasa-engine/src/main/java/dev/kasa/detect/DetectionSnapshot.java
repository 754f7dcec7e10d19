package dev.kasa.detect;

import dev.kasa.event.DecoderConfig;
import dev.kasa.event.FieldCapture;
import dev.kasa.sigma.correlation.Correlations;
import dev.kasa.sigma.program.SigmaProgram;
import java.util.Objects;

/**
 * Everything compiled for matching, the unit that is swapped while matching goes on: the indicator
 * matcher, the Sigma rules (program with every bucket compiled, correlations compiled), the fields
 * decoders capture for them and the decoders' configuration derived from that, and a generation
 * number. Immutable and thread-safe.
 *
 * <p>Its {@link #decoderConfig()} is its own (a new identity even when the rules are those of the
 * previous snapshot), so a record decoded for one snapshot is refused by the matchers of another: a
 * worker pins one snapshot for a whole batch of records, decodes them for it and matches them
 * against it.
 */
public final class DetectionSnapshot {
  private final long generation;
  private final IndicatorMatcher indicators;
  private final RuleCompilation rules;
  private final DecoderConfig decoderConfig;

  private DetectionSnapshot(long generation, IndicatorMatcher indicators, RuleCompilation rules) {
    if (generation < 0) {
      throw new IllegalArgumentException("generation must be >= 0, got " + generation);
    }
    this.generation = generation;
    this.indicators = Objects.requireNonNull(indicators, "indicators");
    this.rules = Objects.requireNonNull(rules, "rules");
    // Without an indicator nothing looks observables up: its records skip extracting them.
    this.decoderConfig = rules.decoderConfig().renewed(indicators.size() > 0);
  }

  /** A builder with no indicator and no rule. */
  public static Builder builder() {
    return new Builder(IndicatorIndex.builder().build(), RuleCompilation.none());
  }

  /** A builder holding this snapshot's indicators and rules, to build the next one from. */
  public Builder toBuilder() {
    return new Builder(indicators, rules);
  }

  /** Increases with every snapshot a {@link SnapshotHolder} publishes. */
  public long generation() {
    return generation;
  }

  /** The indicators. */
  public IndicatorMatcher indicators() {
    return indicators;
  }

  /** The Sigma rules as compiled, with their problems. */
  public RuleCompilation rules() {
    return rules;
  }

  /** The compiled detection rules, every bucket compiled. */
  public SigmaProgram sigma() {
    return rules.program();
  }

  /** The compiled correlations. */
  public Correlations correlations() {
    return rules.correlations();
  }

  /** The fields decoders capture for the rules and their correlations. */
  public FieldCapture capture() {
    return decoderConfig.capture();
  }

  /** The decoders' configuration for records matched against this snapshot. */
  public DecoderConfig decoderConfig() {
    return decoderConfig;
  }

  @Override
  public String toString() {
    return "DetectionSnapshot[generation "
        + generation
        + ", "
        + indicators.size()
        + " indicators, "
        + rules.program().rules().size()
        + " rules]";
  }

  /** Gathers what a snapshot holds; {@link #build} compiles nothing more (the parts are). */
  public static final class Builder {
    private IndicatorMatcher indicators;
    private RuleCompilation rules;

    private Builder(IndicatorMatcher indicators, RuleCompilation rules) {
      this.indicators = indicators;
      this.rules = rules;
    }

    public Builder indicators(IndicatorMatcher matcher) {
      this.indicators = Objects.requireNonNull(matcher, "matcher");
      return this;
    }

    public Builder rules(RuleCompilation compiled) {
      this.rules = Objects.requireNonNull(compiled, "compiled");
      return this;
    }

    /** The snapshot, numbered {@code generation} (at least 0). */
    public DetectionSnapshot build(long generation) {
      return new DetectionSnapshot(generation, indicators, rules);
    }
  }
}
