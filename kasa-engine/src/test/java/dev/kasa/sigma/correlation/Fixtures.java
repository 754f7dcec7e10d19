package dev.kasa.sigma.correlation;

import dev.kasa.EventRef;
import dev.kasa.Location.FilePosition;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds correlations and feeds matches for the tests. */
final class Fixtures {
  private Fixtures() {}

  static Builder correlation(CorrelationType type) {
    return new Builder(type);
  }

  static Threshold gt(double v) {
    return new Threshold(v, null, null, null, null, null, null);
  }

  static Threshold gte(double v) {
    return new Threshold(null, v, null, null, null, null, null);
  }

  static Threshold lt(double v) {
    return new Threshold(null, null, v, null, null, null, null);
  }

  static Threshold lte(double v) {
    return new Threshold(null, null, null, v, null, null, null);
  }

  static Threshold eq(double v) {
    return new Threshold(null, null, null, null, v, null, null);
  }

  static Threshold neq(double v) {
    return new Threshold(null, null, null, null, null, v, null);
  }

  static Threshold none() {
    return new Threshold(null, null, null, null, null, null, null);
  }

  static long min(long minutes) {
    return minutes * 60_000L;
  }

  static final class Builder {
    private final CorrelationType type;
    private String id;
    private String name;
    private List<String> rules = List.of("base");
    private List<String> groupBy = List.of();
    private Duration timespan = Duration.ofMinutes(10);
    private final Map<String, Map<String, String>> aliases = new HashMap<>();
    private String field;
    private Threshold condition = none();
    private boolean generate;

    private Builder(CorrelationType type) {
      this.type = type;
    }

    Builder id(String v) {
      id = v;
      return this;
    }

    Builder name(String v) {
      name = v;
      return this;
    }

    Builder rules(String... v) {
      rules = List.of(v);
      return this;
    }

    Builder groupBy(String... v) {
      groupBy = List.of(v);
      return this;
    }

    Builder timespan(Duration v) {
      timespan = v;
      return this;
    }

    Builder alias(String alias, String rule, String field) {
      aliases.computeIfAbsent(alias, k -> new HashMap<>()).put(rule, field);
      return this;
    }

    Builder field(String v) {
      field = v;
      return this;
    }

    Builder condition(Threshold v) {
      condition = v;
      return this;
    }

    Builder generate(boolean v) {
      generate = v;
      return this;
    }

    SigmaCorrelation build() {
      RuleInfo info =
          new RuleInfo(
              id, name, "test " + type, null, null, List.of(), new FilePosition("t.yml", 1, 1));
      return new SigmaCorrelation(
          info, type, rules, groupBy, timespan, aliases, field, condition, generate);
    }
  }

  /** Feeds matches with a running line number and records the hits. */
  static final class Feeder implements CorrelationSink {
    final CorrelationEngine engine;
    final List<CorrelationHit> hits = new ArrayList<>();
    private long line;

    Feeder(CorrelationEngine engine) {
      this.engine = engine;
    }

    Feeder(SigmaCorrelation... correlations) {
      this(CorrelationEngine.create(List.of(correlations), CorrelationEngine.Limits.defaults()));
    }

    /**
     * A match of rule {@code rule} (as id) at {@code time} with fields {@code k1, v1, k2, v2...}.
     */
    Feeder match(String rule, long time, String... kv) {
      return match(rule, null, time, kv);
    }

    Feeder match(String id, String name, long time, String... kv) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        fields.put(kv[i], kv[i + 1]);
      }
      engine.onMatch(id, name, new EventRef("e.log", ++line, time), fields::get, this);
      return this;
    }

    Feeder finish() {
      engine.finish(this);
      return this;
    }

    @Override
    public void hit(CorrelationHit hit) {
      hits.add(hit);
    }
  }
}
