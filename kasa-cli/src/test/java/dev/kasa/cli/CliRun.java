package dev.kasa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs {@code kasa} in-process with captured streams and a fixed clock. */
public record CliRun(int status, String out, String err) {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static CliRun kasa(String... args) {
    return kasaWithStdin("", args);
  }

  public static CliRun kasaWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Kasa.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out),
            new PrintWriter(err),
            CLOCK);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Runs with standard output taken as {@code terminal} (its width, whether it colours). */
  public static CliRun kasaOn(dev.kasa.cli.report.Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Kasa.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            CLOCK,
            null,
            terminal);
    return new CliRun(status, out.toString(), err.toString());
  }

  public List<JsonNode> jsonLines() {
    return out.lines()
        .filter(l -> !l.isBlank())
        .map(
            l -> {
              try {
                return JSON.readTree(l);
              } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + l, e);
              }
            })
        .toList();
  }

  public JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
