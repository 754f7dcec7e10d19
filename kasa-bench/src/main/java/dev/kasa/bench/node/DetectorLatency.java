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
 * The detector's update latency, run in its own process against a node already holding its bulk of
 * indicators. Usage: {@code DetectorLatency URL COLLECTION ADMIN:PASSWORD CERT.pem SENSOR:PASSWORD
 * POSTS}. One thread POSTs POSTS single-indicator bundles to TAXII (each a new address, one every
 * 20 ms); a prober thread posts, every 10 ms, one event for each indicator still pending to {@code
 * /kasa/v1/events}. An indicator's latency runs from its POST's 202 answer to the sending of the
 * first probe whose answer holds a hit on it (0 when that probe left before the 202 arrived); the
 * same to that probe's answer is printed beside it ({@code answered_}), an upper bound that also
 * holds the probe's own round trip. Prints the percentiles in milliseconds.
 */
public final class DetectorLatency {
  private DetectorLatency() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String objects = url + "/taxii2/api/collections/" + args[1] + "/objects/";
    String admin = basic(args[2]);
    String sensor = basic(args[4]);
    int posts = Integer.parseInt(args[5]);
    var client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(
                    NodeCertificate.readCertificate(Path.of(args[3]))))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    Map<String, Long> pending = new ConcurrentHashMap<>(); // address → nanos of the 202
    long[] latency = new long[posts];
    long[] answered = new long[posts];
    Arrays.fill(latency, -1);
    Map<String, Integer> index = new ConcurrentHashMap<>();
    var stop = new AtomicBoolean();
    Thread prober =
        Thread.ofPlatform()
            .name("prober")
            .start(
                () -> {
                  while (!stop.get()) {
                    try {
                      probe(client, url, sensor, pending, index, latency, answered);
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      return;
                    } catch (Exception e) {
                      System.err.println("probe failed: " + e);
                    }
                  }
                });
    for (int i = 0; i < posts; i++) {
      String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      index.put(ip, i);
      String body = "{\"objects\":[" + indicator("indicator--" + UUID.randomUUID(), ip) + "]}";
      var r =
          client.send(
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
      Thread.sleep(20);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    stop.set(true);
    prober.join();
    long missing = Arrays.stream(latency).filter(l -> l < 0).count();
    long[] done = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    long[] answers = Arrays.stream(answered).filter(l -> l > 0).sorted().toArray();
    System.out.printf(
        "update posts=%d matched=%d missing=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f"
            + " answered_p50_ms=%.1f answered_p99_ms=%.1f answered_max_ms=%.1f%n",
        posts,
        done.length,
        missing,
        pct(done, 0.50),
        pct(done, 0.99),
        done.length == 0 ? Double.NaN : done[done.length - 1] / 1e6,
        pct(answers, 0.50),
        pct(answers, 0.99),
        answers.length == 0 ? Double.NaN : answers[answers.length - 1] / 1e6);
  }

  private static void probe(
      HttpClient client,
      String url,
      String sensor,
      Map<String, Long> pending,
      Map<String, Integer> index,
      long[] latency,
      long[] answered)
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
    long received = System.nanoTime();
    if (r.statusCode() != 200) {
      throw new IllegalStateException("events: " + r.statusCode() + " " + r.body());
    }
    for (String line : r.body().split("\n")) {
      int v = line.indexOf("\"value\":\"10.");
      if (!line.startsWith("{\"kind\":\"indicator\"") || v < 0) {
        continue;
      }
      String ip = line.substring(v + 9, line.indexOf('"', v + 9));
      Long accepted = pending.remove(ip);
      Integer i = index.get(ip);
      if (accepted != null && i != null) {
        latency[i] = Math.max(0, sent - accepted);
        answered[i] = received - accepted;
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static String indicator(String id, String ip) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"name\":\"probe\",\"pattern\":\"[ipv4-addr:value = '"
        + ip
        + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }
}
