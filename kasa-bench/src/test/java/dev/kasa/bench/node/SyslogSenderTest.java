package dev.kasa.bench.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogSenderTest {
  @Test
  void eachMessageIsOneMicrosecondAfterTheLast() {
    assertThat(SyslogSender.timestamp(0)).isEqualTo("2025-06-02T00:00:00.000000Z");
    assertThat(SyslogSender.timestamp(999_999)).isEqualTo("2025-06-02T00:00:00.999999Z");
    assertThat(SyslogSender.timestamp(1_000_001)).isEqualTo("2025-06-02T00:00:01.000001Z");
    Instant first = Instant.parse(SyslogSender.timestamp(0));
    for (long n : new long[] {1, 59_999_999, 3_600_000_000L, 86_400_000_123L}) {
      assertThat(Instant.parse(SyslogSender.timestamp(n))).isEqualTo(first.plusNanos(n * 1_000));
    }
  }
}
