package dev.kasa.cli.umbrella;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.Kasa;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.link.LinkTiming;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One of the demo's nodes: its directory, set up with the {@code kasa} commands themselves (run in
 * this process), its server once started, and an HTTPS client that pins its certificate and speaks
 * as its demo admin or sensor.
 */
final class DemoNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The live-update path answers within 3 s here (30 s in {@code kasa serve}): a pull link sends
   * sightings back after each round, so the story does not wait half a minute per hop.
   */
  static final NodeServer.Timing TIMING =
      new NodeServer.Timing(Duration.ofSeconds(3), LinkTiming.DEFAULT);

  private final String name;
  private final Path dir;
  private final Clock clock;
  private final String adminAuth;
  private final String sensorAuth;
  private NodeServer server;
  private HttpClient client;

  DemoNode(String name, Path dir, Clock clock, String adminPassword, String sensorPassword) {
    this.name = name;
    this.dir = dir;
    this.clock = clock;
    this.adminAuth = basic(UmbrellaStory.ADMIN, adminPassword);
    this.sensorAuth = basic(UmbrellaStory.SENSOR, sensorPassword);
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  String url() {
    return server.url();
  }

  String identity() {
    return NodeHome.open(dir).config().identityId();
  }

  /**
   * Runs {@code kasa ARGS} in this process, {@code DIR} in ARGS standing for this node's directory;
   * its standard output.
   *
   * @throws KasaException when the command fails
   */
  String kasa(String... args) {
    String[] full = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      full[i] = args[i].equals("DIR") ? dir.toString() : args[i];
    }
    var out = new StringWriter();
    var err = new StringWriter();
    int status =
        Kasa.run(
            full, InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), clock);
    if (status != 0) {
      throw new KasaException(
          ErrorCode.INTERNAL,
          "the demo's 'kasa " + String.join(" ", full) + "' failed (" + status + "): " + err);
    }
    return out.toString();
  }

  /** Starts serving on a free port of 127.0.0.1; the node's log goes to {@code node.log}. */
  void start() {
    PrintStream log;
    try {
      log =
          new PrintStream(
              Files.newOutputStream(dir.resolve("node.log")), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        NodeServer.start(
            NodeHome.open(dir), new NodeConfig.Listen("127.0.0.1", 0), clock, log, TIMING);
    client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(
                    NodeCertificate.readCertificate(dir.resolve("tls").resolve("cert.pem"))))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** POSTs Zeek JSON events of log type {@code log} as the sensor; the findings' JSON lines. */
  List<String> events(String log, String body) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/kasa/v1/events?format=zeek-json&log=" + log))
                .header("Authorization", sensorAuth)
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            200);
    var findings = new ArrayList<String>();
    for (String line : r.body().split("\n")) {
      if (!line.startsWith("{\"kind\":\"summary\"") && line.startsWith("{")) {
        findings.add(line);
      }
    }
    return findings;
  }

  /** GET {@code path} as the admin; the body, or null on 404. */
  String get(String path) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", adminAuth)
                .header("Accept", "application/taxii+json;version=2.1")
                .GET(),
            0);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new KasaException(
          ErrorCode.IO_FAILURE, name + " answered " + r.statusCode() + " to GET " + path);
    }
    return r.body();
  }

  /** Whether the node holds {@code stixId} in {@code collection} (TAXII, as its admin). */
  boolean holds(String collection, String stixId) {
    return get("/taxii2/api/collections/" + collection + "/objects/" + stixId + "/") != null;
  }

  private URI uri(String path) {
    return URI.create(server.url() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> r =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (expected != 0 && r.statusCode() != expected) {
        throw new KasaException(
            ErrorCode.IO_FAILURE, name + " answered " + r.statusCode() + ": " + r.body());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.INTERNAL, "interrupted", e);
    }
  }

  /** {@code text} parsed as JSON. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
