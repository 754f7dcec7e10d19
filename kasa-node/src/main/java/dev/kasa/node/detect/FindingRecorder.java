package dev.kasa.node.detect;

import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingLines;
import dev.kasa.event.EventSource;
import dev.kasa.intel.Origin;
import dev.kasa.node.alert.AlertSettings;
import dev.kasa.node.alert.Triage;
import dev.kasa.node.alert.Triaged;
import dev.kasa.node.asset.AssetResolver;
import dev.kasa.node.store.FindingLog;
import dev.kasa.node.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches events against the live detector and stores what they gave in the node's finding log,
 * each finding with who delivered the events and the stored object it came from. The one path for
 * every way events reach the node: a sensor's POST and continuous ingest. Each finding is triaged
 * into its alert in the same transaction. Thread-safe.
 */
public final class FindingRecorder {
  private static final AssetResolver NO_ASSETS = new AssetResolver(List.of());

  private final Store store;
  private final LiveDetector detector;
  private final EventMatching matching;
  private final java.util.function.Supplier<AssetResolver> assets;
  private final AlertSettings alerts;

  /**
   * The version each (collection, STIX id) a finding named is at, as the store said: valid while
   * neither the store's objects (a change through this process) nor the detector's snapshot (which
   * also follows other processes' adds) have changed since.
   */
  private final Map<String, String> versions = new ConcurrentHashMap<>();

  private static final int MAX_VERSIONS = 100_000;

  private final AtomicLong changes = new AtomicLong();
  private volatile Object versionsOf;

  /**
   * What one delivery gave.
   *
   * @param lines the findings as JSON lines (without line ends), in the order they were stored
   */
  public record Recorded(EventMatching.Outcome outcome, List<String> lines) {
    public Recorded {
      lines = List.copyOf(lines);
    }
  }

  /** A recorder that triages findings into alerts touching no asset, with default settings. */
  public FindingRecorder(Store store, LiveDetector detector, Clock clock) {
    this(store, detector, clock, () -> NO_ASSETS, AlertSettings.DEFAULT);
  }

  /**
   * A recorder that triages each finding into an alert against the protected assets {@code assets}
   * gives at the time.
   */
  public FindingRecorder(
      Store store,
      LiveDetector detector,
      Clock clock,
      java.util.function.Supplier<AssetResolver> assets,
      AlertSettings alerts) {
    this.assets = assets;
    this.alerts = alerts;
    this.store = store;
    this.detector = detector;
    this.matching = new EventMatching(detector.holder(), clock);
    store.subscribe(
        change -> {
          changes.incrementAndGet();
          versions.clear();
        });
  }

  /**
   * Decodes and matches {@code in} as {@code source} and stores the findings under {@code sensor}.
   *
   * @throws IOException when not even the start of {@code in} can be read
   */
  public Recorded record(EventSource source, InputStream in, String sensor) throws IOException {
    return stored(source, matching.match(source, in), sensor);
  }

  /**
   * Decodes and matches {@code b[from, to)} as {@code source} where the bytes lie, and stores the
   * findings under {@code sensor}; the bytes may be reused once this returns.
   */
  public Recorded record(EventSource source, byte[] b, int from, int to, String sensor) {
    return stored(source, matching.match(source, b, from, to), sensor);
  }

  private Recorded stored(EventSource source, EventMatching.Outcome out, String sensor) {
    var lines = new ArrayList<String>(out.findings().size());
    var stored = new ArrayList<FindingLog.NewFinding>(out.findings().size());
    var triaged = new ArrayList<Triaged>(out.findings().size());
    AssetResolver resolver = assets.get();
    Object snapshot = detector.holder().current();
    if (snapshot != versionsOf || versions.size() > MAX_VERSIONS) {
      changes.incrementAndGet();
      versions.clear();
      versionsOf = snapshot;
    }
    // One writer for the batch: a JSON generator per finding costs more than the line it writes.
    var text = new StringWriter();
    var writer = new FindingLines(text);
    for (Finding f : out.findings()) {
      String line = line(text, writer, source.name(), f);
      lines.add(line);
      stored.add(new FindingLog.NewFinding(kind(f), sensor, source(f), line));
      triaged.add(Triage.of(line, resolver));
    }
    store.findings().append(stored, triaged, alerts);
    return new Recorded(out, lines);
  }

  /** The finding's line, without its line end, as {@code writer} writes it into {@code text}. */
  private static String line(StringWriter text, FindingLines writer, String input, Finding f) {
    StringBuffer b = text.getBuffer();
    int from = b.length();
    writer.write(input, f);
    writer.finish();
    int to = b.length() > from && b.charAt(b.length() - 1) == '\n' ? b.length() - 1 : b.length();
    return b.substring(from, to);
  }

  private static String kind(Finding f) {
    return switch (f) {
      case Finding.IndicatorHit h -> "indicator";
      case Finding.RuleMatch m -> "sigma";
      case Finding.CorrelationHit c -> "correlation";
    };
  }

  /** The stored object a finding came from, with the version the collection holds now. */
  private FindingLog.StoredSource source(Finding f) {
    String collection;
    String stixId;
    switch (f) {
      case Finding.IndicatorHit h -> {
        Origin o = h.indicator().origin();
        if (o.kind() == Origin.Kind.FILE || o.collection().isEmpty()) {
          return null;
        }
        collection = o.collection();
        stixId = h.indicator().id();
      }
      case Finding.RuleMatch m -> {
        String[] s = detector.ruleSource(m.match().rule().position().file());
        if (s == null) {
          return null;
        }
        collection = s[0];
        stixId = s[1];
      }
      case Finding.CorrelationHit c -> {
        String[] s = detector.ruleSource(c.fired().correlation().info().position().file());
        if (s == null) {
          return null;
        }
        collection = s[0];
        stixId = s[1];
      }
    }
    String key = collection + " " + stixId;
    String version = versions.get(key);
    if (version == null) {
      long before = changes.get();
      version = store.findings().newestVersion(collection, stixId);
      // Kept only if no change came in meanwhile (it may have been read before that change).
      if (version != null && changes.get() == before) {
        versions.put(key, version);
      }
    }
    return new FindingLog.StoredSource(collection, stixId, version);
  }
}
