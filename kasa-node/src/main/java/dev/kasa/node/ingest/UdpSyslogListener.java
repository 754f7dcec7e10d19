package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Syslog over UDP: one datagram, one message. UDP cannot push back on a sender, so the receiving
 * thread never blocks on the sink: events wait in a bounded queue ({@link SyslogSource#udpQueue()})
 * for the delivering thread, and a datagram that finds the queue full is dropped and counted.
 */
final class UdpSyslogListener implements AutoCloseable {
  private final SyslogSource config;
  private final DatagramSocket socket;
  private final TelemetrySink sink;
  private final SourceCounters counters;
  private final SyslogDecoding decoding;
  private final ArrayBlockingQueue<byte[]> queue;
  private final Thread receiver;
  private final Thread deliverer;
  private volatile boolean closed;

  private UdpSyslogListener(
      SyslogSource config,
      DatagramSocket socket,
      TelemetrySink sink,
      SourceCounters counters,
      Clock clock) {
    this.config = config;
    this.socket = socket;
    this.sink = sink;
    this.counters = counters;
    this.decoding = new SyslogDecoding(counters, clock);
    this.queue = new ArrayBlockingQueue<>(config.udpQueue());
    counters.lag(queue::size);
    this.receiver =
        Thread.ofPlatform().daemon().name("kasa-syslog-" + config.name()).start(this::receive);
    this.deliverer =
        Thread.ofPlatform()
            .daemon()
            .name("kasa-syslog-" + config.name() + "-deliver")
            .start(this::deliver);
  }

  /**
   * Binds and starts receiving.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when the address cannot be bound
   */
  static UdpSyslogListener start(
      SyslogSource config, TelemetrySink sink, SourceCounters c, Clock clock) {
    try {
      var s =
          new DatagramSocket(
              new InetSocketAddress(
                  InetAddress.getByName(config.listen().host()), config.listen().port()));
      s.setReceiveBufferSize(4 << 20);
      return new UdpSyslogListener(config, s, sink, c, clock);
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.USAGE,
          "syslog "
              + config.name()
              + ": cannot listen on udp "
              + config.listen().authority(config.listen().port())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  private void receive() {
    // One byte more than the limit tells an oversized datagram from one exactly at it.
    byte[] buf = new byte[Math.min(65_536, config.maxMessageBytes() + 1)];
    var packet = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        packet.setLength(buf.length);
        socket.receive(packet);
      } catch (SocketException e) {
        if (closed) {
          return;
        }
        continue;
      } catch (IOException e) {
        continue;
      }
      int n = packet.getLength();
      while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == 0)) {
        n--;
      }
      if (packet.getLength() > config.maxMessageBytes()) {
        counters.malformed();
        continue;
      }
      byte[] event = decoding.event(buf, 0, n, packet.getAddress().getHostAddress());
      if (event != null && !queue.offer(event)) {
        counters.dropped();
      }
    }
  }

  private void deliver() {
    // UDP events are all written checked (SyslogDecoding.event): nothing for the guard to find.
    var batch = new EventBatch(config.name(), config.checkedEventSource(), counters);
    var taken = new ArrayList<byte[]>(EventBatch.BASE_EVENTS);
    try {
      while (!closed || !queue.isEmpty()) {
        byte[] first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(taken, EventBatch.BASE_EVENTS - 1);
        taken.forEach(batch::add);
        taken.clear();
        batch.deliver(sink);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
    deliverer.interrupt();
    try {
      receiver.join(5_000);
      deliverer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
