package dev.kasa.node.link;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.kasa.node.tls.NodeCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A partner that is not a Kasa node, over HTTPS with its own certificate: the test gives the
 * handler, so it can be any TAXII 2.1 server, or a broken one (garbage, enormous or no answers).
 */
final class FakePartner implements AutoCloseable {
  private final HttpsServer server;
  private final NodeCertificate certificate;

  FakePartner(HttpHandler handler) {
    try {
      certificate = NodeCertificate.generate("fake", List.of(), Clock.systemUTC());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(certificate.keyManagers().getKeyManagers(), null, null);
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", handler);
      server.start();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/";
  }

  String certificatePem() {
    return certificate.certificatePem();
  }

  static void answer(HttpExchange x, int status, String body, String... headers) {
    try {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < headers.length; i += 2) {
        x.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      x.getResponseHeaders().add("Content-Type", TaxiiClient.TAXII);
      x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Discovery naming the API root /api1/. */
  static boolean discovery(HttpExchange x) {
    if (x.getRequestURI().getPath().equals("/taxii2/")) {
      answer(x, 200, "{\"title\":\"fake\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\"]}");
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
