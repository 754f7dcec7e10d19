package dev.kasa.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.ingest.IngestConfig;
import dev.kasa.node.sharing.RelayUnmarked;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoreLocation;
import dev.kasa.node.tls.NodeCertificate;
import dev.kasa.stix.StixTimestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A node directory: {@code kasa.yml}, the SQLite store (unless the store is PostgreSQL), the TLS
 * key and certificate under {@code tls/}, and the node's STIX identity in {@code identity.json}.
 */
public final class NodeHome {
  /** The default largest request body: 32 MiB. */
  public static final long DEFAULT_MAX_CONTENT_LENGTH = 32L << 20;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> TOP_KEYS =
      Set.of(
          "name",
          "identity",
          "listen",
          "store",
          "taxii",
          "sharing",
          "detection",
          "ingest",
          "alerts");
  private static final Set<String> ALERT_KEYS = Set.of("window", "max-findings");
  private static final Set<String> DETECTION_KEYS = Set.of("sigma");
  private static final Set<String> SHARING_KEYS = Set.of("relay-unmarked");
  private static final Set<String> STORE_KEYS = Set.of("url", "user", "password-file");
  private static final Set<String> TAXII_KEYS = Set.of("title", "max-content-length");

  private final Path dir;
  private final NodeConfig config;
  private final IngestConfig ingest;
  private final dev.kasa.node.alert.AlertSettings alerts;

  private NodeHome(
      Path dir, NodeConfig config, IngestConfig ingest, dev.kasa.node.alert.AlertSettings alerts) {
    this.alerts = alerts;
    this.dir = dir;
    this.config = config;
    this.ingest = ingest;
  }

  public Path dir() {
    return dir;
  }

  public NodeConfig config() {
    return config;
  }

  /** How findings group into alerts ({@code alerts} in kasa.yml). */
  public dev.kasa.node.alert.AlertSettings alerts() {
    return alerts;
  }

  /** The {@code ingest} section: syslog listeners and tailed files. */
  public IngestConfig ingest() {
    return ingest;
  }

  /** The TLS key and certificate. */
  public NodeCertificate certificate() {
    return NodeCertificate.read(dir.resolve("tls"));
  }

  /** Opens (and migrates) the store. */
  public Store openStore(Clock clock) {
    return Store.open(config.store(), clock);
  }

  /**
   * Checks a principal or collection name: letters, digits, {@code . _ -}, at most 64 characters,
   * starting with a letter or digit.
   */
  public static String checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new KasaException(
          ErrorCode.USAGE,
          what
              + " must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit)"
              + " but is '"
              + name
              + "'");
    }
    return name;
  }

  /**
   * Makes a node directory.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when {@code dir} exists and is not empty, or a
   *     name is bad
   */
  public static NodeHome init(Path dir, String name, List<String> hosts, Clock clock) {
    checkName("node name", name);
    for (String h : hosts) {
      if (h.isBlank() || !h.matches("[A-Za-z0-9.:*-]+")) {
        throw new KasaException(
            ErrorCode.USAGE, "--host must be a DNS name or address but is '" + h + "'");
      }
    }
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new KasaException(ErrorCode.USAGE, dir + " exists and is not a directory");
        }
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new KasaException(ErrorCode.USAGE, dir + " is not empty; give a new directory");
          }
        }
      }
      Files.createDirectories(dir);
      String identity = "identity--" + UUID.randomUUID();
      Files.writeString(dir.resolve("kasa.yml"), defaultYaml(name, identity));
      NodeCertificate.generate(name, hosts, clock).write(dir.resolve("tls"));
      String now = StixTimestamp.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)).text();
      ObjectMapper json = new ObjectMapper();
      ObjectNode o = json.createObjectNode();
      o.put("type", "identity");
      o.put("spec_version", "2.1");
      o.put("id", identity);
      o.put("created", now);
      o.put("modified", now);
      o.put("name", name);
      o.put("identity_class", "organization");
      Files.writeString(
          dir.resolve("identity.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot make the node directory " + dir + ": " + e, e);
    }
    NodeHome home = open(dir);
    home.openStore(clock).close();
    return home;
  }

  /**
   * Reads a node directory's {@code kasa.yml}.
   *
   * @throws KasaException {@link ErrorCode#USAGE} when {@code dir} is not a node directory or its
   *     {@code kasa.yml} is wrong (naming the key)
   */
  public static NodeHome open(Path dir) {
    Path yml = dir.resolve("kasa.yml");
    if (!Files.isRegularFile(yml)) {
      throw new KasaException(
          ErrorCode.USAGE,
          dir + " is not a node directory (no kasa.yml); make one with 'kasa node init'");
    }
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build())
              .loadFromString(Files.readString(yml));
    } catch (IOException e) {
      throw new KasaException(ErrorCode.UNREADABLE_INPUT, "cannot read " + yml + ": " + e, e);
    } catch (YamlEngineException e) {
      throw new KasaException(
          ErrorCode.USAGE, yml + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    Map<String, Object> top = map(root, yml, "", TOP_KEYS);
    String name = checkName(yml + ": name", string(top, "name", yml, true));
    String identity = string(top, "identity", yml, true);
    if (!identity.matches("identity--[0-9a-f-]{36}")) {
      throw new KasaException(
          ErrorCode.USAGE, yml + ": identity must be identity--<uuid> but is '" + identity + "'");
    }
    String listenText = string(top, "listen", yml, false);
    var listen = NodeConfig.Listen.parse(listenText == null ? "127.0.0.1:8443" : listenText);
    Map<String, Object> store = map(top.get("store"), yml, "store.", STORE_KEYS);
    String url = string(store, "url", yml, false);
    StoreLocation location;
    if (url == null || url.equals("jdbc:sqlite:store.db")) {
      location = StoreLocation.sqlite(dir.resolve("store.db"));
    } else if (url.startsWith("jdbc:sqlite:") && !Path.of(url.substring(12)).isAbsolute()) {
      location = StoreLocation.sqlite(dir.resolve(url.substring(12)));
    } else {
      String passwordFile = string(store, "password-file", yml, false);
      String password = passwordFile == null ? null : Secrets.firstLine(dir.resolve(passwordFile));
      location = new StoreLocation(url, string(store, "user", yml, false), password);
    }
    Map<String, Object> taxii = map(top.get("taxii"), yml, "taxii.", TAXII_KEYS);
    String title = string(taxii, "title", yml, false);
    Object max = taxii.get("max-content-length");
    long maxContent = DEFAULT_MAX_CONTENT_LENGTH;
    if (max != null) {
      if (!(max instanceof Number n)) {
        throw new KasaException(
            ErrorCode.USAGE,
            yml + ": taxii.max-content-length must be a number but is '" + max + "'");
      }
      maxContent = n.longValue();
    }
    Map<String, Object> sharing = map(top.get("sharing"), yml, "sharing.", SHARING_KEYS);
    String relay = string(sharing, "relay-unmarked", yml, false);
    RelayUnmarked relayUnmarked;
    try {
      relayUnmarked = relay == null ? RelayUnmarked.NONE : RelayUnmarked.parse(relay);
    } catch (KasaException e) {
      throw new KasaException(ErrorCode.USAGE, yml + ": " + e.getMessage());
    }
    Map<String, Object> detection = map(top.get("detection"), yml, "detection.", DETECTION_KEYS);
    List<Path> sigmaDirs = new java.util.ArrayList<>();
    Object sigma = detection.get("sigma");
    for (Object d : sigma == null ? List.of() : sigma instanceof List<?> l ? l : List.of(sigma)) {
      if (d == null || d instanceof Map || d instanceof List || String.valueOf(d).isBlank()) {
        throw new KasaException(
            ErrorCode.USAGE, yml + ": detection.sigma must list directories but has '" + d + "'");
      }
      sigmaDirs.add(dir.resolve(String.valueOf(d)));
    }
    IngestConfig ingest = IngestConfig.parse(top.get("ingest"), yml, dir);
    Map<String, Object> alertKeys = map(top.get("alerts"), yml, "alerts.", ALERT_KEYS);
    var alerts = dev.kasa.node.alert.AlertSettings.DEFAULT;
    String window = string(alertKeys, "window", yml, false);
    Object maxFindings = alertKeys.get("max-findings");
    if (maxFindings != null && !(maxFindings instanceof Number)) {
      throw new KasaException(
          ErrorCode.USAGE,
          yml + ": alerts.max-findings must be a number but is '" + maxFindings + "'");
    }
    try {
      alerts =
          new dev.kasa.node.alert.AlertSettings(
              window == null ? alerts.window() : duration(window),
              maxFindings == null ? alerts.maxFindings() : ((Number) maxFindings).intValue());
    } catch (KasaException e) {
      throw new KasaException(ErrorCode.USAGE, yml + ": " + e.getMessage());
    }
    return new NodeHome(
        dir,
        new NodeConfig(
            name,
            identity,
            listen,
            location,
            title == null ? name : title,
            maxContent,
            relayUnmarked,
            sigmaDirs),
        ingest,
        alerts);
  }

  /** {@code 90m}, {@code 24h}, {@code 7d} (or {@code 30s}). */
  private static java.time.Duration duration(String text) {
    var m = Pattern.compile("([0-9]{1,6})([smhd])").matcher(text.strip());
    if (!m.matches()) {
      throw new KasaException(
          ErrorCode.USAGE,
          "alerts.window must be a number and s, m, h or d (e.g. 24h) but is '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> java.time.Duration.ofSeconds(n);
      case "m" -> java.time.Duration.ofMinutes(n);
      case "h" -> java.time.Duration.ofHours(n);
      default -> java.time.Duration.ofDays(n);
    };
  }

  private static String defaultYaml(String name, String identity) {
    return """
    # Kasa node configuration, written by 'kasa node init'. Restart 'kasa serve' after editing.

    # The node's name: it names the node to its partners and in its TLS certificate.
    name: %s

    # The node's STIX identity, made once. Do not change it: partners know the node by it.
    identity: %s

    # Where 'kasa serve' listens (HTTPS only) unless --listen says otherwise; port 0 picks a
    # free port.
    listen: 127.0.0.1:8443

    # The store. By default the embedded SQLite file store.db in this directory. For
    # PostgreSQL give its JDBC URL, the user, and a file whose first line is the password:
    #   url: jdbc:postgresql://db.example:5432/kasa
    #   user: kasa
    #   password-file: /etc/kasa/db-password
    store:
      url: jdbc:sqlite:store.db

    # The TAXII 2.1 API root at /taxii2/api/.
    taxii:
      # Its title, shown by discovery.
      title: %s
      # The largest request body accepted, in bytes (max_content_length).
      max-content-length: %d

    # Sharing with partners (docs/federation.md). Received objects that carry no TLP marking
    # are relayed to other partners: none (never; the default), clear (as TLP:CLEAR) or green
    # (as TLP:GREEN: to partners sharing a community with the one they came from).
    sharing:
      relay-unmarked: none

    # The live detector (docs/node.md): it matches the events sensors POST to /kasa/v1/events
    # against every indicator in the store, the Sigma rules shared as indicators
    # (pattern_type: sigma), and the Sigma rules in these directories (relative to this one;
    # read at start):
    #   sigma: [rules/sigma, /etc/kasa/sigma]
    detection:
      sigma: []

    # Alerts (docs/node.md#alerts): findings grouped per (detection, asset). A finding joins the
    # open alert of its group first seen at most 'window' before it (s, m, h or d); an alert keeps
    # links to its first 'max-findings' findings (its count goes on).
    alerts:
      window: 24h
      max-findings: 100

    # Continuous ingest (docs/node.md#continuous-ingest): syslog listeners and tailed files. Each
    # source has a name (shown by GET /kasa/v1/sources). Syslog (RFC 5424 and 3164) over udp,
    # tcp (octet counting or newline framing) or tls (RFC 5425, this node's certificate); a
    # message whose MSG is a JSON object is that event, with the header under "_syslog";
    # other messages become {"_syslog": {...}, "message": "..."}. Files: a file or a folder
    # (its files), rotation-safe, checkpointed in the store; the format is detected per file
    # as kasa scan detects it unless given.
    # ingest:
    #   syslog:
    #     - name: firewalls
    #       protocol: udp                # udp | tcp | tls
    #       listen: 0.0.0.0:5514
    #       # field-map: syslog          # the field-map source the events are read with
    #       # max-message-bytes: 65536   # larger messages are counted as malformed
    #       # udp-queue: 10000           # UDP: messages held while busy; more are dropped
    #     - name: servers
    #       protocol: tls
    #       listen: 0.0.0.0:6514
    #       # max-connections: 256
    #       # max-connection-bytes: 0    # 0: no limit
    #   files:
    #     - name: zeek
    #       path: /opt/zeek/logs/current # a file or a folder
    #       # format: zeek-tsv           # default: detected per file
    #       # max-line-bytes: 1048576    # longer records are skipped and counted
    #       # poll-millis: 250
    """
        .formatted(name, identity, name, DEFAULT_MAX_CONTENT_LENGTH);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node, Path yml, String prefix, Set<String> keys) {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof Map<?, ?> m)) {
      throw new KasaException(
          ErrorCode.USAGE,
          yml
              + ": "
              + (prefix.isEmpty() ? "the file" : prefix.substring(0, prefix.length() - 1))
              + " must be a mapping");
    }
    for (Object k : m.keySet()) {
      if (!keys.contains(String.valueOf(k))) {
        throw new KasaException(
            ErrorCode.USAGE,
            yml
                + ": unknown key '"
                + prefix
                + k
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(keys))
                + ")");
      }
    }
    return (Map<String, Object>) m;
  }

  private static String string(Map<String, Object> m, String key, Path yml, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        throw new KasaException(ErrorCode.USAGE, yml + ": '" + key + "' is required");
      }
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw new KasaException(ErrorCode.USAGE, yml + ": '" + key + "' must be a single value");
    }
    return String.valueOf(v);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
