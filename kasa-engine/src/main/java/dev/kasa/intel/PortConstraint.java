package dev.kasa.intel;

import dev.kasa.EventContext;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.util.Objects;

/**
 * The port an address indicator also requires, and on which side of a connection: a MISP {@code
 * ip-dst|port} attribute, or a STIX {@code [network-traffic:dst_ref.value = 'X' AND
 * network-traffic:dst_port = N]} pattern. The index still looks the address up; a hit on it is
 * confirmed only when the event's endpoint on that side has that address and that port.
 *
 * @param side the end of the connection the address and the port must be on
 * @param port 0 to 65535
 */
public record PortConstraint(Side side, int port) {
  /** An end of a connection, as {@link EventContext} names them. */
  public enum Side {
    /** The originator ({@code src}, {@code id.orig_h}). */
    SOURCE,
    /** The responder ({@code dst}, {@code id.resp_h}). */
    DESTINATION
  }

  public PortConstraint {
    Objects.requireNonNull(side, "side");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 but was " + port);
    }
  }

  /**
   * A port as written in intelligence: decimal digits only, 0 to 65535; null when it is not one.
   */
  public static Integer parsePort(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > 5) {
      return null;
    }
    int p = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      p = p * 10 + (c - '0');
    }
    return p <= 65535 ? p : null;
  }

  /**
   * Whether an event whose address field held {@code address} (as found in the event) satisfies
   * this constraint: its endpoint on {@link #side} has that address and this port. An event that
   * names no port on that side does not.
   */
  public boolean heldBy(EventContext context, String address) {
    EventContext.Endpoint end = side == Side.SOURCE ? context.source() : context.destination();
    return end != null && end.port() == port && end.ip() != null && sameAddress(end.ip(), address);
  }

  private static boolean sameAddress(String a, String b) {
    String x = a.strip();
    String y = b.strip();
    if (x.equals(y)) {
      return true;
    }
    var nx =
        Observables.tryNormalize(
            x.indexOf(':') >= 0 ? ObservableType.IPV6 : ObservableType.IPV4, x);
    var ny =
        Observables.tryNormalize(
            y.indexOf(':') >= 0 ? ObservableType.IPV6 : ObservableType.IPV4, y);
    return nx.isPresent() && nx.equals(ny);
  }

  /** {@code dst port 443} or {@code src port 443}, as reports print it. */
  public String text() {
    return (side == Side.SOURCE ? "src" : "dst") + " port " + port;
  }
}
