package dev.kasa.node.ingest;

import static dev.kasa.node.ingest.RecordingSink.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.tls.NodeCertificate;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The syslog listeners over real sockets on 127.0.0.1. */
class SyslogListenersTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final NodeConfig.Listen ANY_PORT = new NodeConfig.Listen("127.0.0.1", 0);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SourceCounters counters(String name) {
    return new SourceCounters(name, "test", "test", CLOCK);
  }

  @Test
  void tcpDetectsOctetCountingAndNewlineFramingPerConnection() throws Exception {
    var sink = new RecordingSink();
    var c = counters("tcp");
    var config = SyslogSource.of("tcp", SyslogSource.Protocol.TCP, ANY_PORT);
    try (var l =
        StreamSyslogListener.start(
            config, null, sink, c, new BatchBudget(BatchBudget.DEFAULT_BYTES), CLOCK)) {
      String a = "<13>1 - host-a app - - - first\nline";
      String b = "<13>1 - host-a app - - - second";
      try (Socket s = new Socket("127.0.0.1", l.port())) {
        OutputStream out = s.getOutputStream();
        for (String m : List.of(a, b)) {
          byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
          out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
          out.write(bytes);
        }
      }
      try (Socket s = new Socket("127.0.0.1", l.port())) {
        s.getOutputStream()
            .write(
                "<14>Mar  1 10:00:00 host-b tag: third\r\n\n<14>Mar  1 10:00:01 host-b tag: fourth\n"
                    .getBytes(StandardCharsets.UTF_8));
      }
      await("4 events", () -> sink.lines().size() == 4);
      var messages = sink.lines().stream().map(this::message).sorted().toList();
      assertThat(messages).containsExactly("first\nline", "fourth", "second", "third");
      assertThat(c.status().malformed()).isZero();
      assertThat(sink.chunks().getFirst().source().name()).isEqualTo("syslog:tcp");
    }
  }

  @Test
  void malformedAndOversizedMessagesAreCountedAndTheirNeighboursKept() throws Exception {
    var sink = new RecordingSink();
    var c = counters("bad");
    var config =
        new SyslogSource("bad", SyslogSource.Protocol.TCP, ANY_PORT, "syslog", 480, 0, 4, 10);
    try (var l =
        StreamSyslogListener.start(
            config, null, sink, c, new BatchBudget(BatchBudget.DEFAULT_BYTES), CLOCK)) {
      try (Socket s = new Socket("127.0.0.1", l.port())) {
        s.getOutputStream()
            .write(
                ("<13>good one\nno pri at all\n<13>"
                        + "x".repeat(600)
                        + "\n<999>bad pri\n"
                        + "<13>good two\n")
                    .getBytes(StandardCharsets.UTF_8));
      }
      await(
          "2 events and 3 malformed",
          () -> sink.lines().size() == 2 && c.status().malformed() == 3);
      assertThat(sink.lines().stream().map(this::message)).containsExactly("good one", "good two");
    }
  }

  @Test
  void tlsSyslogUsesTheNodeCertificate() throws Exception {
    var cert = NodeCertificate.generate("alpha", List.of(), CLOCK);
    var sink = new RecordingSink();
    var c = counters("tls");
    var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(cert.keyManagers().getKeyManagers(), null, null);
    var config = SyslogSource.of("tls", SyslogSource.Protocol.TLS, ANY_PORT);
    try (var l =
        StreamSyslogListener.start(
            config, ctx, sink, c, new BatchBudget(BatchBudget.DEFAULT_BYTES), CLOCK)) {
      var client = NodeCertificate.pinnedClientContext(cert.certificate());
      try (var s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", l.port())) {
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
        byte[] m =
            "<13>1 - h a - - - {\"src_ip\":\"203.0.113.9\"}".getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(m);
      }
      await("the event", () -> sink.lines().size() == 1);
      var event = JSON.readTree(sink.lines().getFirst());
      assertThat(event.get("src_ip").asText()).isEqualTo("203.0.113.9");
      assertThat(event.at("/_syslog/hostname").asText()).isEqualTo("h");
    }
  }

  @Test
  void anOpenTcpConnectionDeliversWhatItHoldsWhenTheSenderPauses() throws Exception {
    var sink = new RecordingSink();
    var config = SyslogSource.of("tcp", SyslogSource.Protocol.TCP, ANY_PORT);
    try (var l =
            StreamSyslogListener.start(
                config,
                null,
                sink,
                counters("tcp"),
                new BatchBudget(BatchBudget.DEFAULT_BYTES),
                CLOCK);
        Socket s = new Socket("127.0.0.1", l.port())) {
      pausingSender(s.getOutputStream(), sink);
    }
  }

  @Test
  void aQuietTcpConnectionWaitsForMoreOnlyWhileItsBatchIsYoung() {
    assertThat(StreamSyslogListener.quietWait(0)).isEqualTo(StreamSyslogListener.QUIET_MILLIS);
    assertThat(StreamSyslogListener.quietWait(50)).isEqualTo(20);
    assertThat(StreamSyslogListener.quietWait(90)).isEqualTo(10);
    assertThat(StreamSyslogListener.quietWait(100)).isZero();
    assertThat(StreamSyslogListener.quietWait(5_000)).isZero();
    // A clock set back (a negative age) waits no longer than a new batch does.
    assertThat(StreamSyslogListener.quietWait(-60_000))
        .isEqualTo(StreamSyslogListener.QUIET_MILLIS);
  }

  @Test
  void anOpenTlsConnectionDeliversWhatItHoldsWhenTheSenderPauses() throws Exception {
    var cert = NodeCertificate.generate("alpha", List.of(), CLOCK);
    var sink = new RecordingSink();
    var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(cert.keyManagers().getKeyManagers(), null, null);
    var config = SyslogSource.of("tls", SyslogSource.Protocol.TLS, ANY_PORT);
    try (var l =
        StreamSyslogListener.start(
            config,
            ctx,
            sink,
            counters("tls"),
            new BatchBudget(BatchBudget.DEFAULT_BYTES),
            CLOCK)) {
      var client = NodeCertificate.pinnedClientContext(cert.certificate());
      try (var s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", l.port())) {
        pausingSender(s.getOutputStream(), sink);
      }
    }
  }

  /**
   * Sends a message and, the connection still open, waits until it is delivered (a batch is not
   * held for more once nothing is buffered); then the same connection goes on.
   */
  private void pausingSender(OutputStream out, RecordingSink sink) throws Exception {
    for (int i = 1; i <= 3; i++) {
      byte[] m = ("<13>1 - h a - - - message " + i).getBytes(StandardCharsets.UTF_8);
      out.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(m);
      out.flush();
      int sent = i;
      await(sent + " event(s)", () -> sink.lines().size() == sent);
    }
    assertThat(sink.lines().stream().map(this::message))
        .containsExactly("message 1", "message 2", "message 3");
  }

  @Test
  void udpCountsWhatItDropsWhileTheSinkIsFull() throws Exception {
    var sink = new RecordingSink();
    var c = counters("udp");
    var config =
        new SyslogSource("udp", SyslogSource.Protocol.UDP, ANY_PORT, "syslog", 4096, 0, 1, 5);
    int sent = 200;
    try (var l = UdpSyslogListener.start(config, sink, c, CLOCK);
        var s = new DatagramSocket()) {
      sink.hold();
      for (int i = 0; i < sent; i++) {
        byte[] m = ("<13>message " + i).getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(m, m.length, InetAddress.getLoopbackAddress(), l.port()));
        Thread.sleep(1);
      }
      // Held: one batch (of however many events the delivering thread had taken) waits in the
      // sink, at most 5 in the queue; the rest must be counted. A loaded machine's kernel may
      // drop datagrams before the listener reads them: those are not the listener's to count,
      // so they are read from /proc/net/udp and accounted apart.
      await(
          "drops",
          () ->
              c.status().dropped() > 0
                  && c.status().dropped()
                          + c.status().lag()
                          + sink.waiting()
                          + kernelDrops(l.port())
                      >= sent);
      int held = sink.waiting();
      sink.release();
      await("delivery", () -> c.status().lag() == 0 && sink.lines().size() == c.status().events());
      long lost = kernelDrops(l.port());
      assertThat(c.status().events() + c.status().dropped() + lost).isEqualTo(sent);
      assertThat(c.status().dropped()).isGreaterThanOrEqualTo(sent - 5 - held - lost);
    }
  }

  private String message(String line) {
    try {
      return JSON.readTree(line).get("message").asText();
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }

  /** Datagrams the kernel dropped on the socket bound to {@code port} (0 where unknown). */
  private static long kernelDrops(int port) {
    String hexPort = String.format(":%04X", port);
    long drops = 0;
    for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
      try {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 12 && f[1].endsWith(hexPort)) {
            drops += Long.parseLong(f[f.length - 1]);
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        // not Linux, or a format we do not know: count none
      }
    }
    return drops;
  }

  @Test
  void connectionsSharingTheBudgetLoseAndDoubleNothingAndGiveItAllBack() throws Exception {
    var sink = new RecordingSink();
    var c = counters("big");
    var budget = new BatchBudget(EventBatch.GRANT_BYTES); // one large batch at a time
    var config = SyslogSource.of("big", SyslogSource.Protocol.TCP, ANY_PORT);
    int perConnection = 6000;
    String pad = "y".repeat(900);
    try (var l = StreamSyslogListener.start(config, null, sink, c, budget, CLOCK)) {
      sink.hold(); // the sender runs ahead, so the connections' batches fill up
      var senders = new ArrayList<Thread>();
      for (int k = 0; k < 3; k++) {
        int conn = k;
        senders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (Socket s = new Socket("127.0.0.1", l.port());
                          var out =
                              new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
                        for (int i = 0; i < perConnection; i++) {
                          byte[] m =
                              ("<13>1 - h app - - - {\"c\":"
                                      + conn
                                      + ",\"i\":"
                                      + i
                                      + ",\"p\":\""
                                      + pad
                                      + "\"}")
                                  .getBytes(StandardCharsets.UTF_8);
                          out.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
                          out.write(m);
                        }
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }));
      }
      await("the sink to be waited on", () -> sink.waiting() > 0);
      sink.release();
      for (Thread t : senders) {
        t.join();
      }
      await("every event", () -> sink.lines().size() == 3 * perConnection);
      await("every connection closed", () -> c.connections.get() == 0);
      var seen = new java.util.HashSet<String>();
      for (String line : sink.lines()) {
        var e = JSON.readTree(line);
        assertThat(seen.add(e.get("c").asInt() + "/" + e.get("i").asInt())).isTrue();
      }
      assertThat(seen).hasSize(3 * perConnection);
      assertThat(sink.chunks()).allMatch(ch -> ch.length() < EventBatch.LARGE_BYTES + 2048);
      assertThat(budget.left()).isEqualTo(EventBatch.GRANT_BYTES);
    }
  }
}
