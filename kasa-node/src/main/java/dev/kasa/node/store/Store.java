package dev.kasa.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;

/**
 * A node's store: SQLite (WAL, busy timeout, so that admin commands in another process work while
 * the node runs) or PostgreSQL, migrated by Flyway on open. Thread-safe; {@link #close} it.
 */
public final class Store implements AutoCloseable {
  // Flyway and HikariCP report each migration and pool start at INFO on stderr; only their
  // problems matter to a user. Held here: java.util.logging keeps loggers weakly.
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("org.flywaydb"),
          java.util.logging.Logger.getLogger("com.zaxxer.hikari"));

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  // SQLite has one writer; queueing writers here is cheaper than its busy-wait.
  private final ReentrantLock sqliteWrites = new ReentrantLock(true);
  private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
  // Findings are appended one transaction at a time, so that their sequence is their commit order.
  private final Object findingWrites = new Object();
  // The serve path's audit entries, appended by one writer thread (AuditQueue says why).
  private final AuditQueue auditQueue = new AuditQueue(this);
  // Concurrent object adds, several per transaction.
  private final GroupCommit groupCommit = new GroupCommit(this);

  private Store(HikariDataSource dataSource, Dialect dialect, Clock clock) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.dialect = dialect;
    this.clock = clock;
  }

  /**
   * Opens (creating when needed) and migrates the store.
   *
   * @throws KasaException {@link ErrorCode#IO_FAILURE} when the database cannot be reached or
   *     migrated
   */
  public static Store open(StoreLocation location, Clock clock) {
    Dialect dialect = location.dialect();
    QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.url());
    config.setPoolName("kasa-store");
    if (location.user() != null) {
      config.setUsername(location.user());
    }
    if (location.password() != null) {
      config.setPassword(location.password());
    }
    if (dialect == Dialect.SQLITE) {
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(30_000);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sqlite.enforceForeignKeys(true);
      // Ids are random, so index inserts touch pages all over a large file: a 2 MB page cache
      // (the default) thrashes once the store holds a million objects.
      sqlite.setCacheSize(-131_072);
      config.setDataSourceProperties(sqlite.toProperties());
      // A bundle of 1,000 objects dirties about a thousand pages (random ids), so the default
      // checkpoint (every 1,000 WAL pages) ran with every commit, syncing the database each time;
      // every 16,384 pages (64 MiB) it runs once per dozen bundles and writes each page once.
      config.setConnectionInitSql("PRAGMA wal_autocheckpoint = 16384");
      config.setMaximumPoolSize(8);
    } else {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      config.setMaximumPoolSize(10);
    }
    config.setMinimumIdle(1);
    config.setConnectionTimeout(30_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot open the store " + location + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations(dialect.migrations())
          .table("kasa_schema_history")
          .load()
          .migrate();
    } catch (FlywayException | JdbiException e) {
      ds.close();
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot migrate the store " + location + ": " + rootMessage(e), e);
    }
    return new Store(ds, dialect, clock);
  }

  /** Partners, users, their secrets and grants. */
  public Accounts accounts() {
    return new Accounts(this);
  }

  /** Collections and their aliases. */
  public CollectionCatalog collections() {
    return new CollectionCatalog(this);
  }

  /** Adding objects to collections. */
  public ObjectIngest ingest() {
    return new ObjectIngest(this);
  }

  /** Reading objects, manifests and versions of a collection. */
  public ObjectReader reader() {
    return new ObjectReader(this);
  }

  /** What the web UI shows of the intelligence: counts, every version of an id, search. */
  public IntelBrowser browser() {
    return new IntelBrowser(this);
  }

  /** The audit chain. */
  public AuditLog audit() {
    return new AuditLog(this);
  }

  /** Communities and named recipients of TLP:RED objects. */
  public AgreementStore agreements() {
    return new AgreementStore(this);
  }

  /** Links to partners and their state. */
  public LinkStore links() {
    return new LinkStore(this);
  }

  /** What the live detector reads: indicators by collection, and the versions a change names. */
  public IndicatorFeed indicatorFeed() {
    return new IndicatorFeed(this);
  }

  /**
   * What attributes indicators (relationships, actors, campaigns...), and what a change touches.
   */
  public IndicatorContext indicatorContext() {
    return new IndicatorContext(this);
  }

  /** The live detector's findings. */
  public FindingLog findings() {
    return new FindingLog(this);
  }

  /** Alerts made of the findings, and the analysts' work on them. */
  public AlertStore alerts() {
    return new AlertStore(this);
  }

  /** Tailed files' checkpoints. */
  public IngestCheckpoints checkpoints() {
    return new IngestCheckpoints(this);
  }

  /** Protected assets. */
  public AssetStore assets() {
    return new AssetStore(this);
  }

  /** Status resources of add-objects requests. */
  public StatusLog statuses() {
    return new StatusLog(this);
  }

  /**
   * The change counter: bumped by every change of principals, secrets, grants or collections, by
   * this process or another.
   */
  public long changeCounter() {
    return call(
        h ->
            h.createQuery("SELECT change_counter FROM node_state WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }

  /**
   * Calls {@code listener} after each committed change of objects made through this store (changes
   * made by another process are not seen). A listener must be quick and must not throw; it runs on
   * the writing thread.
   *
   * @return closing it unsubscribes
   */
  public AutoCloseable subscribe(Consumer<StoreChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void publish(StoreChange change) {
    for (Consumer<StoreChange> l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        // A listener's bug must not undo or fail a committed write.
      }
    }
  }

  GroupCommit groupCommit() {
    return groupCommit;
  }

  AuditQueue auditQueue() {
    return auditQueue;
  }

  Object findingWrites() {
    return findingWrites;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  Dialect dialect() {
    return dialect;
  }

  Clock clock() {
    return clock;
  }

  /** Runs {@code work} in one write transaction, serialised with this process's other writers. */
  <T> T write(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    boolean locked = false;
    if (dialect == Dialect.SQLITE) {
      sqliteWrites.lock();
      locked = true;
    }
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw unavailable(e);
    } finally {
      if (locked) {
        sqliteWrites.unlock();
      }
    }
  }

  /** Runs a read outside any explicit transaction. */
  <T> T call(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw unavailable(e);
    }
  }

  void bumpChangeCounter(org.jdbi.v3.core.Handle h) {
    h.execute("UPDATE node_state SET change_counter = change_counter + 1 WHERE id = 1");
  }

  long nowMicros() {
    java.time.Instant now = clock.instant();
    return Math.addExact(
        Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
  }

  private static KasaException unavailable(JdbiException e) {
    return new KasaException(ErrorCode.IO_FAILURE, "store: " + rootMessage(e), e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Writes the audit entries still queued (waiting up to 30 s for them), then closes. */
  @Override
  public void close() {
    try {
      auditQueue.close(30_000);
    } finally {
      dataSource.close();
    }
  }
}
