package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.TestWorkers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loader reads the standard input only when its caller hands one over, and decodes in parallel
 * only on the caller's executor; either way it loads the same indicators.
 */
class IntelLoaderInputsTest {
  @TempDir Path dir;

  @Test
  void withoutAStandardInputTheDashIsUnreadable() {
    IntelLoaderCollector sink = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of("-"), sink);
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems(ErrorCode.UNREADABLE_INPUT))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo("-");
              assertThat(p.message()).isEqualTo("no standard input to read");
            });
  }

  @Test
  void aStandardInputHandedOverIsRead() {
    IntelLoaderCollector sink = new IntelLoaderCollector();
    byte[] list = "evil.example\n203.0.113.7\n".getBytes(StandardCharsets.UTF_8);
    new IntelLoader(IntelLoader.Options.defaults(), new ByteArrayInputStream(list))
        .load(List.of("-"), sink);
    assertThat(sink.values()).containsExactly("evil.example", "203.0.113.7");
  }

  @Test
  void theCallersExecutorLoadsWhatTheCallingThreadLoads() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      text.append("host").append(i).append(".evil.example\n");
    }
    Path file = dir.resolve("list.txt");
    Files.writeString(file, text);
    IntelLoaderCollector inline = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of(file.toString()), inline);
    IntelLoaderCollector parallel = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults(), TestWorkers.POOL, null)
        .load(List.of(file.toString()), parallel);
    assertThat(parallel.indicators).hasSize(50_000).isEqualTo(inline.indicators);
  }
}
