package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Decoding a byte range in place ({@link Decoders#decode(EventSource, byte[], int, int,
 * ChunkProcessor)}) gives what decoding a stream of the same bytes gives: the input, every record
 * and malformed record with its line, and the summary; whatever lies around the range is not read.
 */
class DecodeInPlaceProperties {
  private static final List<String> LINES =
      List.of(
          "{\"ts\":1700000000.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"8.8.8.8\"}",
          "{\"ts\":\"2024-01-02T03:04:05Z\",\"query\":\"evil.example\",\"qtype_name\":\"A\"}",
          "{\"event_type\":\"alert\",\"src_ip\":\"1.2.3.4\",\"timestamp\":\"2024-01-02T03:04:05Z\"}",
          "{\"EventID\":1,\"Image\":\"C:\\\\a.exe\",\"msg\":\"caf\\u00e9\"}",
          "{\"a\":[1,2,{\"b\":null}],\"c\":true}",
          "{\"broken\":",
          "not json at all",
          "{\"x\":1} trailing",
          "",
          "\r",
          "   \t",
          "#separator \\x09",
          "#fields\tts\tuid\tid.orig_h\tid.resp_h",
          "#path\tconn",
          "1700000000.1\tC2\t10.0.0.2\t9.9.9.9",
          "1700000000.2\tC3\t10.0.0.3",
          "{\"long\":\"" + "y".repeat(300) + "\"}");

  @Provide
  Arbitrary<List<String>> lines() {
    return Arbitraries.of(LINES).list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<EventFormat> formats() {
    return Arbitraries.of(
        EventFormat.NDJSON,
        EventFormat.ZEEK_JSON,
        EventFormat.ZEEK_TSV,
        EventFormat.EVE,
        EventFormat.WINDOWS_JSON);
  }

  @Property(tries = 600)
  void inPlaceDecodesAsTheStreamOfTheSameBytes(
      @ForAll("lines") List<String> lines,
      @ForAll("formats") EventFormat format,
      @ForAll boolean crlf,
      @ForAll boolean lastNewline,
      @ForAll boolean named,
      @ForAll @IntRange(min = 0, max = 3) int limits,
      @ForAll @IntRange(min = 0, max = 20) int before,
      @ForAll @IntRange(min = 0, max = 20) int after)
      throws IOException {
    var text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      text.append(lines.get(i));
      if (i + 1 < lines.size() || lastNewline) {
        text.append(crlf ? "\r\n" : "\n");
      }
    }
    byte[] records = text.toString().getBytes(StandardCharsets.UTF_8);
    // Bytes around the range that would decode as records if they were read.
    byte[] around = "{\"outside\":1}\n#fields\tx\n".repeat(3).getBytes(StandardCharsets.UTF_8);
    var all = new ByteArrayOutputStream();
    all.write(around, 0, before);
    all.write(records);
    all.write(around, 0, after);
    byte[] b = all.toByteArray();
    // Small limits make long records malformed and cut the stream into several chunks.
    ScanOptions d = ScanOptions.defaults();
    var options =
        new ScanOptions(
            1,
            null,
            d.fieldMaps(),
            limits % 2 == 0 ? d.maxRecordBytes() : 200,
            d.maxDepth(),
            limits < 2 ? d.chunkBytes() : 256,
            limits == 3 ? 2 : d.maxReportedMalformed());
    var decoders = new Decoders(options);
    var source = new EventSource("in", named ? format : null, null);
    var config = DecoderConfig.of(new FieldCapture(List.of("uid", "query", "src_ip"), true));

    Decoders.Decoded<List<String>> stream =
        decoders.decode(source, new ByteArrayInputStream(records), Scans.textProcessor(config));
    Decoders.Decoded<List<String>> inPlace =
        decoders.decode(source, b, before, before + records.length, Scans.textProcessor(config));

    assertThat(inPlace.input()).isEqualTo(stream.input());
    assertThat(inPlace.result()).isEqualTo(stream.result());
    assertThat(inPlace.summary()).isEqualTo(stream.summary());
    assertThat(inPlace.damage()).isEqualTo(stream.damage());
  }

  @Example
  void gzipAndUnnamedFormatsAreDecodedAsAStream() throws IOException {
    var decoders = new Decoders(ScanOptions.defaults());
    var gz = new ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
    }
    byte[] b = gz.toByteArray();
    var source = new EventSource("gz", EventFormat.NDJSON, null);
    var decoded = decoders.decode(source, b, 0, b.length, Scans.textProcessor());
    assertThat(decoded.summary().records()).isEqualTo(2);
    assertThat(decoded.summary().bytes())
        .isEqualTo(
            decoders
                .decode(source, new ByteArrayInputStream(b), Scans.textProcessor())
                .summary()
                .bytes());
  }
}
