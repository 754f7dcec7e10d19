package dev.kasa.bench.node;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The ingest benchmark's syslog sender, run in its own process. Usage: {@code SyslogSender HOST
 * PORT FILE...}: every line of every file becomes one RFC 5424 message (the line as MSG, so that a
 * JSON event stays the event) sent over one TCP connection with RFC 6587 octet counting. Prints
 * {@code sent=N seconds=S}.
 *
 * <p>Each message has a timestamp of its own, one microsecond after the last (as rsyslog's RFC 5424
 * template stamps them), so that the node does not read one repeated header, which real traffic
 * does not send.
 */
public final class SyslogSender {
  private static final long FIRST_SECOND = Instant.parse("2025-06-02T00:00:00Z").getEpochSecond();

  private SyslogSender() {}

  /** The RFC 5424 TIMESTAMP of message {@code n}: {@code n} microseconds after the first. */
  static String timestamp(long n) {
    String second = Instant.ofEpochSecond(FIRST_SECOND + n / 1_000_000).toString();
    String micros = Long.toString(1_000_000 + n % 1_000_000).substring(1);
    return second.substring(0, second.length() - 1) + "." + micros + "Z";
  }

  public static void main(String[] args) throws IOException {
    long sent = 0;
    long t0 = System.nanoTime();
    try (var socket = new Socket(args[0], Integer.parseInt(args[1]));
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
      for (int i = 2; i < args.length; i++) {
        try (BufferedReader in =
            Files.newBufferedReader(Path.of(args[i]), StandardCharsets.UTF_8)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
              continue;
            }
            byte[] message =
                ("<134>1 " + timestamp(sent) + " sensor zeek - - - " + line)
                    .getBytes(StandardCharsets.UTF_8);
            out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            sent++;
          }
        }
      }
    }
    System.out.printf("sent=%d seconds=%.1f%n", sent, (System.nanoTime() - t0) / 1e9);
  }
}
