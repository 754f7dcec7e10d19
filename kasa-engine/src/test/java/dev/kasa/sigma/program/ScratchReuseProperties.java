package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventInput;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * An evaluator takes the scratch state (memos of values and lines, recent class paths) an earlier
 * evaluator of its program gave back ({@link SigmaEvaluator#release()}): what it remembers must
 * change no match, also when the evaluators before it were for another source (another dispatch
 * tree over the same values) and when the values of a path repeat in another order. The reference
 * is a second compile of the same rules whose evaluators never give theirs back (each starts
 * empty).
 */
class ScratchReuseProperties {
  private static final String RULES =
      rule("w1", "windows", "process_creation", "sel:\n  Image|endswith: \\cmd.exe\ncondition: sel")
          + rule(
              "w2",
              "windows",
              "process_creation",
              "sel:\n  CommandLine|contains: whoami\ncondition: sel")
          + rule(
              "w3",
              "windows",
              "network_connection",
              "sel:\n  DestinationPort: 4444\ncondition: sel")
          + rule("l1", "linux", "process_creation", "sel:\n  Image|endswith: /bash\ncondition: sel")
          + rule(
              "l2",
              "linux",
              "network_connection",
              "sel:\n  CommandLine|contains: curl\ncondition: sel");

  private static final String[] CHANNELS = {
    "Microsoft-Windows-Sysmon/Operational",
    "microsoft-windows-sysmon/operational",
    "Security",
    "Linux-Sysmon/Operational",
    "Other",
    null
  };
  private static final String[] IDS = {"1", "3", "4688", "5", null};
  private static final String[] IMAGES = {
    "C:\\\\Windows\\\\System32\\\\cmd.exe", "/usr/bin/bash", "C:\\\\Tools\\\\cmd.exe.bak", "/bin/sh"
  };
  private static final String[] LINES = {
    "curl -s http://example.org/a",
    "whoami /all /fo list",
    "cmd.exe /c whoami",
    "nothing here at all"
  };

  private static String rule(String id, String product, String category, String detection) {
    return "title: rule "
        + id
        + "\nid: "
        + id
        + "\nlogsource:\n  product: "
        + product
        + "\n  category: "
        + category
        + "\ndetection:\n"
        + detection.indent(2)
        + "---\n";
  }

  @Property(tries = 60)
  void releasedScratchChangesNoMatch(@ForAll long seed) {
    Random r = new Random(seed);
    StringBuilder events = new StringBuilder();
    for (int e = 0; e < 60; e++) {
      events.append('{');
      String channel = CHANNELS[r.nextInt(CHANNELS.length)];
      String id = IDS[r.nextInt(IDS.length)];
      if (channel != null) {
        events.append("\"Channel\":\"").append(channel).append("\",");
      }
      if (id != null) {
        events.append("\"EventID\":").append(id).append(',');
      }
      events
          .append("\"Image\":\"")
          .append(IMAGES[r.nextInt(IMAGES.length)])
          .append("\",\"CommandLine\":\"")
          .append(LINES[r.nextInt(LINES.length)])
          .append("\",\"DestinationPort\":")
          .append(r.nextBoolean() ? "4444" : "80")
          .append("}\n");
    }
    SigmaProgram reused = SigmaProgramTest.compile(RULES);
    SigmaProgram fresh = SigmaProgramTest.compile(RULES);
    DecoderConfig config = DecoderConfig.of(reused.capture());
    EventInput[] inputs = {
      new EventInput("w", EventFormat.WINDOWS_JSON, "windows-json"),
      new EventInput("n", EventFormat.NDJSON, "ndjson")
    };
    List<String> got = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    decode(
        events.toString(),
        config,
        record -> {
          // Each record by each source, in an order the seed picks, an evaluator per record.
          int first = r.nextInt(2);
          for (int k = 0; k < 2; k++) {
            EventInput input = inputs[(first + k) % 2];
            SigmaEvaluator e = reused.evaluator(config, input);
            e.evaluate(record, m -> got.add(input.name() + record.line() + m.rule().id()));
            e.release();
            fresh
                .evaluator(config, input)
                .evaluate(record, m -> expected.add(input.name() + record.line() + m.rule().id()));
          }
        });
    assertThat(expected).as("the events match some rules of each source").isNotEmpty();
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void aReleasedEvaluatorRefusesToEvaluate() {
    SigmaProgram program = SigmaProgramTest.compile(RULES);
    DecoderConfig config = DecoderConfig.of(program.capture());
    SigmaEvaluator e = program.evaluator(config, new EventInput("n", EventFormat.NDJSON, "ndjson"));
    e.release();
    e.release();
    decode(
        "{\"Image\":\"/bin/bash\"}\n",
        config,
        record ->
            assertThatThrownBy(() -> e.evaluate(record, m -> {}))
                .isInstanceOf(IllegalStateException.class));
  }

  private static void decode(
      String events, DecoderConfig config, java.util.function.Consumer<DecodedRecord> each) {
    new Decoders(ScanOptions.defaults())
        .decode(
            new EventSource("events", EventFormat.NDJSON, null),
            events.getBytes(StandardCharsets.UTF_8),
            input ->
                new ChunkTask<Void>() {
                  @Override
                  public DecoderConfig decoderConfig() {
                    return config;
                  }

                  @Override
                  public void record(DecodedRecord record) {
                    each.accept(record);
                  }

                  @Override
                  public void malformed(long line, String reason) {
                    throw new AssertionError(reason);
                  }

                  @Override
                  public Void finish() {
                    return null;
                  }
                });
  }
}
