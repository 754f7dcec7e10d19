package dev.kasa.cli.filter;

import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.intel.Indicator;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaRule;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which findings of a sweep are reported: the filters of a {@link FilterSpec} applied to the output
 * only. The engine still sees every finding, so a correlation over a rule whose matches are left
 * out still fires. Each filter tests what a finding has: a Sigma level does not leave out an
 * indicator hit, a confidence does not leave out a rule match. Counts what it leaves out and the
 * findings without an event time that a time window kept. Used from one thread.
 */
public final class FindingFilter {
  private final FilterSpec spec;
  private final Set<String> excludedRules;
  private final Function<String, Instant> modifiedOf;
  private final Instant oldest;
  private long leftOut;
  private long untimed;

  private FindingFilter(
      FilterSpec spec,
      Set<String> excludedRules,
      Function<String, Instant> modifiedOf,
      Instant oldest) {
    this.spec = spec;
    this.excludedRules = excludedRules;
    this.modifiedOf = modifiedOf;
    this.oldest = oldest;
  }

  /**
   * The filter of {@code spec} for a run at {@code now}.
   *
   * @param rules the rules loaded, or null when there are none (for {@code --exclude-rules})
   * @param modifiedOf an indicator id's current {@code modified} time, or null when unknown
   * @param err where unknown rule ids are warned about
   */
  public static FindingFilter of(
      FilterSpec spec,
      RuleCompilation rules,
      Function<String, Instant> modifiedOf,
      Instant now,
      PrintWriter err) {
    Set<String> excluded = Set.of();
    if (spec.excludeRules() != null) {
      excluded = RuleExclusions.read(spec.excludeRules(), knownIds(rules), err);
    }
    Instant oldest = spec.maxAge() == null ? null : now.minus(spec.maxAge());
    return new FindingFilter(spec, excluded, modifiedOf, oldest);
  }

  private static Set<String> knownIds(RuleCompilation rules) {
    Set<String> ids = new HashSet<>();
    if (rules != null) {
      for (SigmaRule r : rules.set().rules()) {
        addIds(ids, r.info());
      }
      for (SigmaCorrelation c : rules.set().correlations()) {
        addIds(ids, c.info());
      }
    }
    return ids;
  }

  private static void addIds(Set<String> ids, RuleInfo info) {
    if (info.id() != null) {
      ids.add(info.id().toLowerCase(Locale.ROOT));
    }
    if (info.name() != null) {
      ids.add(info.name().toLowerCase(Locale.ROOT));
    }
  }

  /** Whether {@code finding} is reported; counts it when it is not. */
  public boolean keeps(Finding finding) {
    boolean kept =
        switch (finding) {
          case Finding.IndicatorHit hit -> inWindow(hit.event().timeMillis()) && keeps(hit);
          case Finding.RuleMatch match ->
              inWindow(match.match().timeMillis()) && keeps(match.match().rule());
          case Finding.CorrelationHit fired ->
              inWindow(fired.fired().lastMillis()) && keeps(fired.fired().correlation().info());
        };
    if (!kept) {
      leftOut++;
    }
    return kept;
  }

  /** Findings the filters left out. */
  public long leftOut() {
    return leftOut;
  }

  /** Findings without an event time that {@code --from}/{@code --to} kept. */
  public long untimedKept() {
    return untimed;
  }

  private boolean inWindow(long millis) {
    if (!spec.window()) {
      return true;
    }
    if (millis == EventRef.NO_TIME) {
      untimed++;
      return true;
    }
    return (spec.from() == null || millis >= spec.from().toEpochMilli())
        && (spec.to() == null || millis <= spec.to().toEpochMilli());
  }

  private boolean keeps(Finding.IndicatorHit hit) {
    Indicator ind = hit.indicator();
    if (spec.minConfidence() >= 0 && ind.confidence() < spec.minConfidence()) {
      return false;
    }
    if (oldest != null) {
      Instant modified = modifiedOf == null ? null : modifiedOf.apply(ind.id());
      Instant changed =
          modified != null && modified.isAfter(ind.validFrom()) ? modified : ind.validFrom();
      return !changed.isBefore(oldest);
    }
    return true;
  }

  private boolean keeps(RuleInfo rule) {
    if (spec.minLevel() != null) {
      SigmaLevel level = SigmaLevel.of(rule.level());
      if (level == null || level.compareTo(spec.minLevel()) < 0) {
        return false;
      }
    }
    if (!spec.statuses().isEmpty()
        && (rule.status() == null || !spec.statuses().contains(rule.status()))) {
      return false;
    }
    if (!excludedRules.isEmpty()
        && ((rule.id() != null && excludedRules.contains(rule.id().toLowerCase(Locale.ROOT)))
            || (rule.name() != null
                && excludedRules.contains(rule.name().toLowerCase(Locale.ROOT))))) {
      return false;
    }
    if (!spec.excludeTags().isEmpty() && hasTag(rule, spec.excludeTags())) {
      return false;
    }
    return spec.includeTags().isEmpty() || hasTag(rule, spec.includeTags());
  }

  /**
   * Whether a tag of {@code rule} is one of {@code tags} or under one ({@code a.b} under {@code
   * a}).
   */
  private static boolean hasTag(RuleInfo rule, java.util.List<String> tags) {
    for (String t : rule.tags()) {
      String tag = t.toLowerCase(Locale.ROOT);
      for (String wanted : tags) {
        if (tag.equals(wanted) || tag.startsWith(wanted + ".")) {
          return true;
        }
      }
    }
    return false;
  }
}
