package dev.kasa.bench.node;

import dev.kasa.node.tls.NodeCertificate;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page benchmark's client (its own process): logs in to the web UI as a browser does (the login
 * form's CSRF token and cookie, then the session cookie), then makes {@code N} sequential requests
 * per target after 20 unmeasured ones, and prints one line per target: its status codes and p50,
 * p99 and max latency. Paths under {@code /kasa/} are API calls (HTTP Basic or a bearer token),
 * others are pages (the session). The first {@code /kasa/v1/findings} target is the baseline: every
 * other target's p99 is also given as a ratio to it. A target answering anything but 200 is
 * reported as such, its latencies are not a page's.
 *
 * <p>Usage: {@code PageLoad URL CERT_PEM USER:PASSWORD [--requests N] [--token T] TARGET...}; the
 * default targets are {@code /kasa/v1/findings?limit=50}, {@code /ui/overview/} and {@code
 * /ui/alerts/?status=new&priority=high}.
 */
public final class PageLoad {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final int WARM_UP = 20;

  private PageLoad() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path cert = Path.of(args[1]);
    String login = args[2];
    int requests = 1000;
    String token = null;
    List<String> targets = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--token" -> token = args[++i];
        default -> targets.add(args[i]);
      }
    }
    if (targets.isEmpty()) {
      targets =
          List.of(
              "/kasa/v1/findings?limit=50",
              "/ui/overview/",
              "/ui/alerts/?status=new&priority=high");
    }
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(NodeCertificate.pinnedClientContext(NodeCertificate.readCertificate(cert)))
            .cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    int colon = login.indexOf(':');
    String user = login.substring(0, colon);
    String password = login.substring(colon + 1);
    String api =
        token != null
            ? "Bearer " + token
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(login.getBytes(StandardCharsets.UTF_8));
    System.out.println("login " + login(client, url, user, password));

    Double baseline = null;
    for (String target : targets) {
      Result r = run(client, url, target, target.startsWith("/kasa/") ? api : null, requests);
      String ratio = "";
      if (baseline == null && target.startsWith("/kasa/v1/findings") && r.ok()) {
        baseline = r.p99();
      } else if (baseline != null && r.ok()) {
        ratio = String.format(" ratio_p99_to_findings=%.2f", r.p99() / baseline);
      }
      System.out.printf(
          "target=%s statuses=%s requests=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%s%s%n",
          target,
          r.statuses(),
          requests,
          r.p50(),
          r.p99(),
          r.max(),
          ratio,
          r.ok() ? "" : "  NOT MEASURED: the target did not answer 200 to every request");
    }
  }

  private record Result(Map<Integer, Integer> statuses, double p50, double p99, double max) {
    boolean ok() {
      return statuses.size() == 1 && statuses.containsKey(200);
    }
  }

  // GET the form (its token in the page, its nonce in a cookie), POST it back; a 303 with a
  // session cookie is a login.
  private static String login(HttpClient client, String url, String user, String password)
      throws Exception {
    HttpResponse<String> form = send(client, get(url + "/ui/login", null));
    Matcher m = CSRF.matcher(form.body());
    if (form.statusCode() != 200 || !m.find()) {
      return "FAILED: GET /ui/login answered " + form.statusCode() + " without a form";
    }
    String body =
        "user="
            + enc(user)
            + "&password="
            + enc(password)
            + "&_csrf="
            + enc(m.group(1).replace("&#43;", "+").replace("&#61;", "=").replace("&amp;", "&"));
    HttpResponse<String> r =
        send(
            client,
            HttpRequest.newBuilder(URI.create(url + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    return r.statusCode() == 303
        ? "ok (303 to " + r.headers().firstValue("Location").orElse("?") + ")"
        : "FAILED: POST /ui/login answered " + r.statusCode();
  }

  private static Result run(HttpClient client, String url, String target, String auth, int n)
      throws Exception {
    long[] nanos = new long[n];
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = -WARM_UP; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = send(client, get(url + target, auth));
      long d = System.nanoTime() - t;
      if (i >= 0) {
        nanos[i] = d;
        statuses.merge(r.statusCode(), 1, Integer::sum);
      }
    }
    Arrays.sort(nanos);
    return new Result(
        statuses,
        nanos[(int) Math.min(n - 1, Math.ceil(n * 0.50) - 1)] / 1e6,
        nanos[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
        nanos[n - 1] / 1e6);
  }

  private static HttpRequest get(String url, String auth) {
    var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b.build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest r) throws Exception {
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
