package dev.kasa.event;

import dev.kasa.TestWorkers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs an {@link EventScanner} and records everything as text lines. */
final class Scans {
  private Scans() {}

  /** What a scan delivered, in delivery order. */
  static class Result implements ScanListener<List<String>> {
    final List<String> events = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();
    final List<InputSummary> summaries = new ArrayList<>();
    final List<EventInput> inputs = new ArrayList<>();
    ScanTotals totals;

    @Override
    public void chunkDone(EventInput input, List<String> result) {
      events.addAll(result);
    }

    @Override
    public void inputDone(EventInput input, InputSummary summary) {
      inputs.add(input);
      summaries.add(summary);
    }

    @Override
    public void unreadable(String input, String reason) {
      unreadable.add(input + ": " + reason);
    }

    /** Observables as {@code line field TYPE value}. */
    List<String> observables() {
      return events.stream()
          .filter(
              e -> !e.contains(" MALFORMED ") && !e.endsWith(" RECORD") && !e.contains(" TIME "))
          .toList();
    }

    List<String> malformed() {
      return events.stream().filter(e -> e.contains(" MALFORMED ")).toList();
    }

    List<String> records() {
      return events.stream().filter(e -> e.endsWith(" RECORD")).toList();
    }

    List<String> times() {
      return events.stream().filter(e -> e.contains(" TIME ")).toList();
    }
  }

  /** A processor that writes each record as lines of text. */
  static ChunkProcessor<List<String>> textProcessor() {
    return textProcessor(DecoderConfig.NONE);
  }

  /** A processor that writes each record, decoded with {@code config}, as lines of text. */
  static ChunkProcessor<List<String>> textProcessor(DecoderConfig config) {
    return input ->
        new ChunkTask<>() {
          final List<String> out = new ArrayList<>();

          @Override
          public DecoderConfig decoderConfig() {
            return config;
          }

          @Override
          public void record(DecodedRecord r) {
            out.add(r.line() + " RECORD");
            out.add(r.line() + " TIME " + r.timeMillis());
            for (int i = 0; i < r.size(); i++) {
              out.add(r.line() + " " + r.field(i) + " " + r.type(i) + " " + r.value(i));
            }
          }

          @Override
          public void malformed(long line, String reason) {
            out.add(line + " MALFORMED " + reason);
          }

          @Override
          public List<String> finish() {
            return out;
          }
        };
  }

  static Result scan(ScanOptions options, String... inputs) {
    return scan(options, new ByteArrayInputStream(new byte[0]), inputs);
  }

  static Result scan(ScanOptions options, InputStream stdin, String... inputs) {
    return scan(options, FieldCapture.NONE, stdin, inputs);
  }

  /** Scans with decoders capturing {@code capture}. */
  static Result scan(
      ScanOptions options, FieldCapture capture, InputStream stdin, String... inputs) {
    Result result = new Result();
    result.totals =
        new EventScanner(options, TestWorkers.POOL, stdin)
            .scan(List.of(inputs), textProcessor(DecoderConfig.of(capture)), result);
    return result;
  }

  static ScanOptions options() {
    return ScanOptions.defaults().withThreads(2);
  }

  static String fixture(String name) {
    try {
      return Path.of(Scans.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
