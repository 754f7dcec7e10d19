package dev.kasa.node;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.sharing.RelayUnmarked;
import dev.kasa.node.store.StoreLocation;
import java.util.Objects;

/**
 * A node's settings, from its {@code kasa.yml}.
 *
 * @param name the node's name
 * @param identityId the node's STIX identity id, made once by {@code node init}
 * @param listen where {@code kasa serve} listens by default
 * @param store where the store lives
 * @param title the TAXII API root's title
 * @param maxContentLength the largest request body accepted, in bytes
 * @param relayUnmarked {@code sharing.relay-unmarked}: how received objects without a TLP marking
 *     are relayed
 * @param sigmaDirs {@code detection.sigma}: directories of Sigma rules the node's detector runs
 *     besides the rules shared as indicators (relative paths resolved against the node directory)
 */
public record NodeConfig(
    String name,
    String identityId,
    Listen listen,
    StoreLocation store,
    String title,
    long maxContentLength,
    RelayUnmarked relayUnmarked,
    java.util.List<java.nio.file.Path> sigmaDirs) {
  public NodeConfig {
    sigmaDirs = java.util.List.copyOf(sigmaDirs);
    Objects.requireNonNull(relayUnmarked, "relayUnmarked");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identityId, "identityId");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(title, "title");
    if (maxContentLength < 1024 || maxContentLength > (1L << 30)) {
      throw new KasaException(
          ErrorCode.USAGE,
          "taxii.max-content-length must be in 1024..1073741824 but is " + maxContentLength);
    }
  }

  /** A host and port to listen on; port 0 picks a free port. */
  public record Listen(String host, int port) {
    public Listen {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new KasaException(ErrorCode.USAGE, "port must be in 0..65535 but is " + port);
      }
    }

    /**
     * Parses {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @throws KasaException {@link ErrorCode#USAGE} naming the bad value
     */
    public static Listen parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new KasaException(
            ErrorCode.USAGE, "listen address must be HOST:PORT but is '" + text + "'");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new KasaException(
            ErrorCode.USAGE, "write an IPv6 listen address as [ADDRESS]:PORT, not '" + text + "'");
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new KasaException(
            ErrorCode.USAGE,
            "listen port must be a number but is '" + text.substring(colon + 1) + "'");
      }
      return new Listen(host, port);
    }

    /** {@code HOST:PORT}, with brackets around an IPv6 address. */
    public String authority(int actualPort) {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
    }
  }
}
