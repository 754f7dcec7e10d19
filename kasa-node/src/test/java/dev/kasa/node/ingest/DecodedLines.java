package dev.kasa.node.ingest;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine decodes a syslog source's batch into, as the node's sink would: each record's raw
 * text and the fields it has roles for, and each malformed record as {@code malformed}, in order.
 */
final class DecodedLines {
  private static final Decoders DECODERS = new Decoders(ScanOptions.defaults());

  private DecodedLines() {}

  static List<String> of(EventSource source, byte[] batch, int length) {
    var seen = new ArrayList<String>();
    DECODERS.decode(
        source,
        java.util.Arrays.copyOf(batch, length),
        input ->
            new ChunkTask<Void>() {
              @Override
              public void record(DecodedRecord record) {
                var s = new StringBuilder(record.rawText());
                for (int i = 0; i < record.size(); i++) {
                  s.append(" | ")
                      .append(record.field(i))
                      .append('=')
                      .append(record.type(i))
                      .append(':')
                      .append(record.value(i));
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
