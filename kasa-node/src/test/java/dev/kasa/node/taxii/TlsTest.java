package dev.kasa.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.tls.NodeCertificate;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS only, TLS 1.2+, and clients that pin the certificate still check the host name. */
class TlsTest {
  @TempDir Path tmp;

  private static int status(HttpClient client, String url) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/taxii+json")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void pinnedCertificateWithHostNameCheckAndNoOldTls() throws Exception {
    NodeHome alpha =
        NodeHome.init(tmp.resolve("alpha"), "alpha", List.of("127.0.0.3"), Clock.systemUTC());
    NodeHome other = NodeHome.init(tmp.resolve("other"), "other", List.of(), Clock.systemUTC());
    var log = new PrintStream(java.io.OutputStream.nullOutputStream());
    SSLContext pinned = NodeCertificate.pinnedClientContext(alpha.certificate().certificate());
    var client = HttpClient.newBuilder().sslContext(pinned).build();
    try (NodeServer on2 =
            NodeServer.start(alpha, new NodeConfig.Listen("127.0.0.2", 0), Clock.systemUTC(), log);
        NodeServer on3 =
            NodeServer.start(
                alpha, new NodeConfig.Listen("127.0.0.3", 0), Clock.systemUTC(), log)) {
      // 127.0.0.3 is in the certificate: the TLS handshake succeeds (401: no credentials).
      assertThat(status(client, "https://127.0.0.3:" + on3.port() + "/taxii2/")).isEqualTo(401);
      // 127.0.0.2 is not: the pinned certificate alone is not enough.
      assertThatThrownBy(() -> status(client, "https://127.0.0.2:" + on2.port() + "/taxii2/"))
          .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.2");
      // Another node's certificate is not trusted either.
      var wrongPin =
          HttpClient.newBuilder()
              .sslContext(NodeCertificate.pinnedClientContext(other.certificate().certificate()))
              .build();
      assertThatThrownBy(() -> status(wrongPin, "https://127.0.0.3:" + on3.port() + "/taxii2/"))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      // TLS 1.1 is refused; plain HTTP gets no answer.
      try (var socket =
          (SSLSocket) pinned.getSocketFactory().createSocket("127.0.0.3", on3.port())) {
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThatThrownBy(socket::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
      }
      assertThatThrownBy(
              () ->
                  status(HttpClient.newHttpClient(), "http://127.0.0.3:" + on3.port() + "/taxii2/"))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
