package dev.kasa;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who and where an event is about, as its source names them: the host that logged it, the two ends
 * of the connection, and named fields that identify it (a Zeek {@code uid}, a Windows {@code
 * EventRecordID}). Read from an event only when it produced a finding; every member is optional.
 * Immutable.
 *
 * @param host the host that logged the event (a Windows {@code Computer}), or null
 * @param source the connection's originator, or null
 * @param destination the connection's responder, or null
 * @param fields named context fields in the order the field map names them (values as text)
 */
public record EventContext(
    String host, Endpoint source, Endpoint destination, Map<String, String> fields) {
  /** The context of an event nothing is known about. */
  public static final EventContext NONE = new EventContext(null, null, null, Map.of());

  public EventContext {
    Objects.requireNonNull(fields, "fields");
    // Keep the field map's order: outputs print the fields in it.
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** True when nothing is known. */
  public boolean isEmpty() {
    return host == null && source == null && destination == null && fields.isEmpty();
  }

  /**
   * One end of a connection.
   *
   * @param ip the address as the event wrote it, or null
   * @param port the port, or -1 when unknown
   */
  public record Endpoint(String ip, int port) {
    public Endpoint {
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      if (ip == null && port == -1) {
        throw new IllegalArgumentException("an endpoint needs an address or a port");
      }
    }

    /** {@code ip:port}, {@code [ip]:port} for IPv6, or whichever part is known. */
    @Override
    public String toString() {
      if (port < 0) {
        return ip;
      }
      if (ip == null) {
        return ":" + port;
      }
      return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
  }
}
