package dev.kasa.node.ingest;

import dev.kasa.node.store.Store;
import dev.kasa.node.tls.NodeCertificate;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The node's continuous ingest: every configured syslog listener and tailed file, delivering to one
 * {@link TelemetrySink}, with a status per source. Closing stops them all; what a tailed file
 * delivered is checkpointed.
 */
public final class Ingest implements AutoCloseable {
  private final List<AutoCloseable> running = new ArrayList<>();
  private final Map<String, SourceCounters> counters = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();

  private Ingest() {}

  /**
   * Starts every source of {@code config}; {@code certificate} serves TLS listeners.
   *
   * @throws dev.kasa.KasaException {@link dev.kasa.ErrorCode#USAGE} when an address cannot be bound
   *     (the sources started are stopped again)
   */
  public static Ingest start(
      IngestConfig config,
      NodeCertificate certificate,
      Store store,
      TelemetrySink sink,
      Clock clock,
      PrintStream log) {
    var ingest = new Ingest();
    try {
      SSLContext tls = null;
      var budget = new BatchBudget(BatchBudget.DEFAULT_BYTES);
      for (SyslogSource s : config.syslog()) {
        var c =
            ingest.counters(
                s.name(),
                s.kind(),
                s.protocol() + " " + s.listen().authority(s.listen().port()),
                clock);
        switch (s.protocol()) {
          case UDP -> {
            var l = UdpSyslogListener.start(s, sink, c, clock);
            ingest.running.add(l);
            ingest.ports.put(s.name(), l.port());
          }
          case TCP -> {
            var l = StreamSyslogListener.start(s, null, sink, c, budget, clock);
            ingest.running.add(l);
            ingest.ports.put(s.name(), l.port());
          }
          case TLS -> {
            if (tls == null) {
              tls = serverContext(certificate);
            }
            var l = StreamSyslogListener.start(s, tls, sink, c, budget, clock);
            ingest.running.add(l);
            ingest.ports.put(s.name(), l.port());
          }
        }
      }
      for (TailedSource f : config.files()) {
        var c = ingest.counters(f.name(), "file", f.path().toString(), clock);
        ingest.running.add(new FileTailer(f, store.checkpoints(), sink, c, log));
      }
      return ingest;
    } catch (RuntimeException e) {
      ingest.close();
      throw e;
    }
  }

  private SourceCounters counters(String name, String kind, String where, Clock clock) {
    var c = new SourceCounters(name, kind, where, clock);
    counters.put(name, c);
    return c;
  }

  private static SSLContext serverContext(NodeCertificate certificate) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(certificate.keyManagers().getKeyManagers(), null, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the syslog TLS context: " + e.getMessage(), e);
    }
  }

  /** Every source's status, in configuration order. */
  public List<SourceStatus> statuses() {
    return counters.values().stream().map(SourceCounters::status).toList();
  }

  /** The port a syslog source listens on (useful when configured with port 0). */
  public int port(String source) {
    Integer p = ports.get(source);
    if (p == null) {
      throw new IllegalArgumentException("no syslog source named " + source);
    }
    return p;
  }

  @Override
  public void close() {
    for (AutoCloseable c : running.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // Stopping: keep stopping the others.
      }
    }
    running.clear();
  }
}
