package dev.kasa.event;

import dev.kasa.TestWorkers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: scans with a {@link FieldCapture} and lists what records captured, as text. */
final class Captures {
  private Captures() {}

  /** What a scan captured: {@code line id name=value} per value ({@code <null>} for null). */
  static final class Result implements ScanListener<List<String>> {
    final List<String> lines = new ArrayList<>();

    @Override
    public void chunkDone(EventInput input, List<String> result) {
      lines.addAll(result);
    }

    @Override
    public void inputDone(EventInput input, InputSummary summary) {}

    @Override
    public void unreadable(String input, String reason) {
      lines.add("UNREADABLE " + input + " " + reason);
    }

    /** Captured values of record {@code line}. */
    List<String> of(long line) {
      String prefix = line + " ";
      return lines.stream()
          .filter(l -> l.startsWith(prefix) && !l.contains(" RECORD") && !l.contains(" MALFORMED"))
          .map(l -> l.substring(prefix.length()))
          .toList();
    }

    List<String> records() {
      return lines.stream().filter(l -> l.endsWith(" RECORD")).toList();
    }

    List<String> malformed() {
      return lines.stream().filter(l -> l.contains(" MALFORMED ")).toList();
    }

    List<String> times() {
      return lines.stream().filter(l -> l.contains(" TIME ")).toList();
    }
  }

  static ChunkProcessor<List<String>> processor(FieldCapture capture) {
    DecoderConfig config = DecoderConfig.of(capture);
    return input ->
        new ChunkTask<>() {
          final List<String> out = new ArrayList<>();

          @Override
          public DecoderConfig decoderConfig() {
            return config;
          }

          @Override
          public void record(DecodedRecord lean) {
            // What a rule that searches every value sees (the record itself unless the capture
            // asks for every value of its source).
            DecodedRecord r = lean.everyValue();
            out.add(r.line() + " RECORD");
            out.add(r.line() + " TIME " + r.timeMillis());
            for (int i = 0; i < r.capturedCount(); i++) {
              String v = r.capturedValue(i);
              out.add(
                  r.line()
                      + " "
                      + r.capturedId(i)
                      + " "
                      + r.capturedName(i)
                      + "="
                      + (v == null ? "<null>" : v));
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

  static Result scan(FieldCapture capture, EventFormat format, String... inputs) {
    ScanOptions options = ScanOptions.defaults().withThreads(2);
    if (format != null) {
      options = options.withForcedFormat(format);
    }
    Result result = new Result();
    new EventScanner(options, TestWorkers.POOL, new ByteArrayInputStream(new byte[0]))
        .scan(List.of(inputs), processor(capture), result);
    return result;
  }

  /** Scans {@code text} given on stdin. */
  static Result scanText(FieldCapture capture, EventFormat format, String text) {
    ScanOptions options = ScanOptions.defaults().withThreads(1);
    if (format != null) {
      options = options.withForcedFormat(format);
    }
    Result result = new Result();
    new EventScanner(
            options,
            TestWorkers.POOL,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .scan(List.of("-"), processor(capture), result);
    return result;
  }

  static FieldCapture names(String... names) {
    return FieldCapture.of(List.of(names));
  }
}
