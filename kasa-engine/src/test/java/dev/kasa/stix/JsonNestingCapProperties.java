package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Capping JSON nesting keeps what lies within the cap and everything's position. */
class JsonNestingCapProperties {
  @Provide
  Arbitrary<String> json() {
    return Arbitraries.of(
            "[",
            "]",
            "{",
            "}",
            "\"a\":",
            "\"[{\\\"\"",
            "\"\\\\\"",
            ",",
            "1",
            "\n",
            "\r\n",
            " ",
            "\"x\"",
            "\"\\u005b\"")
        .list()
        .ofMaxSize(80)
        .map(l -> String.join("", l));
  }

  static byte[] capped(byte[] in, int cap, int chunk) throws IOException {
    InputStream s = JsonNestingCap.capped(new Chunked(in, chunk), cap);
    return s.readAllBytes();
  }

  static int depth(byte[] b) {
    int depth = 0;
    int max = 0;
    boolean str = false;
    boolean esc = false;
    for (byte c : b) {
      if (str) {
        if (esc) {
          esc = false;
        } else if (c == '\\') {
          esc = true;
        } else if (c == '"') {
          str = false;
        }
      } else if (c == '"') {
        str = true;
      } else if (c == '[' || c == '{') {
        max = Math.max(max, ++depth);
      } else if (c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return max;
  }

  @Property(tries = 2000)
  void sameLengthSameLinesAndNeverDeeperThanOneBelowTheCap(
      @ForAll("json") String json,
      @ForAll @IntRange(min = 1, max = 6) int cap,
      @ForAll @IntRange(min = 1, max = 9) int chunk)
      throws IOException {
    byte[] in = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = capped(in, cap, chunk);
    assertThat(out).hasSameSizeAs(in);
    assertThat(depth(out)).isLessThanOrEqualTo(cap + 1);
    if (depth(in) <= cap) {
      assertThat(out).isEqualTo(in);
    }
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\n' || in[i] == '\r' || out[i] != in[i]) {
        assertThat(out[i]).isIn(in[i], (byte) ' ');
      }
    }
  }

  @Property(tries = 300)
  void aParserLimitedToOneBelowTheCapReadsEveryWellFormedDocument(
      @ForAll @IntRange(min = 1, max = 3000) int depth,
      @ForAll @IntRange(min = 1, max = 40) int cap)
      throws IOException {
    String deep = "[{\"a\":".repeat(depth) + "\"]}\\\"\"" + "}]".repeat(depth);
    String json = "{\"x\":[" + deep + ",1],\"y\":\"after\"}";
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(cap + 1).build())
            .build();
    String last = null;
    try (JsonParser p =
        f.createParser(
            JsonNestingCap.capped(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), cap))) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          last = p.getText();
        }
      }
    }
    assertThat(last).isEqualTo("after");
  }

  @Test
  void utf16InputPassesUnchanged() throws IOException {
    byte[] in = "[[[[[[1]]]]]]".getBytes(StandardCharsets.UTF_16LE);
    assertThat(capped(in, 2, 3)).isEqualTo(in);
    byte[] be = "[[[[[[1]]]]]]".getBytes(StandardCharsets.UTF_16);
    assertThat(capped(be, 2, 1)).isEqualTo(be);
  }

  @Test
  void theValueOpeningBelowTheCapBecomesEmptyAndItsNeighboursStay() throws IOException {
    String in = "{\"a\":[[\"x\",{\"b\":\"]\"}],\n[1]],\"c\":[2]}";
    String out = new String(capped(in.getBytes(StandardCharsets.UTF_8), 2, 5), "UTF-8");
    assertThat(out).isEqualTo("{\"a\":[[" + " ".repeat(13) + "],\n[ ]],\"c\":[2]}");
  }

  /** Hands its bytes out a few at a time, as a network or gzip stream may. */
  private static final class Chunked extends InputStream {
    private final byte[] b;
    private final int chunk;
    private int pos;

    Chunked(byte[] b, int chunk) {
      this.b = b;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < b.length ? b[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] out, int off, int len) {
      if (pos >= b.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), b.length - pos);
      System.arraycopy(b, pos, out, off, n);
      pos += n;
      return n;
    }
  }
}
