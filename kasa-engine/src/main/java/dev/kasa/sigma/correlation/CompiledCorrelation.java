package dev.kasa.sigma.correlation;

import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaCorrelation.Threshold;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One runnable correlation as compiled: its condition as run, its window and mode, and a hash of
 * its content that state is kept under across rule reloads. Immutable.
 *
 * @param correlation the rule
 * @param threshold the condition as run ({@link CorrelationChecks#effectiveThreshold})
 * @param span the timespan in milliseconds
 * @param eager true when the window slides and the condition is tested on every arrival
 * @param percentile the percentile of {@code value_percentile} (50 when not given)
 * @param contentHash SHA-256 over everything that makes the correlation behave and report as it
 *     does (not where it was read from)
 */
record CompiledCorrelation(
    SigmaCorrelation correlation,
    Threshold threshold,
    long span,
    boolean eager,
    double percentile,
    String contentHash) {

  static CompiledCorrelation of(SigmaCorrelation c, Threshold threshold) {
    return new CompiledCorrelation(
        c,
        threshold,
        c.timespan().toMillis(),
        CorrelationRun.isEager(c.type(), threshold),
        threshold.percentile() == null ? 50 : threshold.percentile(),
        contentHash(c));
  }

  /**
   * The canonical content: every field but the source position, strings length-prefixed (so that no
   * two contents write the same text), maps in key order.
   */
  static String contentHash(SigmaCorrelation c) {
    StringBuilder s = new StringBuilder();
    var info = c.info();
    text(s, info.id());
    text(s, info.name());
    text(s, info.title());
    text(s, info.status());
    text(s, info.level());
    list(s, info.tags());
    text(s, c.type().name());
    list(s, c.rules());
    list(s, c.groupBy());
    text(s, Long.toString(c.timespan().toMillis()));
    Map<String, Map<String, String>> aliases = new TreeMap<>(c.aliases());
    s.append(aliases.size()).append('{');
    aliases.forEach(
        (name, byRule) -> {
          text(s, name);
          Map<String, String> sorted = new TreeMap<>(byRule);
          s.append(sorted.size()).append('{');
          sorted.forEach(
              (rule, field) -> {
                text(s, rule);
                text(s, field);
              });
        });
    text(s, c.field());
    Threshold t = c.condition();
    for (Double bound : new Double[] {t.gt(), t.gte(), t.lt(), t.lte(), t.eq(), t.neq()}) {
      text(s, bound == null ? null : Double.toString(bound));
    }
    text(s, t.percentile() == null ? null : Double.toString(t.percentile()));
    text(s, Boolean.toString(c.generate()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static void text(StringBuilder s, String v) {
    if (v == null) {
      s.append('-');
    } else {
      s.append(v.length()).append(':').append(v);
    }
  }

  private static void list(StringBuilder s, List<String> values) {
    s.append(values.size()).append('[');
    values.forEach(v -> text(s, v));
  }
}
