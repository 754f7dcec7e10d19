package dev.kasa.node.ingest;

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
 * text and the fields it has roles for, and each malformed record as {@code malformed}, in order.
 */
final class DecodedLines {
  private static final Decoders DECODERS = new Decoders(ScanOptions.defaults());

  /** Captures every value, with two named fields besides: what rules could ask of a record. */
  private static final DecoderConfig EVERY_FIELD =
      DecoderConfig.of(new FieldCapture(List.of("_syslog.hostname", "message"), true));

  private DecodedLines() {}

  static List<String> of(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, null);
  }

  /** As {@link #of}, with each record's time and every captured field (id, shown name, value). */
  static List<String> everyField(EventSource source, byte[] batch, int length) {
    return decode(source, batch, length, EVERY_FIELD);
  }

  private static List<String> decode(
      EventSource source, byte[] batch, int length, DecoderConfig capture) {
    var seen = new ArrayList<String>();
    DECODERS.decode(
        source,
        Arrays.copyOf(batch, length),
        input ->
            new ChunkTask<Void>() {
              @Override
              public DecoderConfig decoderConfig() {
                return capture == null ? ChunkTask.super.decoderConfig() : capture;
              }

              @Override
              public void record(DecodedRecord r) {
                var s = new StringBuilder(r.rawText());
                if (capture != null) {
                  s.append(" @").append(r.timeMillis());
                }
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
            });
    return seen;
  }
}
