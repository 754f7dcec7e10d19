package dev.kasa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Just enough W3C WebDriver to look at a local page in headless Chromium: open, run a script, read
 * the console, take a screenshot. The node's UI tests have a fuller client (kasa-node's test {@code
 * WebDriver}); kasa-cli cannot see node test classes, and a report page needs no clicks or forms.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Process driver;
  private final Path profile;
  private final String base;
  private final String session;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  HeadlessChromium(int width, int height) throws IOException {
    int port;
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    profile = Files.createTempDirectory("kasa-chromium");
    driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    base = "http://127.0.0.1:" + port;
    String id = null;
    try {
      awaitReady();
      ObjectNode caps = JSON.createObjectNode();
      ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      always.putObject("goog:loggingPrefs").put("browser", "ALL");
      ObjectNode chrome = always.putObject("goog:chromeOptions");
      chrome.put("binary", CHROMIUM.toString());
      var args = chrome.putArray("args");
      for (String a :
          List.of(
              "--headless=new",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-dev-shm-usage",
              "--window-size=" + width + "," + height,
              "--user-data-dir=" + profile)) {
        args.add(a);
      }
      id = send("POST", "/session", caps).path("sessionId").asText();
    } finally {
      if (id == null) {
        driver.destroy();
      }
    }
    session = id;
  }

  /** Opens the URL and returns when the page has loaded (WebDriver's normal page load). */
  void open(String url) {
    command("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  /** Runs a script in the page and returns its value. */
  JsonNode script(String body) {
    ObjectNode req = JSON.createObjectNode().put("script", body);
    req.putArray("args");
    return command("POST", "/execute/sync", req);
  }

  /** The browser console's messages so far, each as "LEVEL message". */
  List<String> console() {
    JsonNode v = command("POST", "/se/log", JSON.createObjectNode().put("type", "browser"));
    List<String> out = new ArrayList<>();
    v.forEach(e -> out.add(e.path("level").asText() + " " + e.path("message").asText()));
    return out;
  }

  void screenshot(Path file) throws IOException {
    byte[] png = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, png);
  }

  @Override
  public void close() {
    try {
      send("DELETE", "/session/" + session, null);
    } catch (RuntimeException e) {
      // the browser goes with its driver anyway
    } finally {
      driver.destroy();
      try {
        driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (var paths = Files.walk(profile)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary profile left behind
      }
    }
  }

  /** Polls chromedriver's status until it answers (it starts in well under a second). */
  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (send("GET", "/status", null).path("ready").asBoolean(false)) {
          return;
        }
      } catch (RuntimeException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("chromedriver did not start");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private JsonNode command(String method, String path, JsonNode body) {
    return send(method, "/session/" + session + path, body);
  }

  private JsonNode send(String method, String path, JsonNode body) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("not WebDriver JSON: " + r.body(), e);
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + answer);
    }
    return answer.path("value");
  }
}
