package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TCP or TLS (RFC 5425): one (platform) thread per connection reads frames ({@link
 * SyslogFrames}), turns messages into events and delivers them in batches; a batch goes out when
 * full (1 MiB, or 4 MiB with a grant of the node's {@link BatchBudget}) or when the connection has
 * nothing more buffered. Over TCP, a connection with nothing buffered first waits up to {@link
 * #QUIET_MILLIS} for more while its batch is younger than {@link #MAX_AGE_MILLIS}: a sender slower
 * than the node would otherwise make a batch of every TCP segment, and the per-batch costs
 * (decoder, snapshot, store) as frequent; a trickle is still delivered within about {@link
 * #MAX_AGE_MILLIS}. (Over TLS it does not wait: a read timeout could cut a TLS record.) A full sink
 * blocks the connection's thread, so TCP itself pushes back on the sender. A malformed message is
 * counted and skipped; lost framing or the connection limit closes that connection only.
 */
final class StreamSyslogListener implements AutoCloseable {
  /** How long a connection with a batch and nothing buffered waits for more bytes. */
  static final int QUIET_MILLIS = 20;

  /** The age past which a batch is delivered as soon as nothing more is buffered. */
  static final int MAX_AGE_MILLIS = 100;

  private final SyslogSource config;
  private final ServerSocket server;
  private final TelemetrySink sink;
  private final SourceCounters counters;
  private final SyslogDecoding decoding;
  private final BatchBudget budget;
  // Ages a connection's batch (the quiet wait): the node's clock, so a test can set the time.
  private final Clock clock;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  // The header memos of ended connections, for the next ones (at most one per connection open at
  // once). A memo is a cache of what the same bytes from the same sender give, so it serves any
  // connection; a sender that reconnects finds its header in it, and the write's compiled code
  // meets the first message as it met the last (a new, empty memo took branches never taken
  // since, and the compiled write was thrown away at every connection's start).
  private final ConcurrentLinkedQueue<HeaderMemo> memos = new ConcurrentLinkedQueue<>();
  private final Thread acceptor;
  private volatile boolean closed;

  private StreamSyslogListener(
      SyslogSource config,
      ServerSocket server,
      TelemetrySink sink,
      SourceCounters counters,
      BatchBudget budget,
      Clock clock) {
    this.config = config;
    this.budget = budget;
    this.clock = clock;
    this.server = server;
    this.sink = sink;
    this.counters = counters;
    this.decoding = new SyslogDecoding(counters, clock);
    this.acceptor =
        Thread.ofPlatform().daemon().name("kasa-syslog-" + config.name()).start(this::accept);
  }

  /**
   * Listens; {@code tls} is the node's server context for {@link SyslogSource.Protocol#TLS} (TLS
   * 1.2 and 1.3 only), null for TCP; {@code budget} is shared by the node's listeners (see {@link
   * BatchBudget}).
   *
   * @throws KasaException {@link ErrorCode#USAGE} when the address cannot be bound
   */
  static StreamSyslogListener start(
      SyslogSource config,
      SSLContext tls,
      TelemetrySink sink,
      SourceCounters c,
      BatchBudget budget,
      Clock clock) {
    ServerSocket s = null;
    try {
      if (tls != null) {
        var ssl = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        s = ssl;
      } else {
        s = new ServerSocket();
      }
      s.setReuseAddress(true);
      s.bind(
          new InetSocketAddress(
              InetAddress.getByName(config.listen().host()), config.listen().port()),
          128);
      return new StreamSyslogListener(config, s, sink, c, budget, clock);
    } catch (IOException e) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Nothing was served.
        }
      }
      throw new KasaException(
          ErrorCode.USAGE,
          "syslog "
              + config.name()
              + ": cannot listen on "
              + config.listen().authority(config.listen().port())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (counters.connections.incrementAndGet() > config.maxConnections()) {
        counters.connections.decrementAndGet();
        closeQuietly(s);
        continue;
      }
      open.add(s);
      threads.add(
          // A platform thread: a connection that outpaces its sender waits for every segment, and
          // a virtual thread pays the poller's park and wake-up around each of those waits.
          Thread.ofPlatform()
              .daemon()
              .name("kasa-syslog-" + config.name() + "-conn")
              .start(() -> serve(s)));
    }
  }

  private void serve(Socket s) {
    String sender = s.getInetAddress().getHostAddress();
    HeaderMemo memo = memos.poll();
    if (memo == null) {
      memo = new HeaderMemo();
    }
    var batch =
        new EventBatch(
            config.name(),
            config.eventSource(),
            config.checkedEventSource(),
            counters,
            budget,
            memo);
    boolean waits = !(s instanceof SSLSocket);
    long started = 0;
    try {
      s.setSoTimeout(0);
      var frames =
          new SyslogFrames(
              s.getInputStream(), config.maxMessageBytes(), config.maxConnectionBytes());
      while (!closed) {
        // Only once the framing is known: a new connection's first message would take a branch
        // in the compiled loop that the last connection's messages never took.
        if (frames.octetCounting() == Boolean.TRUE) {
          started = drain(frames, batch, sender, waits, started);
        }
        int n;
        try {
          n = frames.next();
        } catch (KasaException e) {
          counters.malformed();
          break;
        }
        if (n == SyslogFrames.END) {
          break;
        }
        if (waits && batch.isEmpty()) {
          started = clock.millis();
        }
        if (n == SyslogFrames.OVERSIZED) {
          counters.malformed();
        } else {
          batch.add(decoding, frames.message(), frames.start(), n, sender);
        }
        if (batch.full()) {
          batch.deliver(sink);
        } else if (!batch.isEmpty()
            && !frames.ready()
            && !(waits && more(s, frames, quietWait(clock.millis() - started)))) {
          // Quiet for now: deliver what came, and give a grant back for a busier connection.
          batch.deliver(sink);
          batch.settle();
        }
      }
      batch.deliver(sink);
    } catch (IOException e) {
      // The peer went away (or the handshake failed): what was read is delivered below.
      try {
        batch.deliver(sink);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      batch.settle();
      memos.offer(memo);
      open.remove(s);
      threads.remove(Thread.currentThread());
      counters.connections.decrementAndGet();
      closeQuietly(s);
    }
  }

  /**
   * Turns the messages that lie whole in the frames' buffer into events ({@link
   * SyslogFrames#nextBuffered()}), delivering the batch when full; returns when none is left, with
   * the time the batch was started at (as {@code started}, the node's clock when {@code waits}).
   * The per-message loop, apart from {@link #serve}'s: it is called once a buffer and compiled
   * once, so a connection's end (met in {@link SyslogFrames#next()}) and the next connection's
   * start do not throw its compiled code away, as they did when the loop ran in {@link #serve}
   * (compiled on the stack, again for each connection). Nothing is waited for: more is buffered
   * after each of these messages, so {@link #serve}'s quiet check would not deliver.
   */
  private long drain(
      SyslogFrames frames, EventBatch batch, String sender, boolean waits, long started)
      throws InterruptedException {
    long t = started;
    int n;
    while ((n = frames.nextBuffered()) >= 0) {
      if (waits && batch.isEmpty()) {
        t = clock.millis();
      }
      batch.add(decoding, frames.message(), frames.start(), n, sender);
      if (batch.full()) {
        batch.deliver(sink);
      }
    }
    return t;
  }

  /**
   * How long to wait for more bytes when nothing is buffered and the batch is {@code ageMillis} old
   * (by the node's clock; a clock set back reads as a young batch, which waits at most this):
   * {@link #QUIET_MILLIS}, less as the batch nears {@link #MAX_AGE_MILLIS}, 0 (deliver now) past
   * it.
   */
  static int quietWait(long ageMillis) {
    long left = MAX_AGE_MILLIS - ageMillis;
    return (int) Math.max(0, Math.min(QUIET_MILLIS, left));
  }

  /** Whether bytes (or the end) came within {@code millis}; 0 does not wait. */
  private static boolean more(Socket s, SyslogFrames frames, int millis) throws IOException {
    if (millis <= 0) {
      return false;
    }
    s.setSoTimeout(millis);
    try {
      return frames.fill();
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      s.setSoTimeout(0);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    try {
      acceptor.join(5_000);
      for (Thread t : threads) {
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Closing: nothing to report.
    }
  }
}
