package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * SyslogFrames: octet counting and newline framing give back every message under the limit, skip
 * those over it without losing their neighbours, and on any bytes raise only the documented errors.
 */
class SyslogFramesProperties {
  private static final int MAX = 64;

  @Property(tries = 500)
  void bothFramingsKeepEveryMessageUnderTheLimit(
      @ForAll("bodies") List<String> messages,
      @ForAll boolean octets,
      @ForAll @IntRange(min = 0, max = 40) int piece)
      throws IOException {
    var out = new ByteArrayOutputStream();
    for (String m : messages) {
      byte[] b = m.getBytes(StandardCharsets.UTF_8);
      if (octets) {
        out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(b);
      } else {
        out.writeBytes(b);
        out.write('\n');
      }
    }
    // Whole (piece 0), or in pieces of a few bytes a read: a message then lies across refills of
    // the frames' buffer and is read from a copy, not where it lies.
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    if (piece > 0) {
      in = pieces(in, piece);
    }
    var frames = new SyslogFrames(in, MAX, 0);
    List<String> got = new ArrayList<>();
    int oversized = 0;
    int n;
    while ((n = frames.next()) != SyslogFrames.END) {
      if (n == SyslogFrames.OVERSIZED) {
        oversized++;
      } else {
        got.add(new String(frames.message(), frames.start(), n, StandardCharsets.UTF_8));
      }
    }
    List<String> kept =
        messages.stream().filter(m -> m.getBytes(StandardCharsets.UTF_8).length <= MAX).toList();
    assertThat(got).isEqualTo(kept);
    assertThat(oversized).isEqualTo(messages.size() - kept.size());
    assertThat(frames.octetCounting()).isEqualTo(messages.isEmpty() ? null : octets);
  }

  /** {@code in}, at most {@code n} bytes a read, as a socket gives what has arrived. */
  private static InputStream pieces(InputStream in, int n) {
    return new FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, n));
      }
    };
  }

  @Property(tries = 1000)
  void anyBytesGiveFramesOrTheDocumentedErrors(@ForAll("noise") byte[] b) throws IOException {
    var frames = new SyslogFrames(new ByteArrayInputStream(b), MAX, 100);
    try {
      while (frames.next() != SyslogFrames.END) {
        // Reading on: each frame is within the limit by construction of the buffer.
      }
    } catch (KasaException e) {
      assertThat(e.code()).isIn(ErrorCode.MALFORMED_RECORD, ErrorCode.LIMIT_EXCEEDED);
    }
  }

  @Provide
  Arbitrary<List<String>> bodies() {
    // Newline framing cannot carry a line break or lead with one; messages start with '<'.
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\u00e9')
        .ofMaxLength(90)
        .map(s -> "<13>" + s.strip())
        .list()
        .ofMaxSize(20);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.of("12 ", "3 ", "<1>x", "\n", "\r", "99999999999 ", "0 ", "a", "70 ")
            .list()
            .ofMaxSize(20)
            .map(l -> String.join("", l).getBytes(StandardCharsets.US_ASCII)));
  }
}
