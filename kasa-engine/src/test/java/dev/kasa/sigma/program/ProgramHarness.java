package dev.kasa.sigma.program;

import dev.kasa.TestWorkers;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventScanner;
import dev.kasa.event.InputSummary;
import dev.kasa.event.ScanListener;
import dev.kasa.event.ScanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sweeps event text with a compiled program through the real scanner and decoders. */
final class ProgramHarness {
  private ProgramHarness() {}

  static List<SigmaMatch> run(
      SigmaProgram program, String events, EventFormat format, String name) {
    try {
      Path dir = Files.createTempDirectory("kasa-sigma-test");
      Path file = dir.resolve(name);
      Files.writeString(file, events);
      try {
        return run(program, file, format);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<SigmaMatch> run(SigmaProgram program, Path file, EventFormat format) {
    ScanOptions options = ScanOptions.defaults().withThreads(1);
    DecoderConfig config = DecoderConfig.of(program.capture());
    if (format != null) {
      options = options.withForcedFormat(format);
    }
    List<SigmaMatch> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    new EventScanner(options, TestWorkers.POOL)
        .scan(
            List.of(file.toString()),
            input -> new Task(config, program.evaluator(config, input)),
            new ScanListener<List<SigmaMatch>>() {
              @Override
              public void chunkDone(EventInput input, List<SigmaMatch> result) {
                out.addAll(result);
              }

              @Override
              public void inputDone(EventInput input, InputSummary summary) {
                summary.firstMalformed().forEach(m -> problems.add(m.text()));
              }

              @Override
              public void unreadable(String input, String reason) {
                problems.add(reason);
              }
            });
    if (!problems.isEmpty()) {
      throw new AssertionError("events did not decode: " + problems);
    }
    return out;
  }

  private static final class Task implements ChunkTask<List<SigmaMatch>> {
    private final DecoderConfig config;
    private final SigmaEvaluator evaluator;
    private final List<SigmaMatch> matches = new ArrayList<>();

    Task(DecoderConfig config, SigmaEvaluator evaluator) {
      this.config = config;
      this.evaluator = evaluator;
    }

    @Override
    public DecoderConfig decoderConfig() {
      return config;
    }

    @Override
    public void record(DecodedRecord record) {
      evaluator.evaluate(record, matches::add);
    }

    @Override
    public void malformed(long line, String reason) {}

    @Override
    public List<SigmaMatch> finish() {
      return matches;
    }
  }
}
