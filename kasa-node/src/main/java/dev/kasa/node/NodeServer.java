package dev.kasa.node;

import dev.kasa.node.alert.AlertRoutes;
import dev.kasa.node.asset.AssetResolver;
import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.detect.DetectorSink;
import dev.kasa.node.detect.FindingRecorder;
import dev.kasa.node.detect.LiveDetector;
import dev.kasa.node.events.EventRoutes;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.ingest.Ingest;
import dev.kasa.node.ingest.SourcesRoute;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.link.LinkContext;
import dev.kasa.node.link.LinkTiming;
import dev.kasa.node.link.Links;
import dev.kasa.node.sharing.Agreements;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.store.AgreementStore;
import dev.kasa.node.store.Store;
import dev.kasa.node.taxii.TaxiiRoutes;
import dev.kasa.node.taxii.TaxiiSettings;
import dev.kasa.node.ui.WebUi;
import dev.kasa.stix.StixReaderLimits;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running node: its store, the TAXII server over HTTPS, and a watcher that picks up what admin
 * commands change (in this process or another) within {@link #ACCESS_POLL_MILLIS} milliseconds.
 */
public final class NodeServer implements AutoCloseable {
  /** How often the server looks at the store's change counter. */
  public static final long ACCESS_POLL_MILLIS = 250;

  private final NodeHome home;
  private final Store store;
  private final HttpsServer http;
  private final ScheduledExecutorService watcher;
  private final String authority;
  private final java.util.concurrent.atomic.AtomicLong accessCounter;
  private final TaxiiRoutes taxii;
  private final Links links;
  private final LiveDetector detector;
  private final Ingest ingest;
  private final java.util.concurrent.atomic.AtomicReference<AssetResolver> assets;

  /**
   * How a node's federation parts wait: the live-update path's longest wait and the links' timing.
   */
  public record Timing(java.time.Duration liveWait, LinkTiming links) {
    public static final Timing DEFAULT =
        new Timing(java.time.Duration.ofSeconds(30), LinkTiming.DEFAULT);
  }

  private NodeServer(
      NodeHome home,
      Store store,
      HttpsServer http,
      ScheduledExecutorService watcher,
      String host,
      java.util.concurrent.atomic.AtomicLong accessCounter,
      TaxiiRoutes taxii,
      Links links,
      LiveDetector detector,
      Ingest ingest,
      java.util.concurrent.atomic.AtomicReference<AssetResolver> assets) {
    this.detector = detector;
    this.ingest = ingest;
    this.assets = assets;
    this.taxii = taxii;
    this.links = links;
    this.accessCounter = accessCounter;
    this.home = home;
    this.store = store;
    this.http = http;
    this.watcher = watcher;
    this.authority = new NodeConfig.Listen(host, 0).authority(http.port());
  }

  /**
   * Opens the node's store and starts serving on {@code listen}.
   *
   * @param log where failures the node cannot answer a client about are reported
   */
  public static NodeServer start(
      NodeHome home, NodeConfig.Listen listen, Clock clock, PrintStream log) {
    return start(home, listen, clock, log, Timing.DEFAULT);
  }

  /** As {@link #start(NodeHome, NodeConfig.Listen, Clock, PrintStream)}, with other timing. */
  public static NodeServer start(
      NodeHome home, NodeConfig.Listen listen, Clock clock, PrintStream log, Timing timing) {
    Store store = home.openStore(clock);
    ScheduledExecutorService watcher = null;
    TaxiiRoutes taxii = null;
    Links links = null;
    LiveDetector detector = null;
    Ingest ingest = null;
    try {
      var auth = new Authenticator(store.accounts().state(), clock);
      NodeConfig c = home.config();
      var sharing = new SharingPolicy(agreements(store, c));
      var intake = new ObjectIntake(StixReaderLimits.DEFAULT);
      taxii =
          new TaxiiRoutes(
              store,
              sharing,
              new TaxiiSettings(
                  c.title(), "intelligence shared by " + c.name(), c.maxContentLength()),
              intake,
              clock,
              timing.liveWait());
      detector = LiveDetector.start(store, clock, c.sigmaDirs(), log);
      // The epoch first: a change while the list is read shows at the next poll.
      var assetEpoch = new java.util.concurrent.atomic.AtomicLong(store.assets().epoch());
      var assets =
          new java.util.concurrent.atomic.AtomicReference<>(
              new AssetResolver(store.assets().list()));
      var recorder = new FindingRecorder(store, detector, clock, assets::get, home.alerts());
      var events = new EventRoutes(store, recorder, c.maxContentLength());
      ingest =
          Ingest.start(
              home.ingest(),
              home.certificate(),
              store,
              new DetectorSink(recorder, log),
              clock,
              log);
      var sources = new SourcesRoute(ingest);
      var falsePositives =
          new dev.kasa.node.alert.FalsePositives(store, intake, c.identityId(), clock);
      var alertRoutes = new AlertRoutes(store, falsePositives::sight);
      TaxiiRoutes taxiiRoutes = taxii;
      var ui = new WebUi(store, auth, alertRoutes, clock);
      var http =
          HttpsServer.start(
              listen.host(),
              listen.port(),
              home.certificate(),
              auth::authenticate,
              routes -> {
                taxiiRoutes.register(routes);
                events.register(routes);
                sources.register(routes);
                alertRoutes.register(routes);
                ui.register(routes);
              },
              ui,
              log);
      links =
          new Links(new LinkContext(store, sharing, auth::recipient, intake, timing.links(), log));
      Links running = links;
      watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("kasa-access-watch").unstarted(r));
      var seen = new java.util.concurrent.atomic.AtomicLong(auth.state().changeCounter());
      watcher.scheduleWithFixedDelay(
          () -> {
            try {
              long now = store.changeCounter();
              if (now != seen.get()) {
                var state = store.accounts().state();
                auth.update(state);
                sharing.update(agreements(store, c));
                running.refresh();
                seen.set(state.changeCounter());
              }
              long epoch = store.assets().epoch();
              if (epoch != assetEpoch.get()) {
                assets.set(new AssetResolver(store.assets().list()));
                assetEpoch.set(epoch);
              }
            } catch (RuntimeException e) {
              log.println("kasa serve: cannot read access changes: " + e.getMessage());
            }
          },
          ACCESS_POLL_MILLIS,
          ACCESS_POLL_MILLIS,
          TimeUnit.MILLISECONDS);
      return new NodeServer(
          home, store, http, watcher, listen.host(), seen, taxii, links, detector, ingest, assets);
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.shutdownNow();
      }
      if (ingest != null) {
        ingest.close();
      }
      if (links != null) {
        links.close();
      }
      if (taxii != null) {
        taxii.close();
      }
      if (detector != null) {
        detector.close();
      }
      store.close();
      throw e;
    }
  }

  /**
   * The change counter of the access state the server works with: once it reaches {@link
   * Store#changeCounter()}, every admin change made before is in effect.
   */
  public long accessCounter() {
    return accessCounter.get();
  }

  /** The live detector. */
  public LiveDetector detector() {
    return detector;
  }

  /** The protected assets as last read from the store (admin changes show within a second). */
  public AssetResolver assets() {
    return assets.get();
  }

  /** The running continuous ingest. */
  public Ingest ingest() {
    return ingest;
  }

  /** The running links. */
  public Links links() {
    return links;
  }

  /** The sharing agreements in the store, with {@code kasa.yml}'s relay-unmarked setting. */
  public static Agreements agreements(Store store, NodeConfig c) {
    AgreementStore.Snapshot s = store.agreements().snapshot();
    var byPartner = new java.util.HashMap<String, java.util.Set<String>>();
    s.communities()
        .forEach(
            (community, members) ->
                members.forEach(
                    p ->
                        byPartner
                            .computeIfAbsent(p, k -> new java.util.HashSet<>())
                            .add(community)));
    return new Agreements(byPartner, s.red(), c.relayUnmarked());
  }

  /** The port the server listens on. */
  public int port() {
    return http.port();
  }

  /** {@code https://HOST:PORT}. */
  public String url() {
    return "https://" + authority;
  }

  public NodeHome home() {
    return home;
  }

  /** The store this node serves (for tests and in-process wiring). */
  public Store store() {
    return store;
  }

  /** Every HTTP endpoint, as {@code METHOD PATH}. */
  public List<String> endpoints() {
    return http.endpoints();
  }

  /** Finishes requests in flight, stops serving and closes the store. */
  @Override
  public void close() {
    watcher.shutdownNow();
    ingest.close();
    links.close();
    taxii.close();
    try {
      http.stop();
    } finally {
      detector.close();
      store.close();
    }
  }
}
