package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every event class's bucket is compiled when the program is: events of any class, named by the
 * rules or not, get a bucket compiled before the first event, so nothing compiles (and no compile
 * error or first-event delay appears) once a snapshot holding the program is published.
 */
class EagerBucketsTest {
  private static String rule(String id, String category, String detection) {
    return "title: rule "
        + id
        + "\nid: "
        + id
        + "\nlogsource:\n  product: linux\n  category: "
        + category
        + "\ndetection:\n"
        + detection.indent(2)
        + "---\n";
  }

  @Test
  void everyEventGetsABucketCompiledWithTheProgram() {
    SigmaProgram program =
        SigmaProgramTest.compile(
            rule("p1", "process_creation", "sel:\n  Image|endswith: /bash\ncondition: sel")
                + rule("n1", "network_connection", "sel:\n  DestinationPort: 4444\ncondition: sel")
                + rule(
                    "p2",
                    "process_creation",
                    "sel:\n  CommandLine|contains: curl\ncondition: sel"));
    Dispatch dispatch = program.dispatch("ndjson");
    Set<Bucket> compiled = dispatch.buckets();
    assertThat(compiled).as("the tree tells the rules' event classes apart").hasSizeGreaterThan(1);

    StringBuilder events = new StringBuilder();
    String[] channels = {"Linux-Sysmon/Operational", "linux-sysmon/operational", "Other", null};
    String[] ids = {"1", "3", "5", "99999", null};
    for (String channel : channels) {
      for (String id : ids) {
        events.append('{');
        if (channel != null) {
          events.append("\"Channel\":\"").append(channel).append("\",");
        }
        if (id != null) {
          events.append("\"EventID\":").append(id).append(',');
        }
        events.append(
            "\"Image\":\"/bin/bash\",\"CommandLine\":\"curl x\",\"DestinationPort\":4444}\n");
      }
    }
    DecoderConfig config = DecoderConfig.of(program.capture());
    List<Bucket> used = new ArrayList<>();
    List<Bucket> throughLast = new ArrayList<>();
    Dispatch.Last last = new Dispatch.Last();
    List<String> matched = new ArrayList<>();
    SigmaEvaluator evaluator =
        program.evaluator(
            config, new dev.kasa.event.EventInput("events", EventFormat.NDJSON, "ndjson"));
    new Decoders(ScanOptions.defaults())
        .decode(
            new EventSource("events", EventFormat.NDJSON, null),
            events.toString().getBytes(StandardCharsets.UTF_8),
            input ->
                new ChunkTask<Void>() {
                  @Override
                  public DecoderConfig decoderConfig() {
                    return config;
                  }

                  @Override
                  public void record(DecodedRecord record) {
                    used.add(dispatch.bucketFor(record));
                    throughLast.add(dispatch.bucketFor(record, last));
                    evaluator.evaluate(record, m -> matched.add(m.line() + ":" + m.rule().id()));
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

    assertThat(used).hasSize(channels.length * ids.length);
    assertThat(throughLast)
        .as("the last record's path is taken again only when its values are the same")
        .usingElementComparator((a, b) -> a == b ? 0 : 1)
        .containsExactlyElementsOf(used);
    Set<Bucket> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(used);
    assertThat(compiled)
        .as("every bucket an event got was compiled with the program")
        .containsAll(distinct);
    assertThat(dispatch.buckets()).as("and none was added since").hasSameSizeAs(compiled);
    assertThat(matched)
        .as("classes still select the rules: sysmon EventID 1 and 3, the channel case-folded")
        .containsExactly("1:p1", "1:p2", "2:n1", "6:p1", "6:p2", "7:n1");
  }
}
