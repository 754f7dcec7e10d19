package dev.kasa.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SyslogFrames: octet counting and newline framing give back every message under the limit, skip
 * those over it without losing their neighbours, and on any bytes raise only the documented errors.
 */
class SyslogFramesProperties {
  private static final int MAX = 64;

  @Property(tries = 500)
  void bothFramingsKeepEveryMessageUnderTheLimit(
      @ForAll("bodies") List<String> messages, @ForAll boolean octets) throws IOException {
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
    var frames = new SyslogFrames(new ByteArrayInputStream(out.toByteArray()), MAX, 0);
    List<String> got = new ArrayList<>();
    int oversized = 0;
    int n;
    while ((n = frames.next()) != SyslogFrames.END) {
      if (n == SyslogFrames.OVERSIZED) {
        oversized++;
      } else {
        got.add(new String(frames.message(), 0, n, StandardCharsets.UTF_8));
      }
    }
    List<String> kept =
        messages.stream().filter(m -> m.getBytes(StandardCharsets.UTF_8).length <= MAX).toList();
    assertThat(got).isEqualTo(kept);
    assertThat(oversized).isEqualTo(messages.size() - kept.size());
    assertThat(frames.octetCounting()).isEqualTo(messages.isEmpty() ? null : octets);
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
