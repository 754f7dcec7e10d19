package dev.kasa.node.ingest;

import dev.kasa.event.ChunkProcessor;
import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventSource;
import dev.kasa.event.FieldCapture;
import dev.kasa.event.ScanOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the engine decodes a syslog source's batch into, as the node's sink would: each record's raw
 * text, its time and the fields it has roles for, and each malformed record as {@code malformed},
 * in order.
 */
final class DecodedLines {
  private static final Decoders DECODERS = new Decoders(ScanOptions.defaults());

  /** Captures every value, with two named fields besides: what rules could ask of a record. */
  private static final DecoderConfig EVERY_FIELD =
      DecoderConfig.of(new FieldCapture(List.of("_syslog.hostname", "message"), true));

  private DecodedLines() {}

  static List<String> of(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, null, false);
  }

  /** As {@link #of}, the batch decoded where it lies, as the node's sink decodes it. */
  static List<String> ofInPlace(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, null, true);
  }

  /**
   * As {@link #of}, with each record's time and every captured field (id, shown name, value), the
   * batch decoded as a stream of its bytes.
   */
  static List<String> everyField(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, EVERY_FIELD, false);
  }

  /** As {@link #everyField}, the batch decoded where it lies, as the node's sink decodes it. */
  static List<String> everyFieldInPlace(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, EVERY_FIELD, true);
  }

  private static List<String> decode(
      EventSource source, byte[] batch, int length, DecoderConfig capture, boolean inPlace) {
    var seen = new ArrayList<String>();
    ChunkProcessor<Void> processor =
        input ->
            new ChunkTask<Void>() {
              @Override
              public DecoderConfig decoderConfig() {
                return capture == null ? ChunkTask.super.decoderConfig() : capture;
              }

              @Override
              public void record(DecodedRecord r) {
                var s = new StringBuilder(r.rawText()).append(" @").append(r.timeMillis());
                for (int i = 0; i < r.size(); i++) {
                  s.append(" | ").append(r.field(i)).append('=').append(r.type(i));
                  s.append(':').append(r.value(i));
                }
                for (int i = 0; capture != null && i < r.capturedCount(); i++) {
                  s.append(" || ").append(r.capturedId(i)).append(' ').append(r.capturedName(i));
                  s.append('=').append(r.capturedValue(i));
                }
                seen.add(s.toString());
              }

              @Override
              public void malformed(long line, String reason) {
                seen.add("malformed");
              }

              @Override
              public Void finish() {
                return null;
              }
            };
    if (inPlace) {
      // Bytes around the batch, which the decoder must not read.
      byte[] around = new byte[length + 2];
      around[0] = '\n';
      around[length + 1] = '{';
      System.arraycopy(batch, 0, around, 1, length);
      DECODERS.decode(source, around, 1, length + 1, processor);
    } else {
      DECODERS.decode(source, Arrays.copyOf(batch, length), processor);
    }
    return seen;
  }
}
