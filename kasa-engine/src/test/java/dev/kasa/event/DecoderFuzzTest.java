package dev.kasa.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Decoders may only ever report malformed records, never throw, whatever the bytes. */
class DecoderFuzzTest {
  private static final FieldMaps MAPS = FieldMaps.defaults();
  private static final RecordSink NOTHING =
      new RecordSink() {
        @Override
        public void record(DecodedRecord r) {}

        @Override
        public void malformed(long line, String reason) {
          if (reason == null || reason.isEmpty() || line < 1) {
            throw new AssertionError("bad report " + line + " " + reason);
          }
        }
      };

  @Provide
  Arbitrary<byte[]> jsonish() {
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
            "\\u00e9",
            "\\u12",
            "\n",
            " ",
            "true",
            "nul",
            "-1.5e3",
            "\"ts\"",
            "\"id.orig_h\"",
            "\"10.0.0.1\"",
            "\"::1\"",
            "\"host\"",
            "\"uri\"",
            "\"a.example\"",
            "\"Hashes\"",
            "\"MD5=abc\"",
            "\"http://x/\"",
            "\u00ff",
            "\t",
            "#",
            "\"2024-01-02T03:04:05Z\"",
            "\"Event\"",
            "\"EventData\"",
            "\"System\"",
            "\"UserData\"",
            "\"#text\"",
            "\"#attributes\"",
            "\"Threat Name\"",
            "\" \"",
            "\"winlog\"",
            "\"\\ud83d\"",
            "\"\\ud83d\\ude00\\\\\"");
    Arbitrary<byte[]> structured =
        tokens.list().ofMaxSize(60).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(structured, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  @Property(tries = 2000)
  void jsonLinesNeverThrow(@ForAll("jsonish") byte[] b) {
    for (String source : new String[] {"ndjson", "zeek", "eve", "evtx-json"}) {
      new JsonLinesDecoder(MAPS.forSource(source), 64, 4).decode(b, 0, b.length, 1, NOTHING);
    }
  }

  @Property(tries = 1000)
  void objectStreamNeverThrows(@ForAll("jsonish") byte[] b) throws IOException {
    new JsonObjectStreamDecoder(MAPS.forSource("evtx-json"), 64, 4)
        .decode(new ByteArrayInputStream(b), NOTHING, n -> {});
  }

  @Property(tries = 1000)
  void capturingDecodersNeverThrow(@ForAll("jsonish") byte[] b, @ForAll boolean all)
      throws IOException {
    FieldCapture capture =
        new FieldCapture(
            java.util.List.of(
                "Event", "EventData", "Data", "Event.System", "ts", "query", "ThreatName", " "),
            all);
    for (CaptureTable.Layout layout : CaptureTable.Layout.values()) {
      CaptureTable table = CaptureTable.of(capture, layout);
      new JsonLinesDecoder(MAPS.forSource("evtx-json"), table, 64, 4)
          .decode(b, 0, b.length, 1, NOTHING);
      new JsonObjectStreamDecoder(MAPS.forSource("evtx-json"), table, 64, 4)
          .decode(new ByteArrayInputStream(b), NOTHING, n -> {});
    }
  }

  @Property(tries = 1000)
  void capturingZeekTsvNeverThrows(@ForAll("tsv") byte[] b, @ForAll boolean all) {
    FieldCapture capture = new FieldCapture(java.util.List.of("ts", "query", "answers"), all);
    new ZeekTsvDecoder(MAPS, CaptureTable.of(capture, false), ZeekHeader.INITIAL, 64)
        .decode(b, 0, b.length, 1, NOTHING);
  }

  @Property(tries = 2000)
  void zeekTsvNeverThrows(@ForAll("tsv") byte[] b) {
    new ZeekTsvDecoder(MAPS, ZeekHeader.INITIAL, 64).decode(b, 0, b.length, 1, NOTHING);
  }

  @Provide
  Arbitrary<byte[]> tsv() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "#separator \\x09\n",
            "#separator x\n",
            "#set_separator\t,\n",
            "#path\tdns\n",
            "#fields\tts\tquery\tanswers\n",
            "#types\ttime\tstring\tvector[string]\n",
            "#unset_field\t-\n",
            "\t",
            ",",
            "-",
            "(empty)",
            "\\x",
            "\\x4",
            "\\x41",
            "a.example",
            "1.5",
            "10.0.0.1",
            "\n",
            "\r\n",
            "\u00e9");
    return Arbitraries.oneOf(
        tokens.list().ofMaxSize(40).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }
}
