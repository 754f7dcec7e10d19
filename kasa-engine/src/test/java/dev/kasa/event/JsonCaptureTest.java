package dev.kasa.event;

import static dev.kasa.event.Captures.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCaptureTest {
  private static final String NXLOG = Scans.fixture("capture/nxlog_capture.json");

  @Test
  void rejectsDuplicateAndEmptyNames() {
    assertThatThrownBy(() -> FieldCapture.of(List.of("Image", "EventID", "Image")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names[2] 'Image'");
    assertThatThrownBy(() -> FieldCapture.of(List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names[0]");
    assertThat(FieldCapture.NONE.isNone()).isTrue();
    assertThat(new FieldCapture(List.of(), true).isNone()).isFalse();
    assertThat(
            new ChunkTask<Void>() {
              @Override
              public void record(DecodedRecord record) {}

              @Override
              public void malformed(long line, String reason) {}

              @Override
              public Void finish() {
                return null;
              }
            }.decoderConfig())
        .isSameAs(DecoderConfig.NONE);
  }

  @Test
  void capturesRequestedNamesWithIdsAndDecodedValues() {
    var r =
        Captures.scan(
            names(
                "CommandLine", "EventID", "Keywords", "Ratio", "Signed", "Elevated", "ParentUser"),
            null,
            NXLOG);
    assertThat(r.of(1))
        .containsExactly(
            "TIME 1704164645000",
            "1 EventID=4688",
            "2 Keywords=-9214364837600034816",
            "3 Ratio=1.5",
            "4 Signed=true",
            "5 Elevated=false",
            "6 ParentUser=<null>",
            "0 CommandLine=cmd /c \"echo café \uD83D\uDE00\"");
  }

  @Test
  void unrequestedFieldsAreNotCaptured() {
    var r = Captures.scan(names("Image"), null, NXLOG);
    assertThat(r.of(1)).containsExactly("TIME 1704164645000", "0 Image=C:\\Windows\\cmd.exe");
    var none = Captures.scan(FieldCapture.NONE, null, NXLOG);
    assertThat(none.of(1)).containsExactly("TIME 1704164645000");
  }

  @Test
  void malformedLineIsReportedAndNeighboursKeepTheirCaptures() {
    var r = Captures.scan(names("Image", "EventID"), null, NXLOG);
    assertThat(r.malformed()).singleElement().asString().startsWith("2 MALFORMED");
    assertThat(r.records()).containsExactly("1 RECORD", "3 RECORD");
    assertThat(r.of(3))
        .containsExactly("TIME " + DecodedRecord.NO_TIME, "1 EventID=3", "0 Image=C:\\y.exe");
  }

  @Test
  void nestedObjectsAndArraysUseDottedPathsAndNoContainerEntry() {
    var r =
        Captures.scan(names("Nested", "Nested.Inner", "Nested.Deeper.Leaf", "List.K"), null, NXLOG);
    assertThat(r.of(3))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "1 Nested.Inner=v",
            "2 Nested.Deeper.Leaf=2",
            "3 List.K=one",
            "3 List.K=two");
  }

  @Test
  void arrayOfScalarsGivesOneEntryPerElement() {
    var r =
        Captures.scanText(
            names("Tags"), EventFormat.NDJSON, "{\"Tags\":[\"a\",2,true,null,[\"x\"]]}\n");
    assertThat(r.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "0 Tags=a",
            "0 Tags=2",
            "0 Tags=true",
            "0 Tags=<null>",
            "0 Tags=x");
  }

  @Test
  void escapesAreDecoded() {
    String line =
        "{\"v\":\"back\\\\slash \\\"q\\\" \\u00e9 \\ud83d\\ude00 \\/ \\t\\n"
            + " caf\u00e9 \uD83D\uDE00\"}\n";
    var r = Captures.scanText(names("v"), EventFormat.NDJSON, line);
    assertThat(r.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "0 v=back\\slash \"q\" é \uD83D\uDE00 / \t\n café \uD83D\uDE00");
  }

  @Test
  void loneSurrogateEscapesStayLoneCharsAsJacksonGivesThem() {
    String line = "{\"v\":\"a\\ud83d?b \\ude00\"}\n";
    var r = Captures.scanText(names("v"), EventFormat.NDJSON, line);
    assertThat(r.of(1)).containsExactly("TIME " + DecodedRecord.NO_TIME, "0 v=a\uD83D?b \uDE00");
  }

  @Test
  void allModeCapturesEveryScalarWithRequestedIdsKept() {
    var r = Captures.scan(new FieldCapture(List.of("Image"), true), null, NXLOG);
    assertThat(r.of(3))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "-1 EventID=3",
            "0 Image=C:\\y.exe",
            "-1 Nested.Inner=v",
            "-1 Nested.Deeper.Leaf=2",
            "-1 List.K=one",
            "-1 List.K=two");
  }

  @Test
  void eveArraysOfObjectsShareTheArrayPath() {
    String eve =
        "{\"timestamp\":\"2024-01-02T03:04:05.000000+0000\",\"event_type\":\"dns\","
            + "\"src_ip\":\"10.0.0.5\",\"dns\":{\"type\":\"answer\",\"rrname\":\"evil.example\","
            + "\"answers\":[{\"rrname\":\"evil.example\",\"rdata\":\"203.0.113.7\"},"
            + "{\"rrname\":\"evil.example\",\"rdata\":\"203.0.113.8\"}]}}\n";
    var r =
        Captures.scanText(names("dns.answers.rdata", "src_ip", "dns.rrname"), EventFormat.EVE, eve);
    assertThat(r.of(1))
        .containsExactly(
            "TIME 1704164645000",
            "1 src_ip=10.0.0.5",
            "2 dns.rrname=evil.example",
            "0 dns.answers.rdata=203.0.113.7",
            "0 dns.answers.rdata=203.0.113.8");
  }

  @Test
  void zeekJsonDottedKeysAndNestingGiveTheSameName() {
    String zeek =
        "{\"ts\":1704164645.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.5\",\"query\":\"x.example\"}\n"
            + "{\"ts\":1704164646.5,\"uid\":\"C2\",\"id\":{\"orig_h\":\"10.0.0.6\"}}\n";
    var r = Captures.scanText(names("id.orig_h", "uid"), EventFormat.ZEEK_JSON, zeek);
    assertThat(r.of(1)).containsExactly("TIME 1704164645500", "1 uid=C1", "0 id.orig_h=10.0.0.5");
    assertThat(r.of(2)).containsExactly("TIME 1704164646500", "1 uid=C2", "0 id.orig_h=10.0.0.6");
  }

  @Test
  void namesAreCaseSensitive() {
    var r = Captures.scan(names("image", "IMAGE"), null, NXLOG);
    assertThat(r.of(1)).containsExactly("TIME 1704164645000");
  }

  @Test
  void capturedFieldsWithARoleStillGiveObservables() {
    String line = "{\"DestinationIp\":\"203.0.113.9\",\"UtcTime\":\"2024-01-02 03:04:05.600\"}\n";
    var options = ScanOptions.defaults().withThreads(1).withForcedFormat(EventFormat.WINDOWS_JSON);
    var scans =
        Scans.scan(
            options,
            names("DestinationIp", "UtcTime"),
            new java.io.ByteArrayInputStream(
                line.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "-");
    assertThat(scans.observables()).containsExactly("1 DestinationIp IPV4 203.0.113.9");
    assertThat(scans.times()).containsExactly("1 TIME 1704164645600");
    var r = Captures.scanText(names("DestinationIp", "UtcTime"), EventFormat.WINDOWS_JSON, line);
    assertThat(r.of(1))
        .containsExactly(
            "TIME 1704164645600",
            "0 DestinationIp=203.0.113.9",
            "1 UtcTime=2024-01-02 03:04:05.600");
  }
}
