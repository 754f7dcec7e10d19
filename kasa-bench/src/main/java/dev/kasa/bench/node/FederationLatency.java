package dev.kasa.bench.node;

import dev.kasa.node.tls.NodeCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The federation's update latency: from the 202 answer at node A for one indicator to an event at
 * node B matching it. Usage: {@code FederationLatency A_URL A_COLLECTION A_ADMIN:PASSWORD
 * A_CERT.pem B_URL B_CERT.pem B_SENSOR:PASSWORD POSTS INTERVAL_MS FIRST_OCTET LABEL}. B pulls A's
 * collection over a link. One thread POSTs POSTS single-indicator bundles to A's TAXII collection,
 * one every INTERVAL_MS (each a new address FIRST_OCTET.x.y.z); a prober posts, every 10 ms, one
 * event for each indicator still pending to B's {@code /kasa/v1/events}, exactly as {@link
 * DetectorLatency} probes a single node. An indicator's latency runs from its POST's 202 answer to
 * the sending of the first probe whose answer holds a hit on it. Prints the percentiles in
 * milliseconds.
 */
public final class FederationLatency {
  private FederationLatency() {}

  public static void main(String[] args) throws Exception {
    String objects = args[0] + "/taxii2/api/collections/" + args[1] + "/objects/";
    String admin = basic(args[2]);
    HttpClient toA = client(args[3]);
    String urlB = args[4];
    HttpClient toB = client(args[5]);
    String sensor = basic(args[6]);
    int posts = Integer.parseInt(args[7]);
    long interval = Long.parseLong(args[8]);
    int octet = Integer.parseInt(args[9]);
    String label = args[10];
    Map<String, Long> pending = new ConcurrentHashMap<>(); // address → nanos of the 202
    Map<String, Integer> index = new ConcurrentHashMap<>();
    long[] latency = new long[posts];
    Arrays.fill(latency, -1);
    var stop = new AtomicBoolean();
    Thread prober =
        Thread.ofPlatform()
            .name("prober")
            .start(
                () -> {
                  while (!stop.get()) {
                    try {
                      probe(toB, urlB, sensor, pending, index, latency);
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      return;
                    } catch (Exception e) {
                      System.err.println("probe failed: " + e);
                    }
                  }
                });
    for (int i = 0; i < posts; i++) {
      String ip = octet + "." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      index.put(ip, i);
      String body = "{\"objects\":[" + indicator("indicator--" + UUID.randomUUID(), ip) + "]}";
      var r =
          toA.send(
              HttpRequest.newBuilder(URI.create(objects))
                  .header("Authorization", admin)
                  .header("Accept", "application/taxii+json;version=2.1")
                  .header("Content-Type", "application/taxii+json;version=2.1")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long accepted = System.nanoTime();
      if (r.statusCode() != 202) {
        throw new IllegalStateException("POST failed: " + r.statusCode() + " " + r.body());
      }
      pending.put(ip, accepted);
      Thread.sleep(interval);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    stop.set(true);
    prober.join();
    long missing = Arrays.stream(latency).filter(l -> l < 0).count();
    long[] done = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    System.out.printf(
        "federation %s posts=%d interval_ms=%d matched=%d missing=%d p50_ms=%.1f p99_ms=%.1f"
            + " max_ms=%.1f%n",
        label,
        posts,
        interval,
        done.length,
        missing,
        pct(done, 0.50),
        pct(done, 0.99),
        done.length == 0 ? Double.NaN : done[done.length - 1] / 1e6);
  }

  private static HttpClient client(String cert) {
    return HttpClient.newBuilder()
        .sslContext(
            NodeCertificate.pinnedClientContext(NodeCertificate.readCertificate(Path.of(cert))))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static void probe(
      HttpClient client,
      String url,
      String sensor,
      Map<String, Long> pending,
      Map<String, Integer> index,
      long[] latency)
      throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    var body = new StringBuilder();
    for (String ip : pending.keySet()) {
      body.append("{\"src_ip\":\"").append(ip).append("\"}\n");
    }
    long sent = System.nanoTime();
    var r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/kasa/v1/events?format=ndjson"))
                .header("Authorization", sensor)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("events: " + r.statusCode() + " " + r.body());
    }
    for (String line : r.body().split("\n")) {
      int v = line.indexOf("\"value\":\"");
      if (!line.startsWith("{\"kind\":\"indicator\"") || v < 0) {
        continue;
      }
      String ip = line.substring(v + 9, line.indexOf('"', v + 9));
      Long accepted = pending.remove(ip);
      Integer i = index.get(ip);
      if (accepted != null && i != null) {
        latency[i] = Math.max(0, sent - accepted);
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  // TLP:CLEAR, so that B may also relay it onwards.
  private static String indicator(String id, String ip) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"name\":\"C2 server\",\"indicator_types\":[\"malicious-activity\"],"
        + "\"pattern\":\"[ipv4-addr:value = '"
        + ip
        + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\","
        + "\"object_marking_refs\":[\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\"]}";
  }

  private static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }
}
