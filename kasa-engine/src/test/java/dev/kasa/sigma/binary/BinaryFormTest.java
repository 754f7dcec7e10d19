package dev.kasa.sigma.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The binary form's string table: each distinct string once, before the values that name it. */
class BinaryFormTest {
  private static final String LONG = "process_creation ImageLoaded \u00e9\u4e2d\ud83d\ude00";

  private static byte[] write() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    out.varint(300);
    out.string(LONG);
    out.string(null);
    out.int64(-7L);
    out.string("b");
    out.string(LONG);
    out.constant(Thread.State.BLOCKED);
    out.ints(new int[] {1, -2, 3});
    out.bool(true);
    out.float64(2.5);
    out.string("b");
    out.finish();
    data.flush();
    return bytes.toByteArray();
  }

  @Test
  void valuesComeBackInOrderAndEachDistinctStringIsWrittenOnce() throws IOException {
    byte[] bytes = write();
    BinaryIn in = new BinaryIn(ByteBuffer.wrap(bytes));
    assertThat(in.varint()).isEqualTo(300);
    assertThat(in.string()).isEqualTo(LONG);
    assertThat(in.string()).isNull();
    assertThat(in.int64()).isEqualTo(-7L);
    assertThat(in.text()).isEqualTo("b");
    assertThat(in.text()).isEqualTo(LONG);
    assertThat(in.constant(Thread.State.class)).isEqualTo(Thread.State.BLOCKED);
    assertThat(in.ints()).containsExactly(1, -2, 3);
    assertThat(in.bool()).isTrue();
    assertThat(in.float64()).isEqualTo(2.5);
    assertThat(in.text()).isEqualTo("b");
    assertThat(in.remaining()).isZero();

    byte[] utf8 = LONG.getBytes(StandardCharsets.UTF_8);
    assertThat(occurrences(bytes, utf8)).isEqualTo(1);
    // The table comes first: its count (3: the long string, "b", "BLOCKED"), then the long one.
    assertThat(bytes[0]).isEqualTo((byte) 3);
    assertThat(occurrences(Arrays.copyOfRange(bytes, 0, 2 + utf8.length), utf8)).isEqualTo(1);
  }

  /**
   * A buffer without an array (a mapped cache entry) is read through one scratch array that grows
   * to the longest string: the strings come back whole, a short one after a long one included.
   */
  @Test
  void aBufferWithoutAnArrayGivesTheSameValues() throws IOException {
    String longer = LONG.repeat(9);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    out.string("a");
    out.string(longer);
    out.string(LONG);
    out.string("");
    out.finish();
    data.flush();
    byte[] written = bytes.toByteArray();
    ByteBuffer direct = ByteBuffer.allocateDirect(written.length).put(written).flip();
    BinaryIn in = new BinaryIn(direct);
    assertThat(in.text()).isEqualTo("a");
    assertThat(in.text()).isEqualTo(longer);
    assertThat(in.text()).isEqualTo(LONG);
    assertThat(in.text()).isEmpty();
    assertThat(in.remaining()).isZero();
  }

  @Test
  void aStringNumberPastTheTableIsMalformed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    out.string("only");
    out.varint(2); // as a string: the second of a table of one
    out.finish();
    data.flush();
    BinaryIn in = new BinaryIn(ByteBuffer.wrap(bytes.toByteArray()));
    assertThat(in.text()).isEqualTo("only");
    assertThatThrownBy(in::string)
        .isInstanceOf(MalformedBinaryException.class)
        .hasMessageContaining("unknown string 1");
  }

  @Test
  void everyTruncationIsMalformed() throws IOException {
    byte[] bytes = write();
    for (int cut = 0; cut < bytes.length; cut++) {
      BinaryIn in = new BinaryIn(ByteBuffer.wrap(Arrays.copyOf(bytes, cut)));
      assertThatThrownBy(() -> readAll(in)).isInstanceOf(MalformedBinaryException.class);
    }
  }

  @Test
  void nothingCanBeWrittenTwice() throws IOException {
    BinaryOut out = new BinaryOut(new DataOutputStream(new ByteArrayOutputStream()));
    out.finish();
    assertThatThrownBy(out::finish).isInstanceOf(IllegalStateException.class);
  }

  private static void readAll(BinaryIn in) throws MalformedBinaryException {
    in.varint();
    in.string();
    in.string();
    in.int64();
    in.text();
    in.text();
    in.constant(Thread.State.class);
    in.ints();
    in.bool();
    in.float64();
    in.text();
  }

  private static int occurrences(byte[] in, byte[] part) {
    int found = 0;
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        found++;
      }
    }
    return found;
  }
}
