package dev.kasa.node.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as HTTP goes: keeps the cookies the UI sets (by name), follows no redirect, and
 * knows how to fill in the login form. Every response it saw is kept for header checks.
 */
final class UiClient {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
  private static final Pattern CSRF_META =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");

  private final HttpClient client;
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  final List<HttpResponse<String>> seen = new java.util.ArrayList<>();

  UiClient(HttpClient client, String base) {
    this.client = client;
    this.base = base;
  }

  HttpResponse<String> get(String path) {
    return send(builder(path).GET());
  }

  HttpResponse<String> get(String path, Map<String, String> headers) {
    var b = builder(path).GET();
    headers.forEach(b::header);
    return send(b);
  }

  HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var b =
        builder(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b);
  }

  /** Posts a form body as given (repeated names, exact order). */
  HttpResponse<String> postRaw(String path, String body, Map<String, String> headers) {
    var b =
        builder(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b);
  }

  /** Loads the login form and posts it; returns the answer to the post. */
  HttpResponse<String> login(String user, String password) {
    var form = get("/ui/login");
    return post(
        "/ui/login",
        Map.of("_csrf", csrfField(form.body()), "user", user, "password", password),
        Map.of());
  }

  /** Logs in and fails the test when it did not work. */
  void mustLogin(String user, String password) {
    var r = login(user, password);
    if (r.statusCode() != 303 || !cookies.containsKey(WebUi.SESSION_COOKIE)) {
      throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    }
  }

  /** The session's CSRF token, as a page's meta tag carries it. */
  String csrf() {
    return csrfMeta(get("/ui/intel/").body());
  }

  static String csrfField(String html) {
    Matcher m = CSRF_FIELD.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no _csrf field in " + html);
    }
    return m.group(1);
  }

  static String csrfMeta(String html) {
    Matcher m = CSRF_META.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no csrf-token meta tag in " + html);
    }
    return m.group(1);
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  void forget(String name) {
    cookies.remove(name);
  }

  private HttpRequest.Builder builder(String path) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (!cookies.isEmpty()) {
      b.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    HttpResponse<String> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (value.isEmpty() || set.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    seen.add(r);
    return r;
  }
}
