package dev.kasa.node.http;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.tls.NodeCertificate;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.ParsedEndpoint;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The node's web server: Javalin on Jetty over HTTPS only (TLS 1.2 and 1.3), every request
 * authenticated (no credentials, or wrong ones: 401 with a challenge), every error a TAXII error
 * message with the status of {@link ProblemStatus}. Requests in flight finish before {@link #stop}
 * returns.
 */
public final class HttpsServer implements AutoCloseable {
  private static final String RECIPIENT = "kasa.recipient";
  private static final String CHALLENGE = "Basic realm=\"kasa\", Bearer realm=\"kasa\"";

  // Jetty and Javalin log through SLF4J into java.util.logging: keep their warnings only, the node
  // reports what matters itself. Held here: java.util.logging keeps loggers weakly.
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("org.eclipse.jetty"),
          java.util.logging.Logger.getLogger("io.javalin"));

  static {
    QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
  }

  private final Javalin app;
  private final AtomicInteger inFlight = new AtomicInteger();

  private HttpsServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts a server.
   *
   * @param authenticate maps an {@code Authorization} header (possibly null) to a recipient
   * @param routes registers the endpoints
   * @param log where unexpected failures are reported (never with credentials)
   * @throws KasaException {@link ErrorCode#USAGE} when the address cannot be bound
   */
  public static HttpsServer start(
      String host,
      int port,
      NodeCertificate certificate,
      Function<String, Optional<Recipient>> authenticate,
      Consumer<RoutesConfig> routes,
      PrintStream log) {
    return start(host, port, certificate, authenticate, routes, BrowserArea.NONE, log);
  }

  /**
   * Starts a server whose {@code browser} paths authenticate by their own sessions instead of HTTP
   * credentials, and write their own error pages.
   */
  public static HttpsServer start(
      String host,
      int port,
      NodeCertificate certificate,
      Function<String, Optional<Recipient>> authenticate,
      Consumer<RoutesConfig> routes,
      BrowserArea browser,
      PrintStream log) {
    var holder = new HttpsServer[1];
    AtomicInteger[] counter = {null};
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              // Uploads (the UI's asset import) are small and held in memory: never spooled to
              // disk.
              config.jetty.multipartConfig.maxFileSize(1, io.javalin.config.SizeUnit.MB);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
              config.jetty.multipartConfig.maxTotalRequestSize(2, io.javalin.config.SizeUnit.MB);
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new TaxiiErrorPages());
                    server.setStopTimeout(30_000);
                  });
              config.jetty.addConnector(
                  (server, http) -> connector(server, http, certificate, host, port));
              config.routes.before(
                  ctx -> {
                    counter[0].incrementAndGet();
                    ctx.attribute("kasa.counted", Boolean.TRUE);
                    if (browser.owns(ctx.path())) {
                      return;
                    }
                    Optional<Recipient> r = authenticate.apply(ctx.header("Authorization"));
                    if (r.isEmpty()) {
                      ctx.header("WWW-Authenticate", CHALLENGE);
                      throw new HttpProblem(
                          HttpProblem.Kind.UNAUTHENTICATED,
                          ctx.header("Authorization") == null
                              ? "send HTTP Basic or Bearer credentials"
                              : "the credentials were not accepted");
                    }
                    ctx.attribute(RECIPIENT, r.get());
                  });
              config.routes.after(
                  ctx -> {
                    if (ctx.attribute("kasa.counted") != null) {
                      counter[0].decrementAndGet();
                    }
                  });
              routes.accept(config.routes);
              config.routes.exception(
                  HttpProblem.class,
                  (e, ctx) ->
                      error(browser, ctx, e.kind().status(), e.kind().title(), e.getMessage()));
              config.routes.exception(
                  KasaException.class,
                  (e, ctx) -> {
                    int status = ProblemStatus.of(e);
                    if (status >= 500) {
                      log.println("kasa serve: " + e.getMessage());
                    }
                    error(
                        browser,
                        ctx,
                        status,
                        ProblemStatus.title(status),
                        status >= 500 ? "the node could not complete the request" : e.getMessage());
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.println(
                        "kasa serve: internal error on "
                            + ctx.method()
                            + " "
                            + ctx.path()
                            + ": "
                            + e);
                    error(browser, ctx, 500, "Internal error", "the node failed; see its log");
                  });
              config.routes.error(
                  404,
                  ctx -> {
                    if (!isTaxii(ctx)) {
                      error(browser, ctx, 404, "Not found", "no such resource: " + ctx.path());
                    }
                  });
              config.routes.error(
                  405,
                  ctx -> {
                    if (!isTaxii(ctx)) {
                      error(
                          browser,
                          ctx,
                          405,
                          "Method not allowed",
                          ctx.method() + " is not allowed here");
                    }
                  });
            });
    var server = new HttpsServer(app);
    counter[0] = server.inFlight;
    holder[0] = server;
    try {
      app.start();
    } catch (RuntimeException e) {
      throw new KasaException(
          ErrorCode.USAGE, "cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    return server;
  }

  /** The recipient the request authenticated as (set before any handler runs). */
  public static Recipient recipient(Context ctx) {
    Recipient r = ctx.attribute(RECIPIENT);
    if (r == null) {
      throw new IllegalStateException("no authenticated recipient on " + ctx.path());
    }
    return r;
  }

  /** Writes a TAXII error message. */
  public static void problem(Context ctx, int status, String title, String description) {
    ctx.status(status);
    ctx.contentType(ProblemStatus.TAXII_JSON);
    ctx.result(ProblemStatus.body(status, title, description));
  }

  private static void error(
      BrowserArea browser, Context ctx, int status, String title, String description) {
    if (browser.owns(ctx.path())) {
      browser.error(ctx, status, title, description);
    } else {
      problem(ctx, status, title, description);
    }
  }

  private static boolean isTaxii(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith("application/taxii+json");
  }

  /** The port actually bound. */
  public int port() {
    for (Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector s) {
        return s.getLocalPort();
      }
    }
    throw new IllegalStateException("no connector");
  }

  /** Every HTTP endpoint registered (method and path), for tests that enumerate the routes. */
  public List<String> endpoints() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter((ParsedEndpoint p) -> p.endpoint.method.isHttpMethod())
        .map((ParsedEndpoint p) -> p.endpoint.method.name() + " " + p.endpoint.path)
        .toList();
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to 30 s), then stops the
   * server.
   */
  public void stop() {
    Server server = app.jettyServer().server();
    for (Connector c : server.getConnectors()) {
      c.shutdown();
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  private static Connector connector(
      Server server, HttpConfiguration http, NodeCertificate certificate, String host, int port) {
    var ssl = new SslContextFactory.Server();
    char[] pw = "kasa".toCharArray();
    ssl.setKeyStore(certificate.keyStore(pw));
    ssl.setKeyStorePassword("kasa");
    ssl.setKeyManagerPassword("kasa");
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setSniRequired(false);
    var https = new HttpConfiguration(http);
    var secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    https.addCustomizer(secure);
    https.setSendServerVersion(false);
    https.setSendXPoweredBy(false);
    var connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
