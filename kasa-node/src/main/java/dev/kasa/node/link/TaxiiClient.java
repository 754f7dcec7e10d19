package dev.kasa.node.link;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.tls.NodeCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * A TAXII 2.1 client for any TAXII 2.1 server: discovery or API root URLs, objects pages with
 * {@code added_after}/{@code next}, add objects, and Kasa's live-update path where the server has
 * it. Every answer is bounded in size and time; transient failures (I/O, timeouts, 429, 5xx) are
 * retried with exponential backoff and full jitter. Thread-safe.
 */
public final class TaxiiClient implements PartnerEndpoint {
  /** The TAXII 2.1 media type. */
  public static final String TAXII = "application/taxii+json;version=2.1";

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * How the client waits and how much it takes.
   *
   * @param requestTimeout the whole exchange, body included
   * @param maxBody the largest answer read, in bytes
   * @param attempts tries per request (at least 1)
   * @param backoff the first retry's mean delay; doubled per retry
   */
  public record Options(
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBody,
      int attempts,
      Duration backoff) {
    public static final Options DEFAULT =
        new Options(
            Duration.ofSeconds(10), Duration.ofSeconds(60), 64L << 20, 4, Duration.ofMillis(500));

    public Options {
      if (attempts < 1 || maxBody < 1024) {
        throw new IllegalArgumentException("attempts >= 1 and maxBody >= 1024: " + attempts);
      }
    }
  }

  /**
   * What the client presents: HTTP Basic (user and password) or a bearer token; no secret, no
   * header.
   */
  public record Credentials(String user, SecretKind kind, String secret) {
    public Credentials {
      Objects.requireNonNull(user, "user");
      if ((kind == null) != (secret == null)) {
        throw new IllegalArgumentException("a secret has a kind: " + user);
      }
    }

    String header() {
      if (kind == null) {
        return null;
      }
      return kind == SecretKind.TOKEN
          ? "Bearer " + secret
          : "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * One page of objects.
   *
   * @param body the envelope exactly as received
   * @param next the server's {@code next}, or null
   * @param dateAddedLast {@code X-TAXII-Date-Added-Last}, or null
   */
  public record Page(byte[] body, boolean more, String next, String dateAddedLast) {}

  /** A status resource's counts and the ids of the objects that failed. */
  public record Status(
      String status, long total, long success, long failure, long pending, List<String> failed) {}

  /** The answer of Kasa's live-update path: objects newer than asked, as the server counted. */
  public record Change(String dateAddedLast, long count) {}

  /** An answer the client will not retry: an HTTP error status or a malformed body. */
  public static final class Refused extends KasaException {
    private final int status;

    Refused(int status, String message) {
      super(codeOf(status), message);
      this.status = status;
    }

    // The server's refusal as the problem it is here: a malformed body is invalid input; a
    // refusal of our credentials, grants or request size is ours to fix; anything else (a
    // server error, a rate limit, a status we do not expect) is the partner being unavailable.
    private static ErrorCode codeOf(int status) {
      return switch (status) {
        case 0 -> ErrorCode.INVALID_INPUT;
        case 401 -> ErrorCode.UNAUTHENTICATED;
        case 403 -> ErrorCode.FORBIDDEN;
        case 404 -> ErrorCode.NOT_FOUND;
        case 413 -> ErrorCode.TOO_LARGE;
        default -> ErrorCode.IO_FAILURE;
      };
    }

    /** The HTTP status, or 0 when the body was the problem. */
    public int status() {
      return status;
    }
  }

  private final URI url;
  private final Credentials credentials;
  private final Options options;
  private final HttpClient http;
  private volatile URI apiRoot;

  /**
   * @param url a discovery URL ({@code https://HOST:PORT/taxii2/}) or an API root URL
   * @param pinned the server's certificate to trust alone, or null for the system's authorities
   */
  public TaxiiClient(URI url, Credentials credentials, X509Certificate pinned, Options options) {
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new KasaException(
          ErrorCode.USAGE, "the URL must be https://HOST:PORT/... but is " + url);
    }
    this.url = url.getPath().endsWith("/") ? url : URI.create(url + "/");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.options = Objects.requireNonNull(options, "options");
    SSLContext tls;
    try {
      tls = pinned == null ? SSLContext.getDefault() : NodeCertificate.pinnedClientContext(pinned);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new KasaException(ErrorCode.INTERNAL, "no TLS: " + e, e);
    }
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The API root: the URL itself, or the discovery resource's default (else first) root. */
  public URI apiRoot() {
    URI root = apiRoot;
    if (root != null) {
      return root;
    }
    HttpResponse<byte[]> r = send(get(url).build());
    String chosen = null;
    boolean isRoot = false;
    try (JsonParser p = JSON.createParser(r.body())) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the answer at " + url + " is no object");
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("default") && v == JsonToken.VALUE_STRING) {
          chosen = p.getText();
        } else if (name.equals("api_roots") && v == JsonToken.START_ARRAY) {
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (chosen == null && e == JsonToken.VALUE_STRING) {
              chosen = p.getText();
            } else {
              p.skipChildren();
            }
          }
        } else if (name.equals("versions") || name.equals("max_content_length")) {
          isRoot = true;
          p.skipChildren();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new Refused(0, "the answer at " + url + " is not JSON: " + e.getMessage());
    }
    if (chosen != null) {
      root = url.resolve(chosen.endsWith("/") ? chosen : chosen + "/");
    } else if (isRoot) {
      root = url;
    } else {
      throw new Refused(0, url + " is neither a TAXII discovery resource nor an API root");
    }
    apiRoot = root;
    return root;
  }

  /** A page of objects added after {@code addedAfter} (or from {@code next}); both may be null. */
  @Override
  public Page objects(String collection, String addedAfter, String next, int limit) {
    return page(collection, addedAfter, next, limit, null);
  }

  /** As {@link #objects}, of the sightings only ({@code match[type]=sighting}). */
  @Override
  public Page sightings(String collection, String addedAfter, String next, int limit) {
    return page(collection, addedAfter, next, limit, "sighting");
  }

  private Page page(String collection, String addedAfter, String next, int limit, String type) {
    var q = new StringBuilder("?limit=").append(limit);
    if (type != null) {
      q.append("&match%5Btype%5D=").append(enc(type));
    }
    if (addedAfter != null) {
      q.append("&added_after=").append(enc(addedAfter));
    }
    if (next != null) {
      q.append("&next=").append(enc(next));
    }
    URI u = apiRoot().resolve("collections/" + enc(collection) + "/objects/" + q);
    HttpResponse<byte[]> r = send(get(u).build());
    boolean more = false;
    String nextValue = null;
    try (JsonParser p = JSON.createParser(r.body())) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the objects page is no JSON object");
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("more")) {
          more = v == JsonToken.VALUE_TRUE;
        } else if (name.equals("next") && v == JsonToken.VALUE_STRING) {
          nextValue = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new Refused(0, "the objects page is not JSON: " + e.getMessage());
    }
    return new Page(
        r.body(), more, nextValue, r.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
  }

  /** Posts an envelope of objects; the status resource the server answers with. */
  @Override
  public Status add(String collection, byte[] envelope) {
    URI u = apiRoot().resolve("collections/" + enc(collection) + "/objects/");
    HttpResponse<byte[]> r =
        send(
            request(u)
                .header("Accept", TAXII)
                .header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build());
    return status(r.body());
  }

  /**
   * Kasa's live-update path: waits (up to the server's 30 s) for objects this client may receive
   * added after {@code after}.
   *
   * @return empty when nothing newer came (204)
   * @throws Refused with status 404 when the server has no live-update path (not a Kasa node)
   */
  @Override
  public Optional<Change> changes(String collection, String after) {
    URI root = apiRoot();
    URI u =
        root.resolve(
            "/kasa/v1/changes?collection="
                + enc(collection)
                + (after == null ? "" : "&after=" + enc(after)));
    HttpResponse<byte[]> r =
        send(
            request(u)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(45))
                .GET()
                .build());
    if (r.statusCode() == 204) {
      return Optional.empty();
    }
    String last = null;
    long count = 0;
    try (JsonParser p = JSON.createParser(r.body())) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the changes answer is no JSON object");
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("date_added_last") && v == JsonToken.VALUE_STRING) {
          last = p.getText();
        } else if (name.equals("count") && v == JsonToken.VALUE_NUMBER_INT) {
          count = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new Refused(0, "the changes answer is not JSON: " + e.getMessage());
    }
    return Optional.of(new Change(last, count));
  }

  static Status status(byte[] body) {
    String status = null;
    long[] counts = new long[4];
    List<String> failed = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the status is no JSON object");
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        int i =
            List.of("total_count", "success_count", "failure_count", "pending_count").indexOf(name);
        if (i >= 0 && v == JsonToken.VALUE_NUMBER_INT) {
          counts[i] = p.getLongValue();
        } else if (name.equals("status") && v == JsonToken.VALUE_STRING) {
          status = p.getText();
        } else if (name.equals("failures") && v == JsonToken.START_ARRAY) {
          for (JsonToken e = p.nextToken(); e == JsonToken.START_OBJECT; e = p.nextToken()) {
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
              String field = p.currentName();
              p.nextToken();
              if (field.equals("id") && p.currentToken() == JsonToken.VALUE_STRING) {
                failed.add(p.getText());
              } else {
                p.skipChildren();
              }
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new Refused(0, "the status is not JSON: " + e.getMessage());
    }
    expect(status != null, "the status resource has no 'status'");
    return new Status(status, counts[0], counts[1], counts[2], counts[3], failed);
  }

  private HttpRequest.Builder get(URI u) {
    return request(u).header("Accept", TAXII).GET();
  }

  private HttpRequest.Builder request(URI u) {
    HttpRequest.Builder b = HttpRequest.newBuilder(u).timeout(options.requestTimeout());
    String auth = credentials.header();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b;
  }

  // Sends with retries; answers 2xx (and 204), else Refused.
  private HttpResponse<byte[]> send(HttpRequest request) {
    Exception last = null;
    for (int attempt = 0; attempt < options.attempts(); attempt++) {
      if (attempt > 0) {
        sleep(backoff(options.backoff(), attempt));
      }
      HttpResponse<byte[]> r;
      try {
        long deadline = request.timeout().orElse(options.requestTimeout()).toMillis() + 1000;
        var future = http.sendAsync(request, info -> new LimitedBody(options.maxBody()));
        try {
          r = future.get(deadline, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          future.cancel(true);
          throw new IOException("no complete answer within " + deadline + " ms", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KasaException(ErrorCode.IO_FAILURE, "interrupted", e);
      } catch (ExecutionException | IOException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof LimitedBody.TooLarge) {
          throw new KasaException(ErrorCode.LIMIT_EXCEEDED, cause.getMessage(), cause);
        }
        last = cause instanceof Exception x ? x : e;
        continue;
      }
      int s = r.statusCode();
      if (s >= 200 && s < 300) {
        return r;
      }
      String message = request.method() + " " + request.uri() + ": HTTP " + s + describe(r.body());
      if (s == 429 || s >= 500) {
        last = new Refused(s, message);
        continue;
      }
      throw new Refused(s, message);
    }
    if (last instanceof Refused refused) {
      throw refused;
    }
    throw new KasaException(
        ErrorCode.IO_FAILURE,
        request.method() + " " + request.uri() + " failed: " + String.valueOf(last),
        last);
  }

  /** Exponential backoff with full jitter: uniform in [0, base * 2^(attempt-1)], capped at 60 s. */
  static Duration backoff(Duration base, int attempt) {
    long cap = Math.min(60_000, base.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.IO_FAILURE, "interrupted", e);
    }
  }

  private static String describe(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return ": " + s.replaceAll("[\\p{Cntrl}]", " ");
  }

  private static void expect(boolean ok, String message) {
    if (!ok) {
      throw new Refused(0, message);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
