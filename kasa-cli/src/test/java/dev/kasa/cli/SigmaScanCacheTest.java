package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa scan --sigma} runs the same program with the compiled-rules cache as without it:
 * writing an entry, reading it ahead of the rules' key, and after a rule changed (the entry read
 * ahead is then of the rules before, and must not be used).
 */
class SigmaScanCacheTest {
  @TempDir Path dir;
  @TempDir Path cacheHome;
  private Path sigma;
  private Path logs;
  private String before;

  @BeforeEach
  void demoFilesAndCache() {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    sigma = dir.resolve("sigma");
    logs = dir.resolve("logs");
    before = System.getProperty("kasa.cache.dir");
    System.setProperty("kasa.cache.dir", cacheHome.toString());
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("kasa.cache.dir");
    } else {
      System.setProperty("kasa.cache.dir", before);
    }
  }

  private CliRun scan() {
    return CliRun.kasa("scan", "--sigma", sigma.toString(), "--format", "jsonl", logs.toString());
  }

  private CliRun uncached() {
    System.setProperty("kasa.cache", "off");
    try {
      return scan();
    } finally {
      System.clearProperty("kasa.cache");
    }
  }

  @Test
  void matchesAreTheSameWithTheEntryReadAheadAndAfterARuleChanged() throws IOException {
    CliRun fresh = uncached();
    assertThat(fresh.status()).as(fresh.err()).isZero();
    assertThat(fresh.out()).contains("sigma");
    for (int run = 0; run < 3; run++) {
      assertThat(scan().out()).isEqualTo(fresh.out());
    }
    Path high;
    try (Stream<Path> files = Files.list(sigma)) {
      high = files.filter(p -> read(p).contains("level: high")).findFirst().orElseThrow();
    }
    Files.writeString(high, read(high).replace("level: high", "level: low"));
    CliRun changed = uncached();
    assertThat(changed.out()).isNotEqualTo(fresh.out());
    assertThat(scan().out()).isEqualTo(changed.out());
    assertThat(scan().out()).isEqualTo(changed.out());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
