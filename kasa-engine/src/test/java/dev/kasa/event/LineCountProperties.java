package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A chunk's lines are counted by its decoder when one thread reads and decodes (the reader takes
 * the next chunk's first line from it instead of counting newlines itself): the decoder's count
 * must be every newline of the chunk, whatever the lines hold, and a scan on one thread must number
 * records and malformed lines as one on two threads does (where the reader counts).
 */
class LineCountProperties {
  private static final RecordSink NOTHING =
      new RecordSink() {
        @Override
        public void record(DecodedRecord r) {}

        @Override
        public void malformed(long line, String reason) {}
      };

  // Replaces lines starting with "x" by a record, as the node's syslog path does.
  private static final LineFallback FALLBACK =
      (b, from, to) ->
          b[from] == 'x' ? "{\"a\":\"10.0.0.1\"}".getBytes(StandardCharsets.US_ASCII) : null;

  /** Lines of JSON-ish tokens: objects, nesting, strings, escapes, blanks, CRs, stray bytes. */
  @Provide
  Arbitrary<byte[]> lines() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"",
            "\\",
            "\\\"",
            "\\n",
            "\\u00e9",
            "\n",
            "\n",
            "\r\n",
            " ",
            "\t",
            "\r",
            "x",
            "true",
            "-1.5e3",
            "\"a\"",
            "\"Event\"",
            "\"EventData\"",
            "\"CommandLine\"",
            "{\"a\":1}\n",
            "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}\n",
            "{\"Event\":{\"EventData\":{\"Data\":\"v\"}}}\n",
            "{\"a\":\"x\ny\"}\n",
            "\u00ff",
            "\u00e9");
    return Arbitraries.oneOf(
        tokens.list().ofMaxSize(80).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  private static long newlines(byte[] b) {
    long n = 0;
    for (byte c : b) {
      if (c == '\n') {
        n++;
      }
    }
    return n;
  }

  @Property(tries = 3000)
  void theDecoderCountsEveryNewline(
      @ForAll("lines") byte[] text,
      @ForAll @IntRange(min = 16, max = 200) int maxRecordBytes,
      @ForAll @IntRange(min = 1, max = 6) int maxDepth,
      @ForAll boolean fallback,
      @ForAll boolean capture) {
    byte[] b = new byte[text.length + 1];
    System.arraycopy(text, 0, b, 0, text.length);
    b[text.length] = '\n';
    FieldCapture fields =
        capture ? new FieldCapture(List.of("a", "Event", "CommandLine"), true) : FieldCapture.NONE;
    CaptureTable table = CaptureTable.of(fields, CaptureTable.Layout.values()[0]);
    JsonLinesDecoder decoder =
        new JsonLinesDecoder(
            FieldMaps.defaults().forSource("evtx-json"),
            DecoderConfig.of(fields),
            table,
            null,
            maxRecordBytes,
            maxDepth,
            fallback ? FALLBACK : null);
    assertThat(decoder.decode(b, 0, b.length, 7, NOTHING)).isEqualTo(7 + newlines(b));
  }

  @Property(tries = 300)
  void oneThreadNumbersLinesAsTwoDo(
      @ForAll("lines") byte[] text, @ForAll @IntRange(min = 16, max = 512) int chunkBytes) {
    // A first line that makes the input one record per line, then anything.
    byte[] head = "{\"a\":\"10.0.0.9\"}\n".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[head.length + text.length * 3];
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = 0; i < 3; i++) {
      System.arraycopy(text, 0, b, head.length + i * text.length, text.length);
    }
    ScanOptions options = Scans.options().withChunkBytes(chunkBytes).withLimits(64, 8);
    Scans.Result one = Scans.scan(options.withThreads(1), new ByteArrayInputStream(b), "-");
    Scans.Result two = Scans.scan(options.withThreads(2), new ByteArrayInputStream(b), "-");
    assertThat(one.events).isEqualTo(two.events);
    assertThat(one.summaries).isEqualTo(two.summaries);
    assertThat(one.unreadable).isEqualTo(two.unreadable);
  }
}
