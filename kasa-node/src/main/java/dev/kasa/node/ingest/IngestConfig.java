package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.event.EventFormat;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ingest} section of {@code kasa.yml}: syslog listeners and tailed files.
 *
 * @param syslog the listeners
 * @param files the tailed files and folders
 */
public record IngestConfig(List<SyslogSource> syslog, List<TailedSource> files) {
  /** No ingest. */
  public static final IngestConfig NONE = new IngestConfig(List.of(), List.of());

  private static final Set<String> TOP = Set.of("syslog", "files");
  private static final Set<String> SYSLOG =
      Set.of(
          "name",
          "protocol",
          "listen",
          "field-map",
          "max-message-bytes",
          "max-connection-bytes",
          "max-connections",
          "udp-queue");
  private static final Set<String> FILES =
      Set.of("name", "path", "format", "field-map", "max-line-bytes", "poll-millis");

  public IngestConfig {
    syslog = List.copyOf(syslog);
    files = List.copyOf(files);
    Set<String> names = new HashSet<>();
    for (SyslogSource s : syslog) {
      if (!names.add(s.name())) {
        throw new KasaException(
            ErrorCode.USAGE, "ingest: the source name '" + s.name() + "' is used twice");
      }
    }
    for (TailedSource f : files) {
      if (!names.add(f.name())) {
        throw new KasaException(
            ErrorCode.USAGE, "ingest: the source name '" + f.name() + "' is used twice");
      }
    }
  }

  /**
   * Reads the section ({@code node} is its YAML value, possibly null); relative paths are under
   * {@code dir}.
   *
   * @throws KasaException {@link ErrorCode#USAGE} naming the key or value that is wrong
   */
  public static IngestConfig parse(Object node, Path yml, Path dir) {
    if (node == null) {
      return NONE;
    }
    Map<?, ?> top = map(node, yml, "ingest", TOP);
    var syslog = new ArrayList<SyslogSource>();
    int i = 0;
    for (Object o : list(top.get("syslog"), yml, "ingest.syslog")) {
      String at = "ingest.syslog[" + i++ + "]";
      Map<?, ?> m = map(o, yml, at, SYSLOG);
      String name = NodeHome.checkName(yml + ": " + at + ".name", text(m, "name", yml, at, true));
      String protocol = text(m, "protocol", yml, at, true).toUpperCase(Locale.ROOT);
      SyslogSource.Protocol p;
      try {
        p = SyslogSource.Protocol.valueOf(protocol);
      } catch (IllegalArgumentException e) {
        throw usage(yml, at + ".protocol must be udp, tcp or tls but is '" + protocol + "'");
      }
      NodeConfig.Listen listen;
      try {
        listen = NodeConfig.Listen.parse(text(m, "listen", yml, at, true));
      } catch (KasaException e) {
        throw usage(yml, at + ".listen: " + e.getMessage());
      }
      String fieldMap = text(m, "field-map", yml, at, false);
      syslog.add(
          checked(
              yml,
              () ->
                  new SyslogSource(
                      name,
                      p,
                      listen,
                      fieldMap == null ? "syslog" : fieldMap,
                      (int)
                          number(
                              m,
                              "max-message-bytes",
                              SyslogSource.DEFAULT_MAX_MESSAGE_BYTES,
                              yml,
                              at),
                      number(m, "max-connection-bytes", 0, yml, at),
                      (int)
                          number(
                              m, "max-connections", SyslogSource.DEFAULT_MAX_CONNECTIONS, yml, at),
                      (int) number(m, "udp-queue", SyslogSource.DEFAULT_UDP_QUEUE, yml, at))));
    }
    var files = new ArrayList<TailedSource>();
    i = 0;
    for (Object o : list(top.get("files"), yml, "ingest.files")) {
      String at = "ingest.files[" + i++ + "]";
      Map<?, ?> m = map(o, yml, at, FILES);
      String name = NodeHome.checkName(yml + ": " + at + ".name", text(m, "name", yml, at, true));
      Path path = dir.resolve(text(m, "path", yml, at, true));
      String formatName = text(m, "format", yml, at, false);
      EventFormat format;
      try {
        format = formatName == null ? null : EventFormat.byName(formatName);
      } catch (KasaException e) {
        throw usage(yml, at + ".format: " + e.getMessage());
      }
      String fieldMap = text(m, "field-map", yml, at, false);
      files.add(
          checked(
              yml,
              () ->
                  new TailedSource(
                      name,
                      path,
                      format,
                      fieldMap,
                      (int)
                          number(m, "max-line-bytes", TailedSource.DEFAULT_MAX_LINE_BYTES, yml, at),
                      number(m, "poll-millis", TailedSource.DEFAULT_POLL_MILLIS, yml, at))));
    }
    return checked(yml, () -> new IngestConfig(syslog, files));
  }

  private static <T> T checked(Path yml, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (KasaException e) {
      if (e.getMessage().startsWith(yml.toString())) {
        throw e;
      }
      throw usage(yml, e.getMessage());
    }
  }

  private static Map<?, ?> map(Object node, Path yml, String at, Set<String> keys) {
    if (!(node instanceof Map<?, ?> m)) {
      throw usage(yml, at + " must be a mapping");
    }
    for (Object k : m.keySet()) {
      if (!keys.contains(String.valueOf(k))) {
        throw usage(
            yml,
            "unknown key '"
                + at
                + "."
                + k
                + "' (known: "
                + String.join(", ", new TreeSet<>(keys))
                + ")");
      }
    }
    return m;
  }

  private static List<?> list(Object node, Path yml, String at) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> l)) {
      throw usage(yml, at + " must be a list");
    }
    return l;
  }

  private static String text(Map<?, ?> m, String key, Path yml, String at, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        throw usage(yml, at + "." + key + " is required");
      }
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw usage(yml, at + "." + key + " must be a single value");
    }
    return String.valueOf(v);
  }

  private static long number(Map<?, ?> m, String key, long fallback, Path yml, String at) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw usage(yml, at + "." + key + " must be a number but is '" + v + "'");
    }
    return n.longValue();
  }

  private static KasaException usage(Path yml, String message) {
    return new KasaException(ErrorCode.USAGE, yml + ": " + message);
  }
}
