package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture ids are positions in the program's {@code FieldCapture}: a record captured for one
 * program must not be evaluated by another, whose ids mean other fields; and a record decoded for
 * one decoder configuration (one detection snapshot) is refused by evaluators of another, even when
 * the captures are equal.
 */
class CaptureAgreementTest {
  @TempDir Path dir;

  private static String rule(String id, String field) {
    return "title: rule "
        + id
        + "\nid: "
        + id
        + "\nlogsource:\n  product: kasatest\ndetection:\n  sel:\n    "
        + field
        + ": alice\n  condition: sel\n";
  }

  /** Scans {@code events} with {@code capturedFor}'s capture and evaluates with {@code by}. */
  private List<SigmaMatch> sweep(SigmaProgram capturedFor, SigmaProgram by, String events)
      throws IOException {
    DecoderConfig config = DecoderConfig.of(capturedFor.capture());
    return sweep(config, config, by, events);
  }

  /**
   * Scans {@code events} decoding with {@code decodedWith}, and evaluates with {@code by} made for
   * {@code evaluatedFor}.
   */
  private List<SigmaMatch> sweep(
      DecoderConfig decodedWith, DecoderConfig evaluatedFor, SigmaProgram by, String events)
      throws IOException {
    Path file = dir.resolve("events.json");
    Files.writeString(file, events);
    ScanOptions options =
        ScanOptions.defaults().withThreads(1).withForcedFormat(EventFormat.NDJSON);
    List<SigmaMatch> out = new ArrayList<>();
    new EventScanner(options, TestWorkers.POOL)
        .scan(
            List.of(file.toString()),
            input -> new Evaluate(decodedWith, by.evaluator(evaluatedFor, input)),
            new ScanListener<List<SigmaMatch>>() {
              @Override
              public void chunkDone(EventInput input, List<SigmaMatch> result) {
                out.addAll(result);
              }

              @Override
              public void inputDone(EventInput input, InputSummary summary) {}

              @Override
              public void unreadable(String input, String reason) {}
            });
    return out;
  }

  @Test
  void aRecordCapturedForAnotherProgramIsRefusedNamingBothCaptures() throws IOException {
    SigmaProgram onUser = SigmaProgramTest.compile(rule("u", "User"));
    SigmaProgram onImage = SigmaProgramTest.compile(rule("i", "Image"));
    String event = "{\"User\":\"alice\",\"Image\":\"C:\\\\x.exe\"}\n";

    // Today the record's id 0 (User) is read as the other program's id 0 (Image): a rule on Image
    // fires on the value of User.
    assertThatThrownBy(() -> sweep(onUser, onImage, event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("User")
        .hasMessageContaining("Image");
  }

  @Test
  void aRecordCapturedForTheSameProgramOrAnEqualCaptureIsEvaluated() throws IOException {
    SigmaProgram onUser = SigmaProgramTest.compile(rule("u", "User"));
    SigmaProgram sameRules = SigmaProgramTest.compile(rule("u", "User"));
    String event = "{\"User\":\"alice\"}\n";
    assertThat(sweep(onUser, onUser, event)).hasSize(1);
    assertThat(sweep(onUser, sameRules, event)).as("equal captures agree on every id").hasSize(1);
  }

  @Test
  void aRecordDecodedForAnotherSnapshotIsRefusedEvenWithAnEqualCapture() {
    SigmaProgram onUser = SigmaProgramTest.compile(rule("u", "User"));
    DecoderConfig first = DecoderConfig.of(onUser.capture());
    DecoderConfig second = first.renewed();
    assertThat(second.capture()).isEqualTo(first.capture());
    assertThatThrownBy(() -> sweep(first, second, onUser, "{\"User\":\"alice\"}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("only against the snapshot it was decoded for");
  }

  private static final class Evaluate implements ChunkTask<List<SigmaMatch>> {
    private final DecoderConfig config;
    private final SigmaEvaluator evaluator;
    private final List<SigmaMatch> matches = new ArrayList<>();

    Evaluate(DecoderConfig config, SigmaEvaluator evaluator) {
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
