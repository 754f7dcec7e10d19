package dev.kasa.cli.report.html;

import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import dev.kasa.intel.Indicator;
import dev.kasa.sigma.correlation.CorrelationHit;
import dev.kasa.sigma.program.SigmaMatch;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.stix.Tlp;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kasa scan --html FILE}: one self-contained HTML page summing up a sweep. It keeps
 * aggregates (counts per detection, host, technique, TLP and time bucket, each map capped) and the
 * first {@link #MAX_ROWS} findings, never every finding, so that its memory stays bounded whatever
 * the sweep finds. Called from one thread, findings in the order the sweep reports them.
 */
public final class HtmlReport {
  /** The findings listed on the page; every finding is in the {@code --format} output. */
  public static final int MAX_ROWS = 1_000;

  /** The most distinct detections, hosts or techniques counted one by one; more are summed up. */
  static final int MAX_KEYS = 10_000;

  static final int MAX_CELL = 200;

  private final Map<String, Detection> detections = new HashMap<>();
  private final Capped hosts = new Capped();
  private final Capped techniques = new Capped();
  private final Map<String, String> techniqueNames = new HashMap<>();
  private final Map<Tlp, Long> byTlp = new EnumMap<>(Tlp.class);
  private final Map<String, Long> byLevel = new LinkedHashMap<>();
  private final Timeline timeline = new Timeline();
  private final List<Row> rows = new ArrayList<>();
  private long indicatorHits;
  private long sigmaMatches;
  private long correlationHits;
  private long otherDetections;

  /** One detection (an indicator value, a rule, a correlation) and how often it was found. */
  static final class Detection {
    final Kind kind;
    final String id;
    final String title;
    final String level;
    final Tlp tlp;
    final int confidence;
    long count;
    long first = EventRef.NO_TIME;
    long last = EventRef.NO_TIME;

    Detection(Kind kind, String id, String title, String level, Tlp tlp, int confidence) {
      this.kind = kind;
      this.id = id;
      this.title = title;
      this.level = level;
      this.tlp = tlp;
      this.confidence = confidence;
    }

    void seen(long millis) {
      count++;
      if (millis != EventRef.NO_TIME) {
        first = first == EventRef.NO_TIME ? millis : Math.min(first, millis);
        last = Math.max(last, millis);
      }
    }
  }

  /** What a finding is. */
  enum Kind {
    INDICATOR,
    SIGMA,
    CORRELATION;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One finding as the page lists it; text cells clipped to {@link #MAX_CELL}. */
  record Row(
      long time,
      Kind kind,
      String severity,
      String detection,
      String host,
      String where,
      String matched) {}

  /** Counts per key, at most {@link #MAX_KEYS} keys; findings of further keys are summed. */
  static final class Capped {
    final Map<String, Long> counts = new HashMap<>();
    long others;

    void add(String key) {
      if (counts.containsKey(key) || counts.size() < MAX_KEYS) {
        counts.merge(key, 1L, Long::sum);
      } else {
        others++;
      }
    }
  }

  /** Adds one finding; {@code input} is the input as the page names it. */
  public void add(String input, Finding finding) {
    switch (finding) {
      case Finding.IndicatorHit hit -> hit(input, hit);
      case Finding.RuleMatch match -> sigma(input, match);
      case Finding.CorrelationHit fired -> correlation(input, fired);
    }
  }

  private void hit(String input, Finding.IndicatorHit hit) {
    indicatorHits++;
    Indicator ind = hit.indicator();
    long time = hit.event().timeMillis();
    String title =
        ind.provenance().name() != null
            ? ind.provenance().name()
            : ind.type().stixName() + " " + ind.value();
    detection(
            "i " + ind.id() + " " + ind.value(),
            () -> new Detection(Kind.INDICATOR, ind.id(), title, null, ind.tlp(), ind.confidence()))
        .ifSeen(time);
    byTlp.merge(ind.tlp(), 1L, Long::sum);
    for (String t : ind.attribution().techniques()) {
      techniques.add(t);
      String name = ind.attribution().techniqueNames().get(t);
      if (name != null && techniqueNames.size() < MAX_KEYS) {
        techniqueNames.putIfAbsent(t, name);
      }
    }
    String host = hit.event().context().host();
    hosts.add(host == null ? "" : host);
    timeline.add(time, 0);
    row(
        new Row(
            time,
            Kind.INDICATOR,
            "TLP:" + ind.tlp().label().toUpperCase(Locale.ROOT),
            title,
            host,
            input + ":" + hit.event().sequence(),
            hit.field() + " = " + hit.value()));
  }

  private void sigma(String input, Finding.RuleMatch found) {
    sigmaMatches++;
    SigmaMatch m = found.match();
    RuleInfo rule = m.rule();
    long time = m.timeMillis();
    detection(
            "s " + rule.label(),
            () -> new Detection(Kind.SIGMA, rule.label(), rule.title(), rule.level(), null, -1))
        .ifSeen(time);
    byLevel.merge(rule.level() == null ? "(none)" : rule.level(), 1L, Long::sum);
    m.techniques().forEach(techniques::add);
    String host = found.event().context().host();
    hosts.add(host == null ? "" : host);
    timeline.add(time, 1);
    String matched =
        !m.keywords().isEmpty()
            ? "keyword " + m.keywords().get(0)
            : m.fields().isEmpty()
                ? ""
                : m.fields().get(0).name() + " = " + m.fields().get(0).value();
    row(
        new Row(
            time,
            Kind.SIGMA,
            rule.level() == null ? "" : rule.level(),
            rule.title(),
            host,
            input + ":" + m.line(),
            matched));
  }

  private void correlation(String input, Finding.CorrelationHit found) {
    correlationHits++;
    CorrelationHit hit = found.fired();
    RuleInfo info = hit.correlation().info();
    detection(
            "c " + info.label(),
            () ->
                new Detection(Kind.CORRELATION, info.label(), info.title(), info.level(), null, -1))
        .ifSeen(hit.lastMillis());
    byLevel.merge(info.level() == null ? "(none)" : info.level(), 1L, Long::sum);
    timeline.add(hit.lastMillis(), 1);
    row(
        new Row(
            hit.lastMillis(),
            Kind.CORRELATION,
            info.level() == null ? "" : info.level(),
            info.title(),
            null,
            input + ":" + found.event().sequence(),
            hit.group().toString()));
  }

  /** The tally of a detection, or a sink that counts it among the others when the map is full. */
  private Seen detection(String key, java.util.function.Supplier<Detection> created) {
    Detection d = detections.get(key);
    if (d == null) {
      if (detections.size() >= MAX_KEYS) {
        return time -> otherDetections++;
      }
      d = created.get();
      detections.put(key, d);
    }
    return d::seen;
  }

  private interface Seen {
    void ifSeen(long millis);
  }

  private void row(Row row) {
    if (rows.size() < MAX_ROWS) {
      rows.add(
          new Row(
              row.time(),
              row.kind(),
              row.severity(),
              clip(row.detection()),
              row.host() == null ? null : clip(row.host()),
              clip(row.where()),
              clip(row.matched())));
    }
  }

  private static String clip(String s) {
    return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
  }

  /** Writes the page; {@code out} is flushed, not closed. */
  public void write(PrintWriter out, RunFacts facts) {
    new HtmlPage(out, facts, this).write();
    out.flush();
  }

  long indicatorHits() {
    return indicatorHits;
  }

  long sigmaMatches() {
    return sigmaMatches;
  }

  long correlationHits() {
    return correlationHits;
  }

  long findings() {
    return indicatorHits + sigmaMatches + correlationHits;
  }

  Map<String, Detection> detections() {
    return detections;
  }

  long otherDetections() {
    return otherDetections;
  }

  Capped hosts() {
    return hosts;
  }

  Capped techniques() {
    return techniques;
  }

  Map<String, String> techniqueNames() {
    return techniqueNames;
  }

  Map<Tlp, Long> byTlp() {
    return byTlp;
  }

  Map<String, Long> byLevel() {
    return byLevel;
  }

  Timeline timeline() {
    return timeline;
  }

  List<Row> rows() {
    return rows;
  }
}
