package dev.kasa.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.Kasa;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.ingest.SourceStatus;
import dev.kasa.node.tls.NodeCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The watch demo's one node, Base 7: made with the {@code kasa} commands (run in this process and
 * printed), given the demo base's assets, the allies' demo intelligence and Base 7's Sigma rules,
 * an analyst with a generated password, a TCP syslog listener and a tailed folder; then the demo
 * telemetry is replayed through both and the alerts are read back over the API.
 */
final class WatchFloor implements AutoCloseable {
  static final String ANALYST = "analyst";
  static final String SYSLOG = "suricata";
  static final String FOLDER = "sensors";
  private static final String DEMO = "/dev/kasa/cli/demo/";
  private static final String WATCH = "/dev/kasa/cli/watch/";
  private static final long WAIT_NANOS = 90_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final Path base;
  private final Path dir;
  private final Path telemetry;
  private final Clock clock;
  private final String password;
  private NodeServer server;
  private HttpClient client;

  WatchFloor(PrintWriter out, Path base, Clock clock) {
    this.out = out;
    this.base = base;
    this.dir = base.resolve("base7");
    this.telemetry = base.resolve("telemetry");
    this.clock = clock;
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    this.password = HexFormat.of().formatHex(b);
  }

  String password() {
    return password;
  }

  String url() {
    return server.url();
  }

  Path dir() {
    return dir;
  }

  Path telemetry() {
    return telemetry;
  }

  int syslogPort() {
    return server.ingest().port(SYSLOG);
  }

  /** Makes the node directory with the kasa commands and writes its ingest section. */
  void setUp(int syslogPort) {
    out.println("1. The node is made with the kasa commands:");
    write("analyst.pw", password + "\n");
    // The demo bundle holds one invalid indicator on purpose (kasa demo shows it reported); a node
    // refuses a bundle with an invalid object, so it is left out here.
    write(
        "intel/allied-cyber-command.stix.json",
        withoutInvalid(DEMO + "intel/allied-cyber-command.stix.json"));
    for (String f :
        List.of(
            "intel/harbor-summit-security.misp.json",
            "intel/base7-cert-blocklist.txt",
            "sigma/base7-detections.yml")) {
      write(f, resource(DEMO + f));
    }
    write("base7-assets.csv", resource(WATCH + "base7-assets.csv"));
    run("node init DIR --name base7");
    run("asset import DIR {}", file("base7-assets.csv"));
    run("collection add DIR allies --title {}", "Intelligence from the allies");
    run(
        "intel add DIR allies {} {}",
        file("intel/allied-cyber-command.stix.json"),
        file("intel/harbor-summit-security.misp.json"));
    run("intel add DIR allies {} --tlp clear", file("intel/base7-cert-blocklist.txt"));
    run("collection add DIR rules --title {}", "Base 7 detection rules");
    run("intel add DIR rules {} --tlp green", file("sigma/base7-detections.yml"));
    run("user add DIR {} --role analyst --password-file {}", ANALYST, file("analyst.pw"));
    try {
      Files.createDirectories(telemetry);
      // A TCP syslog listener for the Suricata sensor (its EVE JSON as each message's MSG, read
      // with the eve field map) and the sensors' folder, tailed.
      Files.writeString(
          dir.resolve("kasa.yml"),
          """

          ingest:
            syslog:
              - name: %s
                protocol: tcp
                listen: 127.0.0.1:%d
                field-map: eve
            files:
              - name: %s
                path: %s
          """
              .formatted(SYSLOG, syslogPort, FOLDER, telemetry),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("   and kasa.yml's ingest section: syslog over TCP, and the folder " + telemetry);
    out.println();
  }

  /** Serves on {@code port} of 127.0.0.1 (0: a free one) and waits until the detector is armed. */
  void start(int port) {
    PrintStream log;
    try {
      log =
          new PrintStream(
              Files.newOutputStream(dir.resolve("node.log")), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        NodeServer.start(NodeHome.open(dir), new NodeConfig.Listen("127.0.0.1", port), clock, log);
    client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(
                    NodeCertificate.readCertificate(dir.resolve("tls").resolve("cert.pem"))))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    await(
        "the live detector's indicators and rules",
        () ->
            server.detector().status().indicators() > 0 && server.detector().status().rules() > 0);
    out.println(
        "2. The node serves on " + server.url() + " (log: " + dir.resolve("node.log") + ")");
    out.printf(
        "   armed with %d indicators and %d Sigma rules; syslog (TCP) on 127.0.0.1:%d; tailing"
            + " %s%n",
        server.detector().status().indicators(),
        server.detector().status().rules(),
        syslogPort(),
        telemetry);
    out.println();
  }

  /** Replays the demo telemetry through the syslog socket and the folder; waits until matched. */
  void replay() {
    out.println("3. The base's sensors send their telemetry:");
    long syslog = Replay.syslog(resource(DEMO + "logs/suricata/eve.json"), syslogPort());
    out.printf("   %d Suricata EVE events over syslog (RFC 5424, octet counting, TCP)%n", syslog);
    long files = 0;
    for (String log : List.of("conn", "dns", "http", "files", "smtp")) {
      files += Replay.file(resource(DEMO + "logs/zeek/" + log + ".log"), telemetry, log + ".log");
    }
    out.printf("   Zeek conn, dns, http, files and smtp logs written into %s%n", telemetry);
    long sysmon =
        Replay.jsonLines(
            resource(DEMO + "logs/sysmon/workstation-7-17.evtx.json"),
            telemetry,
            "workstation-7-17.evtx.json");
    files += sysmon;
    out.printf("   %d Sysmon events appended one by one to workstation-7-17.evtx.json%n", sysmon);
    long wantSyslog = syslog;
    long wantFiles = files;
    await(
        "the replayed telemetry",
        () -> events(SYSLOG) >= wantSyslog && events(FOLDER) >= wantFiles);
    out.printf(
        "   the node took %d events from syslog and %d from the folder%n",
        events(SYSLOG), events(FOLDER));
    out.println();
  }

  /** Reads the alerts over the API as the analyst and prints them by priority. */
  JsonNode alerts() {
    JsonNode alerts = get("/kasa/v1/alerts?limit=500").path("alerts");
    Map<String, Integer> byPriority = new TreeMap<>();
    for (JsonNode a : alerts) {
      byPriority.merge(a.path("priority").asText(), 1, Integer::sum);
    }
    out.printf("4. %d alerts, by priority %s; the first ones:%n", alerts.size(), byPriority);
    int shown = 0;
    for (JsonNode a : alerts) {
      if (shown++ == 8) {
        break;
      }
      out.printf(
          "   %-8s %-18s %-4d %-14s %s%n",
          a.path("priority").asText(),
          a.path("asset").asText("-"),
          a.path("count").asLong(),
          a.path("actor").asText("-"),
          a.path("title").asText());
    }
    out.println();
    return alerts;
  }

  /** GET {@code path} as the analyst, a JSON answer. */
  JsonNode get(String path) {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ANALYST + ":" + password).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + path))
                  .header("Authorization", auth)
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new KasaException(
            ErrorCode.IO_FAILURE, "the node answered " + r.statusCode() + " to GET " + path);
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.INTERNAL, "interrupted", e);
    }
  }

  private long events(String source) {
    for (SourceStatus s : server.ingest().statuses()) {
      if (s.name().equals(source)) {
        return s.events();
      }
    }
    return 0;
  }

  private void await(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new KasaException(
            ErrorCode.INTERNAL, "the watch demo waited 90 s for " + what + " in vain");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KasaException(ErrorCode.INTERNAL, "interrupted", e);
      }
    }
  }

  // Prints and runs kasa LINE: each {} takes the next value, DIR stands for the node directory.
  private String run(String line, String... values) {
    String[] args = line.split(" ");
    var shown = new StringBuilder("   $ kasa");
    int next = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("{}")) {
        args[i] = values[next++];
      }
      if (args[i].equals("DIR")) {
        args[i] = dir.toString();
      }
      shown.append(' ').append(args[i].contains(" ") ? "'" + args[i] + "'" : args[i]);
    }
    out.println(shown);
    var o = new StringWriter();
    var e = new StringWriter();
    int status =
        Kasa.run(
            args, InputStream.nullInputStream(), new PrintWriter(o), new PrintWriter(e), clock);
    if (status != 0) {
      throw new KasaException(
          ErrorCode.INTERNAL, "the demo's '" + shown.toString().strip() + "' failed: " + e);
    }
    return o.toString();
  }

  private String file(String name) {
    return base.resolve("files").resolve(name).toString();
  }

  private void write(String name, byte[] bytes) {
    try {
      Path p = base.resolve("files").resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String name, String text) {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] withoutInvalid(String bundle) {
    try {
      var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(resource(bundle));
      var objects = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("objects");
      for (int i = objects.size() - 1; i >= 0; i--) {
        JsonNode o = objects.get(i);
        if (o.path("type").asText().equals("indicator") && !o.has("valid_from")) {
          objects.remove(i);
        }
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = WatchFloor.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new KasaException(ErrorCode.INTERNAL, "demo file missing from this build: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
