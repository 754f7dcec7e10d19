package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.StoredAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain syslog line (no JSON, no connection) that names an indicator's address becomes an alert
 * on the protected asset that sent it: the syslog HOSTNAME is the event's host.
 */
class SyslogSenderAlertTest {
  @TempDir Path tmp;

  @Test
  void aPlainLinesAlertTouchesTheSendingHost() throws IOException {
    try (TestNode node = TestNode.start(tmp, null)) {
      node.stop();
      Files.writeString(
          node.dir().resolve("kasa.yml"),
          "ingest:\n  syslog:\n    - name: tcp\n      protocol: tcp\n      listen: 127.0.0.1:0\n",
          StandardOpenOption.APPEND);
      node.restart();
      AlertScene.prepare(node, node.collection("intel"));
      // RFC 3164 from ws01 (a host asset by name); the line is text, the address in it the hit.
      send(
          node.server().ingest().port("tcp"),
          "<134>Mar  1 10:00:00 ws01 fw[311]: deny tcp 203.0.113.7:443 -> local:5044\n");
      StoredAlert alert = awaitAlert(node);
      assertThat(alert.asset()).isEqualTo("ws01");
      assertThat(alert.title()).isEqualTo("ipv4-addr 203.0.113.7");
    }
  }

  private static StoredAlert awaitAlert(TestNode node) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<StoredAlert> alerts =
          node.server().store().alerts().list(AlertStore.Filter.ALL, null, 10).alerts();
      if (!alerts.isEmpty()) {
        return alerts.getFirst();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the syslog line's alert did not arrive");
  }

  private static void send(int port, String message) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
