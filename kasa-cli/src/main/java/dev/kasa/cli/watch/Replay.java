package dev.kasa.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** How the watch demo's sensors send telemetry: a real syslog socket and a tailed folder. */
final class Replay {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Replay() {}

  /**
   * Sends each line of {@code ndjson} as one RFC 5424 message (the line as MSG) over TCP to
   * 127.0.0.1:{@code port}, framed by octet counting (RFC 6587).
   *
   * @return the messages sent
   */
  static long syslog(byte[] ndjson, int port) {
    long sent = 0;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = s.getOutputStream()) {
      for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        byte[] msg =
            ("<134>1 - suricata.base7.example suricata - eve - " + line.strip())
                .getBytes(StandardCharsets.UTF_8);
        out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(msg);
        sent++;
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("syslog to 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return sent;
  }

  /**
   * Puts a whole log file into {@code folder} as {@code name} (written beside it, then moved in, so
   * the tailer never sees half a header).
   *
   * @return its records (lines that are neither blank nor {@code #} comments)
   */
  static long file(byte[] log, Path folder, String name) {
    try {
      Path staged = Files.createTempFile(folder.getParent(), "." + name, ".part");
      Files.write(staged, log);
      Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String(log, StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .count();
  }

  /**
   * Appends each JSON object of {@code objects} (a stream of objects, as evtx_dump writes them) to
   * {@code folder/name} as one line, one write per record, as a live log grows.
   *
   * @return the records written
   */
  static long jsonLines(byte[] objects, Path folder, String name) {
    long written = 0;
    Path target = folder.resolve(name);
    try (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(objects)) {
      while (it.hasNext()) {
        Files.write(
            target,
            (JSON.writeValueAsString(it.next()) + "\n").getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        written++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }
}
