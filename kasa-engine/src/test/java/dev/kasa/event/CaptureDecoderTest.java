package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureDecoderTest {
  private static final FieldMap WINDOWS = FieldMaps.defaults().forSource("windows-json");

  @Test
  void recordApiChecksIndexesAndResetForgetsCaptures() {
    DecodedRecord r = new DecodedRecord();
    r.reset(1);
    for (int i = 0; i < 40; i++) {
      r.capture(i % 3 - 1, "F" + i, i == 5 ? null : "v" + i); // grows the columns
    }
    assertThat(r.capturedCount()).isEqualTo(40);
    assertThat(r.capturedId(0)).isEqualTo(-1);
    assertThat(r.capturedName(39)).isEqualTo("F39");
    assertThat(r.capturedValue(5)).isNull();
    assertThat(r.capturedValue(6)).isEqualTo("v6");
    assertThatThrownBy(() -> r.capturedValue(40))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("40 of 40");
    assertThatThrownBy(() -> r.capture(0, null, "x")).isInstanceOf(NullPointerException.class);
    r.reset(2);
    assertThat(r.capturedCount()).isZero();
    assertThatThrownBy(() -> r.capturedId(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void reusedRecordHoldsOnlyTheCurrentRecordsCaptures() {
    String text = "{\"A\":\"1\",\"B\":\"2\"}\n{\"B\":\"3\"}\n{}\n";
    List<String> seen = new ArrayList<>();
    decoder(new FieldCapture(List.of("A", "B"), false))
        .decode(bytes(text), 0, text.length(), 1, sink(seen));
    assertThat(seen).containsExactly("1:[0 A=1, 1 B=2]", "2:[1 B=3]", "3:[]");
  }

  @Test
  void unrequestedFieldsDoNotAllocate() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("{\"EventID\":4688,\"Channel\":\"Security\",\"CommandLine\":\"C:\\\\Windows\\\\")
          .append("x.exe /c \\\"")
          .append("a".repeat(200))
          .append("\\\"\",\"Nested\":{\"K\":[1,2]},")
          .append("\"ProcessId\":\"0x")
          .append(i)
          .append("\",\"Ok\":true}\n");
    }
    byte[] b = bytes(text.toString());
    RecordSink nothing = sink(null);
    RecordSink reading = reading();
    JsonLinesDecoder absent = decoder(new FieldCapture(List.of("Image", "User", "K2"), false));
    JsonLinesDecoder present = decoder(new FieldCapture(List.of("CommandLine", "EventID"), false));
    long absentBytes = allocated(() -> absent.decode(b, 0, b.length, 1, nothing));
    long unreadBytes = allocated(() -> present.decode(b, 0, b.length, 1, nothing));
    long readBytes = allocated(() -> present.decode(b, 0, b.length, 1, reading));
    // 10,000 records decoded each way: captured values are Strings (CommandLine's ~220 bytes)
    // only when something reads them.
    assertThat(readBytes).isGreaterThan(10_000L * 200);
    assertThat(absentBytes).isLessThan(10_000L);
    assertThat(unreadBytes).isLessThan(10_000L);
  }

  @Test
  void lazyCapturesReadAsTheirText() {
    String text =
        "{\"A\":\"C:\\\\x\\u00e9\\\"q\",\"B\":\"\",\"C\":-1.5e3,\"D\":\"\u00e9t\u00e9\","
            + "\"E\":null,\"F\":true,\"G\":\"\\ud83d\\ude00\"}\n";
    List<String> seen = new ArrayList<>();
    List<Boolean> nonEmpty = new ArrayList<>();
    RecordSink both =
        new RecordSink() {
          @Override
          public void record(DecodedRecord r) {
            for (int i = 0; i < r.capturedCount(); i++) {
              nonEmpty.add(r.capturedNonEmpty(i));
              seen.add(r.capturedValue(i));
              // Read again: the same text, and the same answer once it is made.
              assertThat(r.capturedValue(i)).isEqualTo(seen.getLast());
              assertThat(r.capturedNonEmpty(i)).isEqualTo(nonEmpty.getLast());
            }
          }

          @Override
          public void malformed(long line, String reason) {
            throw new AssertionError(line + " " + reason);
          }
        };
    byte[] b = bytes(text);
    decoder(new FieldCapture(List.of("A", "B", "C", "D", "E", "F", "G"), false))
        .decode(b, 0, b.length, 1, both);
    assertThat(seen)
        .containsExactly(
            "C:\\x\u00e9\"q", "", "-1.5e3", "\u00e9t\u00e9", null, "true", "\ud83d\ude00");
    assertThat(nonEmpty).containsExactly(true, false, true, true, false, true, true);
  }

  /** A sink that reads every captured value. */
  private static RecordSink reading() {
    return new RecordSink() {
      @Override
      public void record(DecodedRecord r) {
        for (int i = 0; i < r.capturedCount(); i++) {
          r.capturedValue(i);
        }
      }

      @Override
      public void malformed(long line, String reason) {
        throw new AssertionError(line + " " + reason);
      }
    };
  }

  private static long allocated(Runnable decodeOnce) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3000; i++) {
      decodeOnce.run();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1000; i++) {
      decodeOnce.run();
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static JsonLinesDecoder decoder(FieldCapture capture) {
    return new JsonLinesDecoder(WINDOWS, CaptureTable.of(capture, false), 1 << 20, 64);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RecordSink sink(List<String> out) {
    return new RecordSink() {
      @Override
      public void record(DecodedRecord r) {
        if (out == null) {
          return;
        }
        List<String> c = new ArrayList<>();
        for (int i = 0; i < r.capturedCount(); i++) {
          c.add(r.capturedId(i) + " " + r.capturedName(i) + "=" + r.capturedValue(i));
        }
        out.add(r.line() + ":" + c);
      }

      @Override
      public void malformed(long line, String reason) {
        throw new AssertionError(line + " " + reason);
      }
    };
  }
}
