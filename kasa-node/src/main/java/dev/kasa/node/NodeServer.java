package dev.kasa.node;

import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.store.Store;
import dev.kasa.node.taxii.TaxiiRoutes;
import dev.kasa.node.taxii.TaxiiSettings;
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

  private NodeServer(
      NodeHome home,
      Store store,
      HttpsServer http,
      ScheduledExecutorService watcher,
      String host,
      java.util.concurrent.atomic.AtomicLong accessCounter) {
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
    Store store = home.openStore(clock);
    ScheduledExecutorService watcher = null;
    try {
      var auth = new Authenticator(store.accounts().state(), clock);
      NodeConfig c = home.config();
      var taxii =
          new TaxiiRoutes(
              store,
              new SharingPolicy(),
              new TaxiiSettings(
                  c.title(), "intelligence shared by " + c.name(), c.maxContentLength()),
              new ObjectIntake(StixReaderLimits.DEFAULT),
              clock);
      var http =
          HttpsServer.start(
              listen.host(),
              listen.port(),
              home.certificate(),
              auth::authenticate,
              taxii::register,
              log);
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
                seen.set(state.changeCounter());
              }
            } catch (RuntimeException e) {
              log.println("kasa serve: cannot read access changes: " + e.getMessage());
            }
          },
          ACCESS_POLL_MILLIS,
          ACCESS_POLL_MILLIS,
          TimeUnit.MILLISECONDS);
      return new NodeServer(home, store, http, watcher, listen.host(), seen);
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.shutdownNow();
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
    try {
      http.stop();
    } finally {
      store.close();
    }
  }
}
