package dev.kasa.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A small W3C WebDriver client for tests: starts Debian's chromedriver on a free loopback port,
 * opens one headless Chromium session, and speaks the protocol with the JDK's HttpClient and
 * Jackson. {@link #available()} says whether chromium and chromedriver are installed. Public for
 * kasa-cli's browser test of the scan report (through this module's test jar). One session, used by
 * one thread; a failed command throws {@link IllegalStateException} with the driver's answer.
 */
public final class WebDriver implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String session;
  private final Path profile = tempProfile();

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** A session in a 1280 × 900 window. */
  public WebDriver() {
    this(1280, 900);
  }

  /** A session in a window of the given size, in CSS pixels. */
  public WebDriver(int width, int height) {
    int port;
    try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      driver =
          new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    base = "http://127.0.0.1:" + port;
    waitUntil(Duration.ofSeconds(30), this::ready, "chromedriver did not start");
    ObjectNode caps = JSON.createObjectNode();
    ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    always.put("acceptInsecureCerts", true);
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
    JsonNode created;
    try {
      created = send("POST", "/session", caps);
    } catch (RuntimeException e) {
      driver.destroy();
      throw e;
    }
    session = created.path("sessionId").asText();
  }

  /** Opens the URL and returns when the page has loaded (WebDriver's normal page load). */
  public void open(String url) {
    command("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  String url() {
    return command("GET", "/url", null).asText();
  }

  /** The first element the CSS selector finds (the command fails when there is none). */
  String find(String css) {
    JsonNode v =
        command(
            "POST",
            "/element",
            JSON.createObjectNode().put("using", "css selector").put("value", css));
    return v.path(ELEMENT).asText();
  }

  int count(String css) {
    return command(
            "POST",
            "/elements",
            JSON.createObjectNode().put("using", "css selector").put("value", css))
        .size();
  }

  void type(String element, String text) {
    command("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
  }

  void click(String element) {
    command("POST", "/element/" + element + "/click", JSON.createObjectNode());
  }

  String text(String element) {
    return command("GET", "/element/" + element + "/text", null).asText();
  }

  /** Runs a script in the page (WebDriver's own channel, not subject to the page's CSP). */
  public JsonNode script(String body) {
    ObjectNode req = JSON.createObjectNode().put("script", body);
    req.putArray("args");
    return command("POST", "/execute/sync", req);
  }

  /** The browser console's messages so far (chromedriver's log endpoint). */
  public List<String> consoleMessages() {
    JsonNode v = command("POST", "/se/log", JSON.createObjectNode().put("type", "browser"));
    var out = new java.util.ArrayList<String>();
    v.forEach(e -> out.add(e.path("level").asText() + " " + e.path("message").asText()));
    return out;
  }

  /** Saves a PNG of the window to the file, creating its folder. */
  public void screenshot(Path file) {
    byte[] png = Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls until the condition holds, at most {@code limit}; fails with {@code what}. */
  static void waitUntil(Duration limit, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(what, e);
      }
    }
  }

  /** Ends the session and the driver, and deletes the browser's temporary profile. */
  @Override
  public void close() {
    try {
      if (session != null) {
        send("DELETE", "/session/" + session, null);
      }
    } catch (RuntimeException e) {
      // the browser is going anyway
    } finally {
      driver.destroy();
      try {
        driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private boolean ready() {
    try {
      return send("GET", "/status", null).path("ready").asBoolean(false);
    } catch (RuntimeException e) {
      return false;
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

  private static Path tempProfile() {
    try {
      return Files.createTempDirectory("kasa-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
