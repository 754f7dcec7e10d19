package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.TestWorkers;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.EventSource;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.SigmaCorrelation;
import dev.kasa.sigma.rule.SigmaDocument;
import dev.kasa.sigma.rule.SigmaFilter;
import dev.kasa.sigma.rule.SigmaParser;
import dev.kasa.sigma.rule.SigmaRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Rules from YAML text, sweeps over files or bytes, findings as comparable text. */
final class SweepFixture {
  private SweepFixture() {}

  /** Compiles the rules of {@code yaml} (documents separated by {@code ---}). */
  static RuleCompilation rules(String yaml) {
    var parsed = SigmaParser.parse(yaml, "test.yml");
    assertThat(parsed.problems()).isEmpty();
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaCorrelation> correlations = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    for (SigmaDocument d : parsed.documents()) {
      switch (d) {
        case SigmaRule r -> rules.add(r);
        case SigmaCorrelation c -> correlations.add(c);
        case SigmaFilter f -> filters.add(f);
      }
    }
    RuleCompilation compiled =
        RuleCompilation.of(
            new RuleSet(rules, correlations, filters, List.of(), 1, 0),
            LogSourceMap.defaults(),
            Placeholders.NONE);
    assertThat(compiled.problems()).isEmpty();
    return compiled;
  }

  /** One line per finding: kind, event, and what was found. */
  static String text(Finding f) {
    return switch (f) {
      case Finding.IndicatorHit h ->
          "hit "
              + h.event()
              + " @"
              + h.event().timeMillis()
              + " "
              + h.field()
              + "="
              + h.value()
              + " "
              + h.indicator().id()
              + " at "
              + h.matchedAtMillis();
      case Finding.RuleMatch m ->
          "match "
              + m.event()
              + " @"
              + m.event().timeMillis()
              + " "
              + m.match().rule().id()
              + " "
              + m.match().fields()
              + " "
              + m.match().context();
      case Finding.CorrelationHit c ->
          "correlation "
              + c.event()
              + " "
              + c.fired().correlation().info().id()
              + " "
              + c.fired().group()
              + " "
              + c.fired().value()
              + " "
              + c.fired().events();
    };
  }

  /** What a sweep reported, as text, and its inputs' summaries. */
  static final class Outcome {
    final List<String> findings = new ArrayList<>();
    final List<String> inputs = new ArrayList<>();

    void input(EventInput input, InputSummary summary) {
      inputs.add(
          input
              + " records="
              + summary.records()
              + " malformed="
              + summary.malformed()
              + " "
              + summary.firstMalformed());
    }
  }

  /** Sweeps the files {@code paths} with the file front end, as {@code kasa scan} does. */
  static Outcome scanFiles(DetectionSnapshot snapshot, ScanOptions options, List<String> paths) {
    Outcome out = new Outcome();
    Sweep sweep = Sweep.over(snapshot, Sweep.Options.files(0), f -> out.findings.add(text(f)));
    new EventScanner(options, TestWorkers.POOL)
        .scan(
            paths,
            sweep.chunks(),
            new ScanListener<MatchedBatch>() {
              @Override
              public void chunkDone(EventInput input, MatchedBatch batch) {
                sweep.deliver(batch);
              }

              @Override
              public void inputDone(EventInput input, InputSummary summary) {
                out.input(input, summary);
              }

              @Override
              public void unreadable(String input, String reason) {
                out.inputs.add("unreadable " + input + ": " + reason);
              }
            });
    sweep.finish();
    return out;
  }

  private static final Decoders DECODERS = new Decoders(ScanOptions.defaults());

  /** Decodes {@code body} as a Zeek DNS log and matches it in one batch of {@code sweep}. */
  static MatchedBatch zeekDns(Sweep sweep, String name, String body) {
    return DECODERS
        .decode(
            EventSource.zeek(name, EventFormat.ZEEK_JSON, "dns"),
            body.getBytes(StandardCharsets.UTF_8),
            sweep.chunks())
        .result();
  }

  /** A Zeek DNS record in JSON at {@code seconds}. */
  static String dns(long seconds, String uid, String host, String query) {
    return "{\"ts\":"
        + seconds
        + ".0,\"uid\":\""
        + uid
        + "\",\"id.orig_h\":\""
        + host
        + "\",\"id.resp_h\":\"8.8.8.8\",\"query\":\""
        + query
        + "\"}\n";
  }

  /** Sweeps {@code in} as {@code source} with the file-free intake, as a request body would be. */
  static Outcome decodeStream(
      DetectionSnapshot snapshot, ScanOptions options, EventSource source, InputStream in) {
    Outcome out = new Outcome();
    Sweep sweep = Sweep.over(snapshot, Sweep.Options.files(0), f -> out.findings.add(text(f)));
    Decoders.Decoded<MatchedBatch> decoded;
    try {
      decoded = new Decoders(options).decode(source, in, sweep.chunks());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sweep.deliver(decoded.result());
    sweep.finish();
    out.input(decoded.input(), decoded.summary());
    if (decoded.damage() != null) {
      out.inputs.add("unreadable " + source.name() + ": " + decoded.damage());
    }
    return out;
  }
}
