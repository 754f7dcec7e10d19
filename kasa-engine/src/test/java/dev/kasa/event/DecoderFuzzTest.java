package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Decoders may only ever report malformed records, never throw, whatever the bytes; inputs that end
 * early (truncated gzip, read errors) give every record before the damage, then the damage.
 */
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

  /** What {@code zcat} gets out of {@code gz}: the bytes before the first error. */
  private static byte[] zcat(byte[] gz) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      byte[] b = new byte[1];
      while (in.read(b) > 0) {
        out.write(b[0]);
      }
    } catch (IOException e) {
      // the damage: what was read so far is what can be recovered
    }
    return out.toByteArray();
  }

  /** How many of {@code lines} (without their newline) are wholly in {@code prefix}. */
  private static long wholeLines(String[] lines, byte[] prefix) {
    int at = 0;
    long n = 0;
    for (String l : lines) {
      at += l.getBytes(StandardCharsets.UTF_8).length;
      if (at > prefix.length) {
        break;
      }
      n++;
      at++;
    }
    return n;
  }

  @Property(tries = 150)
  void aTruncatedGzipGivesEveryRecordZcatRecovers(
      @ForAll @IntRange(min = 1, max = 3000) int count,
      @ForAll @IntRange(min = 3, max = 1 << 20) int cutAt,
      @ForAll @IntRange(min = 16, max = 4096) int chunkBytes)
      throws IOException {
    String[] lines = new String[count];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      lines[i] = "{\"n\":" + i + ",\"ip\":\"10.0." + (i % 250) + "." + (i * 7 % 250) + "\"}";
      text.append(lines[i]).append('\n');
    }
    byte[] whole = DamagedGzipTest.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    int cut = Math.min(cutAt, whole.length - 1);
    byte[] gz = Arrays.copyOf(whole, cut);
    var r =
        Scans.scan(
            Scans.options().withChunkBytes(chunkBytes).withLimits(1024, 8),
            new ByteArrayInputStream(gz),
            "-");
    assertThat(r.records()).hasSize((int) wholeLines(lines, zcat(gz)));
    assertThat(r.malformed()).hasSizeLessThanOrEqualTo(1);
    assertThat(r.unreadable).singleElement().asString().startsWith("-: ");
  }

  /** A stream that fails after {@code limit} bytes, as a disk or network read may. */
  private static final class FailingStream extends InputStream {
    private final InputStream in;
    private int left;

    FailingStream(byte[] b, int limit) {
      this.in = new ByteArrayInputStream(b);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        throw new IOException("Input/output error");
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  @Property(tries = 150)
  void aReadErrorGivesEveryRecordBeforeIt(
      @ForAll @IntRange(min = 1, max = 2000) int count,
      @ForAll @IntRange(min = 0, max = 1 << 17) int failAt,
      @ForAll boolean pretty)
      throws IOException {
    String[] records = new String[count];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      records[i] =
          pretty
              ? "{\n  \"Event\": {\n    \"EventData\": {\"n\": " + i + "}\n  }\n}"
              : "{\"n\":" + i + ",\"ip\":\"10.0.0." + (i % 250) + "\"}";
      text.append(records[i]).append('\n');
    }
    byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
    int limit = Math.min(failAt, b.length);
    var r = Scans.scan(Scans.options().withChunkBytes(512), new FailingStream(b, limit), "-");
    long before = wholeLines(records, Arrays.copyOf(b, limit));
    assertThat((long) r.records().size()).isEqualTo(before);
    assertThat(r.unreadable)
        .singleElement()
        .asString()
        .startsWith("-: ")
        .endsWith("read error after " + limit + " bytes: Input/output error");
  }

  /**
   * Record {@code i} of a pretty-printed stream damaged as {@code kind} says (0-2 none, 3 a stray
   * brace, 4 a stray quote, 5 cut short, 6 a line lost) at a place {@code random} picks.
   */
  private static String damaged(String record, int kind, Random random) {
    int at = 1 + random.nextInt(record.length() - 2);
    return switch (kind) {
      case 3 -> record.substring(0, at) + "{" + record.substring(at);
      case 4 -> record.substring(0, at) + "\"" + record.substring(at);
      case 5 -> record.substring(0, at) + "\n";
      case 6 -> {
        List<String> lines = new ArrayList<>(record.lines().toList());
        lines.remove(random.nextInt(lines.size()));
        yield lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
      }
      default -> record;
    };
  }

  @Property(tries = 500)
  void aBrokenPrettyRecordLosesOnlyItself(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 6) Integer> kinds,
      @ForAll long seed,
      @ForAll boolean headers,
      @ForAll boolean crlf)
      throws IOException {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    List<long[]> damagedLines = new ArrayList<>();
    List<Long> goodStarts = new ArrayList<>();
    long line = 1;
    for (int i = 0; i < kinds.size(); i++) {
      if (headers) {
        text.append("Record ").append(i + 1).append('\n');
        line++;
      }
      String record = damaged(ObjectStreamResyncTest.record(i), kinds.get(i), random);
      long lines = record.chars().filter(c -> c == '\n').count();
      if (kinds.get(i) < 3) {
        goodStarts.add(line);
      } else {
        damagedLines.add(new long[] {line, line + Math.max(0, lines - 1)});
      }
      text.append(record);
      line += lines;
    }
    String stream = crlf ? text.toString().replace("\n", "\r\n") : text.toString();
    List<String> got = ObjectStreamResyncTest.decode(stream);
    for (long start : goodStarts) {
      assertThat(got).as(stream).contains("R" + start);
    }
    for (String g : got) {
      long at = Long.parseLong(g.substring(1, g.indexOf(' ') < 0 ? g.length() : g.indexOf(' ')));
      boolean good = g.startsWith("R") && goodStarts.contains(at);
      boolean inDamage = damagedLines.stream().anyMatch(d -> at >= d[0] && at <= d[1]);
      assertThat(good || inDamage).as(g + " in\n" + stream).isTrue();
    }
  }
}
