package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.ChunkTask;
import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.Decoders;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.ScanOptions;
import dev.kasa.observable.ObservableType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's records carry observables only when it has indicators to look them up in; their
 * time, context and captured fields do not depend on it.
 */
class ObservablesOnlyWithIndicatorsTest {
  private static final String EVENT =
      "{\"ts\":1717200000.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"203.0.113.9\",\"query\":\"a.evil.example\"}\n";

  private static List<String> decode(DetectionSnapshot snapshot) {
    List<String> out = new ArrayList<>();
    new Decoders(ScanOptions.defaults())
        .decode(
            EventSource.zeek("dns.log", EventFormat.ZEEK_JSON, "dns"),
            EVENT.getBytes(StandardCharsets.UTF_8),
            input ->
                new ChunkTask<Void>() {
                  @Override
                  public DecoderConfig decoderConfig() {
                    return snapshot.decoderConfig();
                  }

                  @Override
                  public void record(DecodedRecord r) {
                    out.add("time " + r.timeMillis());
                    var source = r.context().source();
                    out.add("source " + (source == null ? null : source.ip()));
                    for (int i = 0; i < r.size(); i++) {
                      out.add(r.type(i) + " " + r.value(i));
                    }
                  }

                  @Override
                  public void malformed(long line, String reason) {
                    out.add("malformed " + reason);
                  }

                  @Override
                  public Void finish() {
                    return null;
                  }
                });
    return out;
  }

  @Test
  void withoutIndicatorsRecordsKeepTimeAndContextButNoObservables() {
    DetectionSnapshot none = DetectionSnapshot.builder().build(1);
    assertThat(none.decoderConfig().observables()).isFalse();
    assertThat(decode(none)).containsExactly("time 1717200000500", "source 10.0.0.1");
  }

  @Test
  void withIndicatorsRecordsCarryTheirObservables() {
    DetectionSnapshot some =
        DetectionSnapshot.builder()
            .indicators(
                TestIndicators.index(
                    TestIndicators.indicator(1, ObservableType.DOMAIN, "b.evil.example")))
            .build(1);
    assertThat(some.decoderConfig().observables()).isTrue();
    assertThat(decode(some))
        .startsWith("time 1717200000500", "source 10.0.0.1")
        .contains("IPV4 10.0.0.1", "IPV4 203.0.113.9", "DOMAIN a.evil.example");
  }
}
