package dev.kasa.detect;

import static dev.kasa.detect.SweepFixture.dns;
import static dev.kasa.detect.SweepFixture.zeekDns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sweep over a stream that never ends (a node's feed): correlation windows close as event time
 * moves on, correlation state lives across rule reloads while its content is unchanged, and records
 * are matched only against the snapshot they were decoded for.
 */
class SweepStreamTest {
  private static final long T0 = 1_717_200_000L; // seconds

  private static final String EVIL =
      """
      title: evil lookups
      id: dns-evil
      logsource:
        product: zeek
        service: dns
      detection:
        sel:
          query|endswith: evil.example
        condition: sel
      """;

  /** A host that looked up an evil name only once in ten minutes: fires when the window closes. */
  private static String once(String timespan) {
    return EVIL
        + """
        ---
        title: a single evil lookup
        id: once
        correlation:
          type: event_count
          rules: [dns-evil]
          group-by: [id.orig_h]
          timespan: %s
          condition:
            lt: 2
        """
            .formatted(timespan);
  }

  /** Two evil lookups of a host in ten minutes: fires on the second. */
  private static String twice(String timespan) {
    return EVIL
        + """
        ---
        title: two evil lookups
        id: twice
        correlation:
          type: event_count
          rules: [dns-evil]
          group-by: [id.orig_h]
          timespan: %s
          condition:
            gte: 2
        """
            .formatted(timespan);
  }

  private static DetectionSnapshot snapshot(String rules, long generation) {
    return DetectionSnapshot.builder().rules(SweepFixture.rules(rules)).build(generation);
  }

  private static List<String> correlations(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f instanceof Finding.CorrelationHit)
        .map(SweepFixture::text)
        .toList();
  }

  @Test
  void aStreamFiresClosedWindowsAsItsRecordsMoveEventTimeOn() {
    List<Finding> found = new ArrayList<>();
    Sweep sweep = Sweep.over(snapshot(once("10m"), 1), Sweep.Options.stream(() -> 0L), found::add);
    sweep.deliver(zeekDns(sweep, "feed", dns(T0, "C1", "10.0.0.1", "a.evil.example")));
    sweep.deliver(zeekDns(sweep, "feed", dns(T0 + 60, "C2", "10.0.0.9", "good.example")));
    assertThat(correlations(found)).as("alice's window is still open").isEmpty();

    // Twenty-one minutes later a record of no interest arrives: the window and its grace passed.
    sweep.deliver(zeekDns(sweep, "feed", dns(T0 + 21 * 60, "C3", "10.0.0.9", "good.example")));
    assertThat(correlations(found))
        .as("fired without an end of input")
        .singleElement()
        .asString()
        .startsWith("correlation feed:1 once {id.orig_h=10.0.0.1} 1.0");
    assertThat(sweep.correlations().stats().groupsLive()).isZero();
    assertThat(sweep.finish()).as("nothing left for the end of input").isZero();
  }

  @Test
  void filesLetOnlyMatchesMoveEventTimeAndAnIdleFeedCanAdvanceIt() {
    List<Finding> found = new ArrayList<>();
    Sweep sweep = Sweep.over(snapshot(once("10m"), 1), Sweep.Options.files(0), found::add);
    sweep.deliver(zeekDns(sweep, "a.log", dns(T0, "C1", "10.0.0.1", "a.evil.example")));
    sweep.deliver(zeekDns(sweep, "b.log", dns(T0 + 21 * 60, "C2", "10.0.0.9", "good.example")));
    assertThat(correlations(found))
        .as("files may overlap in time: a later record of another file closes nothing")
        .isEmpty();

    assertThat(sweep.advance((T0 + 21 * 60) * 1000)).isEqualTo(1);
    assertThat(correlations(found)).hasSize(1);
  }

  @Test
  void correlationStateLivesAcrossAReloadThatKeepsItsContent() {
    SnapshotHolder holder = new SnapshotHolder(snapshot(twice("10m"), 1));
    List<Finding> found = new ArrayList<>();
    Sweep sweep = Sweep.over(holder, Sweep.Options.stream(() -> 0L), found::add);
    sweep.deliver(zeekDns(sweep, "feed", dns(T0, "C1", "10.0.0.1", "a.evil.example")));

    holder.publish(snapshot(twice("10m"), 2)); // the same rules, compiled again
    MatchedBatch second = zeekDns(sweep, "feed", dns(T0 + 60, "C2", "10.0.0.1", "b.evil.example"));
    assertThat(second.snapshot().generation()).isEqualTo(2);
    sweep.deliver(second);

    assertThat(correlations(found))
        .as("one lookup before the reload and one after make two")
        .singleElement()
        .asString()
        .startsWith("correlation feed:1 twice {id.orig_h=10.0.0.1} 2.0");
    assertThat(sweep.snapshot()).isSameAs(holder.current());
    assertThat(sweep.correlations().stats().groupsDroppedOnReload()).isZero();
  }

  @Test
  void aReloadThatChangesACorrelationStartsItAfresh() {
    SnapshotHolder holder = new SnapshotHolder(snapshot(twice("10m"), 1));
    List<Finding> found = new ArrayList<>();
    Sweep sweep = Sweep.over(holder, Sweep.Options.stream(() -> 0L), found::add);
    sweep.deliver(zeekDns(sweep, "feed", dns(T0, "C1", "10.0.0.1", "a.evil.example")));

    holder.publish(snapshot(twice("15m"), 2));
    sweep.deliver(zeekDns(sweep, "feed", dns(T0 + 60, "C2", "10.0.0.1", "b.evil.example")));

    assertThat(correlations(found)).isEmpty();
    assertThat(sweep.correlations().stats().groupsDroppedOnReload()).isEqualTo(1);
    assertThat(sweep.matchesByRule().values()).containsExactly(2L);
  }

  @Test
  void aRecordDecodedForOneSnapshotIsRefusedByTheMatcherOfAnother() {
    DetectionSnapshot first = snapshot(twice("10m"), 1);
    DetectionSnapshot second = first.toBuilder().build(2);
    assertThat(second.capture()).isEqualTo(first.capture());
    Sweep sweep = Sweep.over(second, Sweep.Options.files(0), f -> {});
    byte[] body = dns(T0, "C1", "10.0.0.1", "a.evil.example").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                new Decoders(ScanOptions.defaults())
                    .decode(
                        EventSource.zeek("feed", EventFormat.ZEEK_JSON, "dns"),
                        body,
                        input -> {
                          RecordMatcher matcher = sweep.matcher(input);
                          return new ChunkTask<MatchedBatch>() {
                            @Override
                            public DecoderConfig decoderConfig() {
                              return first.decoderConfig(); // decoded for the first snapshot
                            }

                            @Override
                            public void record(DecodedRecord record) {
                              matcher.record(record);
                            }

                            @Override
                            public void malformed(long line, String reason) {}

                            @Override
                            public MatchedBatch finish() {
                              return matcher.finish();
                            }
                          };
                        }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feed at line 1")
        .hasMessageContaining("another snapshot");
  }

  @Test
  void generationsOnlyIncrease() {
    SnapshotHolder holder = new SnapshotHolder(snapshot(EVIL, 5));
    DetectionSnapshot same = holder.current().toBuilder().build(5);
    assertThatThrownBy(() -> holder.publish(same))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("generation 5 published after 5");
    assertThat(holder.current().generation()).isEqualTo(5);
    holder.publish(holder.current().toBuilder().build(6));
    assertThat(holder.current().generation()).isEqualTo(6);
  }
}
