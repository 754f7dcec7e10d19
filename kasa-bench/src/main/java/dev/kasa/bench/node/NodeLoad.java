package dev.kasa.bench.node;

import dev.kasa.node.tls.NodeCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node benchmark's client, run in its own process. Usage: {@code NodeLoad URL COLLECTION
 * USER:PASSWORD CERT.pem MODE N} with MODE {@code ingest} (N objects POSTed in bundles of 1,000 by
 * 4 concurrent clients), {@code serve} (8 concurrent readers page the collection's first N objects
 * in pages of 1,000, each its own eighth) or {@code p99} (one reader pages the first N objects;
 * prints the 99th percentile page latency). Prints one result line.
 */
public final class NodeLoad {
  private NodeLoad() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String collection = args[1];
    String auth =
        "Basic " + Base64.getEncoder().encodeToString(args[2].getBytes(StandardCharsets.UTF_8));
    var client =
        HttpClient.newBuilder()
            .sslContext(
                NodeCertificate.pinnedClientContext(
                    NodeCertificate.readCertificate(Path.of(args[3]))))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    String mode = args[4];
    int n = Integer.parseInt(args[5]);
    String objects = url + "/taxii2/api/collections/" + collection + "/objects/";
    switch (mode) {
      case "ingest" -> ingest(client, objects, auth, n);
      case "serve" -> serve(client, objects, auth, n);
      case "p99" -> p99(client, objects, auth, n);
      default -> throw new IllegalArgumentException("mode must be ingest, serve or p99: " + mode);
    }
  }

  private static void ingest(HttpClient client, String objects, String auth, int n)
      throws Exception {
    int bundles = n / 1000;
    var next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(
          pool.submit(
              () -> {
                for (long b = next.getAndIncrement(); b < bundles; b = next.getAndIncrement()) {
                  var sb = new StringBuilder(1000 * 450).append("{\"objects\":[");
                  for (int i = 0; i < 1000; i++) {
                    sb.append(i == 0 ? "" : ",")
                        .append(indicator("indicator--" + UUID.randomUUID()));
                  }
                  sb.append("]}");
                  var r =
                      send(
                          client,
                          HttpRequest.newBuilder(URI.create(objects))
                              .header("Authorization", auth)
                              .header("Accept", "application/taxii+json;version=2.1")
                              .header("Content-Type", "application/taxii+json;version=2.1")
                              .POST(HttpRequest.BodyPublishers.ofString(sb.toString()))
                              .build());
                  if (r.statusCode() != 202 || !r.body().contains("\"success_count\":1000")) {
                    throw new IllegalStateException(
                        "POST failed: " + r.statusCode() + " " + head(r.body()));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "ingest objects=%d seconds=%.1f objects_per_second=%.0f%n",
        bundles * 1000L, seconds, bundles * 1000 / seconds);
  }

  private static void serve(HttpClient client, String objects, String auth, int n)
      throws Exception {
    // Each reader takes its own eighth: the date_added where it starts comes from a manifest walk.
    List<String> starts = starts(client, objects.replace("/objects/", "/manifest/"), auth, n, 8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    var total = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      String from = starts.get(r);
      int pages = n / 8 / 1000;
      done.add(
          pool.submit(
              () -> {
                total.addAndGet(page(client, objects, auth, from, pages, null));
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "serve readers=8 objects=%d seconds=%.1f objects_per_second=%.0f%n",
        total.get(), seconds, total.get() / seconds);
  }

  private static void p99(HttpClient client, String objects, String auth, int n) throws Exception {
    long[] latencies = new long[n / 1000];
    long got = page(client, objects, auth, null, latencies.length, latencies);
    Arrays.sort(latencies);
    System.out.printf(
        "p99 pages=%d objects=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
        latencies.length,
        got,
        latencies[latencies.length / 2] / 1e6,
        latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6,
        latencies[latencies.length - 1] / 1e6);
  }

  // Pages from `next` (or the start) for `pages` pages; returns the objects read.
  private static long page(
      HttpClient client, String objects, String auth, String from, int pages, long[] latencies)
      throws Exception {
    String next = from;
    long count = 0;
    for (int p = 0; p < pages; p++) {
      String q = "?limit=1000" + (next == null ? "" : "&next=" + next);
      long t0 = System.nanoTime();
      var r =
          send(
              client,
              HttpRequest.newBuilder(URI.create(objects + q))
                  .header("Authorization", auth)
                  .header("Accept", "application/taxii+json;version=2.1")
                  .GET()
                  .build());
      if (latencies != null) {
        latencies[p] = System.nanoTime() - t0;
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET failed: " + r.statusCode() + " " + head(r.body()));
      }
      String body = r.body();
      count += countObjects(body);
      int at = body.indexOf("\"next\":\"");
      if (at < 0) {
        break;
      }
      next = body.substring(at + 8, body.indexOf('"', at + 8));
    }
    return count;
  }

  private static List<String> starts(
      HttpClient client, String manifest, String auth, int n, int readers) throws Exception {
    var starts = new ArrayList<String>();
    starts.add(null);
    int per = n / readers;
    String next = null;
    for (int r = 1; r < readers; r++) {
      int skip = per;
      while (skip > 0) {
        int limit = Math.min(skip, 10_000);
        var resp =
            send(
                client,
                HttpRequest.newBuilder(
                        URI.create(
                            manifest + "?limit=" + limit + (next == null ? "" : "&next=" + next)))
                    .header("Authorization", auth)
                    .header("Accept", "application/taxii+json;version=2.1")
                    .GET()
                    .build());
        String body = resp.body();
        int at = body.indexOf("\"next\":\"");
        next = at < 0 ? next : body.substring(at + 8, body.indexOf('"', at + 8));
        skip -= limit;
      }
      starts.add(next);
    }
    return starts;
  }

  private static int countObjects(String body) {
    int c = 0;
    for (int i = body.indexOf("\"type\":\"indicator\"");
        i >= 0;
        i = body.indexOf("\"type\":\"indicator\"", i + 1)) {
      c++;
    }
    return c;
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest r) throws Exception {
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static String head(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  /** A STIX 2.1 indicator of about 400 bytes, as partners share them. */
  static String indicator(String id) {
    int a = Math.floorMod(id.hashCode(), 250) + 1;
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"name\":\"C2 server "
        + a
        + "\",\"indicator_types\":[\"malicious-activity\"],"
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100."
        + a
        + "']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\",\"object_marking_refs\":"
        + "[\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"]}";
  }
}
