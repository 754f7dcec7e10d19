package dev.kasa.node.ingest;

import static dev.kasa.node.ingest.RecordingSink.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.node.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The syslog listeners against a real client: util-linux {@code logger} (Debian's bsdutils, always
 * installed there) sending RFC 5424 and RFC 3164 over UDP and over TCP with both framings. Skipped,
 * saying so, where {@code logger} is absent.
 */
class LoggerClientTest {
  private static final Path LOGGER = Path.of("/usr/bin/logger");
  private static final Clock CLOCK = Clock.systemUTC();
  private static final NodeConfig.Listen ANY_PORT = new NodeConfig.Listen("127.0.0.1", 0);
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void needsLogger() {
    Assumptions.assumeTrue(
        Files.isExecutable(LOGGER), "util-linux logger not installed at " + LOGGER);
  }

  @Test
  void tcpWithOctetCountingAndNewlineFramingKeepsEveryHeaderField() throws Exception {
    var sink = new RecordingSink();
    var c = new SourceCounters("tcp", "test", "test", CLOCK);
    var config = SyslogSource.of("tcp", SyslogSource.Protocol.TCP, ANY_PORT);
    try (var l =
        StreamSyslogListener.start(
            config, null, sink, c, new BatchBudget(BatchBudget.DEFAULT_BYTES), CLOCK)) {
      String port = Integer.toString(l.port());
      logger(
          null,
          "--tcp",
          "--port",
          port,
          "--octet-count",
          "--rfc5424",
          "--priority",
          "auth.warning",
          "--tag",
          "fw",
          "--id=4711",
          "--msgid",
          "DENY",
          "--sd-id",
          "origin@32473",
          "--sd-param",
          "ip=\"10.0.0.1\"",
          "deny 203.0.113.7:443");
      logger(
          null,
          "--tcp",
          "--port",
          port,
          "--rfc3164",
          "--tag",
          "sshd",
          "{\"src_ip\":\"198.51.100.2\",\"user\":\"root\"}");
      logger("first line\nsecond line\n", "--tcp", "--port", port, "--octet-count", "-t", "m");
      await("4 events", () -> sink.lines().size() == 4);
      assertThat(c.status().malformed()).isZero();
      List<JsonNode> events = new ArrayList<>();
      for (String line : sink.lines()) {
        events.add(JSON.readTree(line));
      }
      JsonNode deny = only(events, "deny 203.0.113.7:443");
      JsonNode h = deny.get("_syslog");
      assertThat(h.get("rfc").asText()).isEqualTo("5424");
      assertThat(h.get("facility").asInt()).isEqualTo(4);
      assertThat(h.get("severity").asInt()).isEqualTo(4);
      assertThat(h.get("app_name").asText()).isEqualTo("fw");
      assertThat(h.get("procid").asText()).isEqualTo("4711");
      assertThat(h.get("msgid").asText()).isEqualTo("DENY");
      assertThat(h.at("/structured_data/origin@32473/ip").asText()).isEqualTo("10.0.0.1");
      assertThat(h.get("hostname").asText()).isNotEmpty();
      assertThat(h.get("timestamp").asText()).endsWith("Z");

      JsonNode json =
          events.stream().filter(e -> e.has("src_ip")).findFirst().orElseThrow(AssertionError::new);
      assertThat(json.get("user").asText()).isEqualTo("root");
      assertThat(json.at("/_syslog/rfc").asText()).isEqualTo("3164");
      assertThat(json.at("/_syslog/app_name").asText()).isEqualTo("sshd");
      assertThat(json.has("message")).isFalse();

      assertThat(only(events, "first line").at("/_syslog/app_name").asText()).isEqualTo("m");
      assertThat(only(events, "second line").at("/_syslog/app_name").asText()).isEqualTo("m");
    }
  }

  @Test
  void udpTakesBothRfcs() throws Exception {
    var sink = new RecordingSink();
    var c = new SourceCounters("udp", "test", "test", CLOCK);
    var config = SyslogSource.of("udp", SyslogSource.Protocol.UDP, ANY_PORT);
    try (var l = UdpSyslogListener.start(config, sink, c, CLOCK)) {
      String port = Integer.toString(l.port());
      logger(null, "--udp", "--port", port, "--rfc5424", "-t", "a", "over udp 5424");
      logger(null, "--udp", "--port", port, "--rfc3164", "-t", "b", "over udp 3164");
      await("2 events", () -> sink.lines().size() == 2);
      List<JsonNode> events = new ArrayList<>();
      for (String line : sink.lines()) {
        events.add(JSON.readTree(line));
      }
      assertThat(only(events, "over udp 5424").at("/_syslog/rfc").asText()).isEqualTo("5424");
      JsonNode bsd = only(events, "over udp 3164");
      assertThat(bsd.at("/_syslog/rfc").asText()).isEqualTo("3164");
      assertThat(bsd.at("/_syslog/app_name").asText()).isEqualTo("b");
      assertThat(bsd.at("/_syslog/hostname").asText()).isNotEmpty();
      assertThat(c.status().malformed()).isZero();
    }
  }

  private static JsonNode only(List<JsonNode> events, String message) {
    List<JsonNode> found =
        events.stream()
            .filter(e -> e.has("message") && e.get("message").asText().equals(message))
            .toList();
    assertThat(found).as("events with the message '%s' among %s", message, events).hasSize(1);
    return found.getFirst();
  }

  /** Runs logger against 127.0.0.1 with {@code args}; {@code stdin} (or null) is its input. */
  private static void logger(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LOGGER.toString(), "--server", "127.0.0.1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("logger finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("logger %s: %s", command, out).isZero();
  }
}
