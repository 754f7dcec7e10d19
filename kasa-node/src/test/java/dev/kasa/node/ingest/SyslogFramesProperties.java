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
import net.jqwik.api.Tuple;
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

  /**
   * Reading as a connection does, {@link SyslogFrames#nextBuffered()} first and {@link
   * SyslogFrames#next()} when it has nothing, gives the frames, skipped messages and errors of
   * {@code next()} alone, in the same order, under any connection byte limit and any read sizes.
   */
  @Property(tries = 1000)
  void bufferedFramesAreTheFramesOfNext(
      @ForAll("streams") byte[] b,
      @ForAll @IntRange(min = 0, max = 40) int piece,
      @ForAll @IntRange(min = 0, max = 400) int limit)
      throws IOException {
    assertThat(frames(b, piece, limit, true))
        .as(new String(b, StandardCharsets.ISO_8859_1))
        .isEqualTo(frames(b, piece, limit, false));
  }

  private static List<String> frames(byte[] b, int piece, int limit, boolean buffered)
      throws IOException {
    InputStream in = new ByteArrayInputStream(b);
    if (piece > 0) {
      in = pieces(in, piece);
    }
    var frames = new SyslogFrames(in, MAX, limit);
    var got = new ArrayList<String>();
    try {
      while (true) {
        int n = buffered ? frames.nextBuffered() : SyslogFrames.NONE;
        if (n == SyslogFrames.NONE) {
          n = frames.next();
        }
        if (n == SyslogFrames.END) {
          break;
        }
        got.add(
            n == SyslogFrames.OVERSIZED
                ? "oversized"
                : new String(frames.message(), frames.start(), n, StandardCharsets.ISO_8859_1));
      }
    } catch (KasaException e) {
      got.add(e.code() + ": " + e.getMessage());
    }
    got.add("octet counting: " + frames.octetCounting());
    return got;
  }

  @Provide
  Arbitrary<byte[]> streams() {
    // Octet-counted messages (some over the limit), now and then a broken MSG-LEN or line framing.
    Arbitrary<String> message =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMaxLength(90)
            .map(m -> m.length() == 0 ? "1 x" : m.length() + " " + m);
    Arbitrary<String> broken =
        Arbitraries.of(
            "012 ", "05 hello", "99999999999 ", "12345678901", "7x", "\n", "<13>a\n", "3");
    return Arbitraries.frequencyOf(Tuple.of(12, message), Tuple.of(1, broken))
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
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
