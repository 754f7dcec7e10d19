package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.node.NodeConfig;
import java.util.Objects;

/**
 * One configured syslog listener ({@code ingest.syslog} in {@code kasa.yml}).
 *
 * @param name the source's name (status, and the events' input name {@code syslog:NAME})
 * @param protocol UDP, TCP or TLS
 * @param listen where to listen; port 0 picks a free port
 * @param fieldMap the field-map source the events are decoded with ({@code syslog} by default)
 * @param maxMessageBytes the largest message kept; larger ones are counted as malformed
 * @param maxConnectionBytes the most one TCP/TLS connection may send before it is closed (0: no
 *     limit)
 * @param maxConnections the most TCP/TLS connections open at once; more are closed at once
 * @param udpQueue UDP: messages held while the sink is full; more are dropped and counted
 */
public record SyslogSource(
    String name,
    Protocol protocol,
    NodeConfig.Listen listen,
    String fieldMap,
    int maxMessageBytes,
    long maxConnectionBytes,
    int maxConnections,
    int udpQueue) {
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final int DEFAULT_UDP_QUEUE = 10_000;

  /** The transport. */
  public enum Protocol {
    UDP,
    TCP,
    TLS
  }

  public SyslogSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(fieldMap, "fieldMap");
    if (maxMessageBytes < 480 || maxMessageBytes > (16 << 20)) {
      throw new KasaException(
          ErrorCode.USAGE,
          "syslog "
              + name
              + ": max-message-bytes must be in 480..16777216 but is "
              + maxMessageBytes);
    }
    if (maxConnectionBytes < 0) {
      throw new KasaException(
          ErrorCode.USAGE,
          "syslog " + name + ": max-connection-bytes must be >= 0 but is " + maxConnectionBytes);
    }
    if (maxConnections < 1 || udpQueue < 1) {
      throw new KasaException(
          ErrorCode.USAGE,
          "syslog "
              + name
              + ": max-connections and udp-queue must be >= 1 but are "
              + maxConnections
              + " and "
              + udpQueue);
    }
  }

  /** A source with the default limits. */
  public static SyslogSource of(String name, Protocol protocol, NodeConfig.Listen listen) {
    return new SyslogSource(
        name,
        protocol,
        listen,
        "syslog",
        DEFAULT_MAX_MESSAGE_BYTES,
        0,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_UDP_QUEUE);
  }

  /**
   * What the events of this source are decoded as: ndjson, named {@code syslog:NAME}, sorted out by
   * {@link SpliceFallback} (which takes {@code _syslog} as first-only: events whose MSG was spliced
   * unchecked).
   */
  EventSource eventSource() {
    return new EventSource("syslog:" + name, EventFormat.NDJSON, fieldMap, SpliceFallback.INSTANCE);
  }

  /**
   * As {@link #eventSource()}, for events that were all written checked (nothing spliced
   * unchecked): no first-only member, so an event whose MSG had its own {@code _syslog} first and
   * again later decodes as it is. The same records as {@link #eventSource()} for every event that
   * source decodes as it is.
   */
  EventSource checkedEventSource() {
    return new EventSource("syslog:" + name, EventFormat.NDJSON, fieldMap, SpliceFallback.CHECKED);
  }

  String kind() {
    return "syslog-" + protocol.name().toLowerCase(java.util.Locale.ROOT);
  }
}
