package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import dev.kasa.intel.IntelDiff;
import dev.kasa.observable.ObservableType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-free intake decodes a request body exactly as the file front end decodes a file with the
 * same bytes: same findings (indicator hits, rule matches, correlations), same line numbers, same
 * malformed-record reports, whatever pieces the body arrives in and however the file is chunked.
 */
class IntakeAgreementTest {
  private static final String RULES =
      """
      title: evil lookups
      id: dns-evil
      level: high
      logsource:
        product: zeek
        service: dns
      detection:
        sel:
          query|endswith: evil.example
        condition: sel
      ---
      title: two evil lookups from one host
      id: two-evil
      correlation:
        type: event_count
        rules: [dns-evil]
        group-by: [id.orig_h]
        timespan: 10m
        generate: true
        condition:
          gte: 2
      """;

  private static final String TSV =
      """
      #separator \\x09
      #path\tdns
      #fields\tts\tuid\tid.orig_h\tid.resp_h\tquery
      #types\ttime\tstring\taddr\taddr\tstring
      1717200000.0\tC1\t10.0.0.1\t203.0.113.7\ta.evil.example
      1717200001.0\tC2\t10.0.0.2\t8.8.8.8\tgood.example
      1717200002.0\tC3
      1717200003.0\tC4\t10.0.0.1\t8.8.8.8\tb.evil.example
      1717200004.0\tC5\t10.0.0.2\t203.0.113.7\tgood.example
      """;

  private static final String ZEEK_JSON =
      """
      {"ts":1717200000.0,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"203.0.113.7","query":"a.evil.example"}
      {"ts":1717200001.0,"uid":"C2","id.orig_h":"10.0.0.2","id.resp_h":"8.8.8.8","query":"good.example"}
      {"ts":1717200002.0,"uid":"C3","id.orig_h":
      {"ts":1717200003.0,"uid":"C4","id.orig_h":"10.0.0.1","id.resp_h":"8.8.8.8","query":"b.evil.example"}
      {"ts":1717200004.0,"uid":"C5","id.orig_h":"10.0.0.2","id.resp_h":"203.0.113.7","query":"good.example"}
      """;

  @TempDir Path dir;

  private static DetectionSnapshot snapshot() {
    return DetectionSnapshot.builder()
        .indicators(
            TestIndicators.index(
                TestIndicators.indicator(1, ObservableType.DOMAIN, "evil.example"),
                TestIndicators.indicator(2, ObservableType.IPV4, "203.0.113.7")))
        .rules(SweepFixture.rules(RULES))
        .build(1);
  }

  /** A body that arrives a few bytes at a time, as a socket gives it. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }

  private void agree(String fileName, byte[] bytes, EventSource body) throws IOException {
    Path file = dir.resolve(fileName);
    Files.write(file, bytes);
    DetectionSnapshot snapshot = snapshot();
    ScanOptions options = ScanOptions.defaults().withThreads(1);
    SweepFixture.Outcome fromFile =
        SweepFixture.scanFiles(snapshot, options, List.of(file.toString()));
    assertThat(fromFile.findings)
        .as("the fixture finds something of every kind")
        .anyMatch(f -> f.startsWith("hit "))
        .anyMatch(f -> f.startsWith("match "))
        .anyMatch(f -> f.startsWith("correlation "));

    EventSource source = new EventSource(file.toString(), body.format(), body.fieldMapSource());
    SweepFixture.Outcome fromBytes =
        SweepFixture.decodeStream(snapshot, options, source, trickle(bytes));
    assertThat(fromBytes.findings).containsExactlyElementsOf(fromFile.findings);
    assertThat(fromBytes.inputs).containsExactlyElementsOf(fromFile.inputs);

    // Small chunks on several threads: the order and the findings do not change.
    SweepFixture.Outcome chunked =
        SweepFixture.scanFiles(
            snapshot, options.withThreads(3).withChunkBytes(64), List.of(file.toString()));
    assertThat(chunked.findings).containsExactlyElementsOf(fromFile.findings);
  }

  @Test
  void zeekTsvFromABodyAndFromAFileGiveTheSameFindings() throws IOException {
    agree(
        "dns.log",
        TSV.getBytes(StandardCharsets.UTF_8),
        new EventSource("-", null, null)); // the header's #path says dns
  }

  @Test
  void zeekJsonNamedByItsSourceGivesWhatTheFileNameGives() throws IOException {
    // The file is named dns.log; the body has no file name, its source says zeek:dns.
    agree(
        "dns.log",
        ZEEK_JSON.getBytes(StandardCharsets.UTF_8),
        EventSource.zeek("-", EventFormat.ZEEK_JSON, "dns"));
  }

  @Test
  void aGzippedBodyDecodesAsAGzippedFile() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(TSV.getBytes(StandardCharsets.UTF_8));
    }
    agree("dns.log.gz", gz.toByteArray(), EventSource.detected("-"));
  }

  @Test
  void aSnapshotMatchesThroughALayeredIndex() throws IOException {
    IndicatorIndex bulk =
        TestIndicators.index(
            TestIndicators.indicator(1, ObservableType.DOMAIN, "evil.example"),
            TestIndicators.indicator(2, ObservableType.IPV4, "203.0.113.7"),
            TestIndicators.indicator(4, ObservableType.IPV6, "2001:db8::8"));
    // One indicator added in front of the bulk, one of the bulk's removed.
    LayeredIndex layered =
        LayeredIndex.of(bulk)
            .with(
                new IntelDiff(
                    List.of(IntelSetTest.version(3, IntelSetTest.V1, "8.8.8.8")),
                    List.of(),
                    List.of(TestIndicators.id(2))));
    DetectionSnapshot snapshot = DetectionSnapshot.builder().indicators(layered).build(1);
    Path file = dir.resolve("dns.log");
    Files.writeString(file, TSV + "1717200005.0\tC6\t2001:db8::1\t2001:DB8::8\tgood.example\n");
    SweepFixture.Outcome out =
        SweepFixture.scanFiles(
            snapshot, ScanOptions.defaults().withThreads(2), List.of(file.toString()));
    assertThat(out.findings.stream().map(f -> f.replaceAll(" @.*? ", " ")).toList())
        .allMatch(f -> f.startsWith("hit "))
        .anyMatch(f -> f.contains(":5 query=a.evil.example"))
        .anyMatch(f -> f.contains(":6 id.resp_h=8.8.8.8"))
        .anyMatch(f -> f.contains(":8 id.resp_h=8.8.8.8"))
        .anyMatch(f -> f.contains(":10 id.resp_h=2001:DB8::8"))
        .noneMatch(f -> f.contains("203.0.113.7"));
  }

  @Test
  void noMeaningIsReadFromABodysName() throws IOException {
    byte[] bytes = ZEEK_JSON.getBytes(StandardCharsets.UTF_8);
    DetectionSnapshot snapshot = snapshot();
    ScanOptions options = ScanOptions.defaults().withThreads(1);
    SweepFixture.Outcome named =
        SweepFixture.decodeStream(
            snapshot, options, EventSource.detected("dns.log"), new ByteArrayInputStream(bytes));
    assertThat(named.inputs)
        .as("a body called dns.log is not taken for a Zeek DNS log: its source does not say so")
        .singleElement()
        .asString()
        .contains("format=ZEEK_JSON, fieldMapSource=zeek]");
    assertThat(named.findings).noneMatch(f -> f.startsWith("match "));
  }
}
