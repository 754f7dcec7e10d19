package dev.kasa.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.rule.RuleLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule files' digests taken from the run before by their stat ({@link HashedFiles}): a file
 * whose content changed is always read and hashed again, even at the same size and modification
 * time, and the key is always the key of the texts on disk.
 */
class RuleFilesTest {
  @TempDir Path rules;
  private final CompiledRulesCache cache = new CompiledRulesCache(null, "build");
  private List<Path> paths;

  @BeforeEach
  void files() throws IOException {
    Files.createDirectories(rules.resolve("d"));
    for (int i = 0; i < 40; i++) {
      Files.writeString(rules.resolve("d").resolve("r" + i + ".yml"), "title: rule " + i + "\n");
    }
    Files.writeString(rules.resolve("one.yml"), "title: one\n");
    paths = List.of(rules.resolve("d"), rules.resolve("one.yml"), rules.resolve("missing"));
  }

  private String fullKey() {
    return cache.key(RuleLoader.read(paths), "options", Runnable::run);
  }

  /** A run that started an hour from now: every file's times are past, so its rows are trusted. */
  private static long later() {
    Instant t = Instant.now().plusSeconds(3600);
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }

  @Test
  void unchangedFilesAreTakenByTheirStatAndGiveTheSameKey() {
    RuleFiles first = RuleFiles.read(paths, HashedFiles.NONE, Runnable::run, later());
    assertThat(first.rehashedCount()).isEqualTo(41);
    assertThat(first.key(cache, "options")).isEqualTo(fullKey());

    RuleFiles second = RuleFiles.read(paths, first.hashed(), Runnable::run, later());
    assertThat(second.rehashedCount()).isZero();
    assertThat(second.key(cache, "options")).isEqualTo(fullKey());
    assertThat(second.sources(Runnable::run)).isEqualTo(RuleLoader.read(paths));
    assertThat(second.key(cache, "options")).isEqualTo(fullKey());
  }

  @Test
  void aFileChangedAtTheSameSizeAndModificationTimeIsHashedAgain() throws IOException {
    RuleFiles first = RuleFiles.read(paths, HashedFiles.NONE, Runnable::run, later());
    String before = first.key(cache, "options");
    Path rule = rules.resolve("d").resolve("r7.yml");
    nextTick();
    FileTime mtime = Files.getLastModifiedTime(rule);
    Files.writeString(rule, "title: rule X\n");
    Files.setLastModifiedTime(rule, mtime);
    assertThat(Files.size(rule)).isEqualTo("title: rule 7\n".length());
    assertThat(Files.getLastModifiedTime(rule)).isEqualTo(mtime);

    RuleFiles second = RuleFiles.read(paths, first.hashed(), Runnable::run, later());
    assertThat(second.rehashedCount()).isEqualTo(1);
    assertThat(second.key(cache, "options")).isEqualTo(fullKey()).isNotEqualTo(before);
  }

  /**
   * Waits until the file system's clock has moved past the files' creation: a write in the same
   * tick would keep their ctime, the "racy" case that the start time of a real run rules out and
   * that the injected later start time of these tests does not.
   */
  private void nextTick() throws IOException {
    Path probe = rules.resolve("probe");
    Files.writeString(probe, "0");
    long start = FileStat.of(probe).ctime();
    while (FileStat.of(probe).ctime() == start) {
      Files.setLastModifiedTime(probe, FileTime.from(Instant.now()));
    }
  }

  @Test
  void filesChangedAroundTheRunThatHashedThemAreHashedAgainEveryRun() {
    long now = later() - TimeUnit.SECONDS.toNanos(3600);
    RuleFiles first = RuleFiles.read(paths, HashedFiles.NONE, Runnable::run, now);
    RuleFiles second = RuleFiles.read(paths, first.hashed(), Runnable::run, now);
    assertThat(second.rehashedCount()).isEqualTo(41);
    assertThat(second.key(cache, "options")).isEqualTo(fullKey());
  }

  @Test
  void addedAndRemovedFilesChangeTheKey() throws IOException {
    RuleFiles first = RuleFiles.read(paths, HashedFiles.NONE, Runnable::run, later());
    Files.delete(rules.resolve("d").resolve("r3.yml"));
    RuleFiles fewer = RuleFiles.read(paths, first.hashed(), Runnable::run, later());
    assertThat(fewer.rehashedCount()).isZero();
    assertThat(fewer.key(cache, "options"))
        .isEqualTo(fullKey())
        .isNotEqualTo(first.key(cache, "options"));
    Files.writeString(rules.resolve("d").resolve("r3.yml"), "title: rule 3\n");
    RuleFiles again = RuleFiles.read(paths, first.hashed(), Runnable::run, later());
    assertThat(again.rehashedCount()).isEqualTo(1);
    assertThat(again.key(cache, "options")).isEqualTo(first.key(cache, "options"));
  }

  @Test
  void rowsReadBackAreTheRowsWrittenAndDamagedOnesAreNone() {
    HashedFiles rows = RuleFiles.read(paths, HashedFiles.NONE, Runnable::run, later()).hashed();
    byte[] bytes = rows.bytes();
    HashedFiles back = HashedFiles.read(ByteBuffer.wrap(bytes));
    assertThat(back.size()).isEqualTo(41);
    assertThat(RuleFiles.read(paths, back, Runnable::run, later()).rehashedCount()).isZero();
    for (int at = 0; at < bytes.length; at += 37) {
      byte[] bad = bytes.clone();
      bad[at] ^= 0x10;
      assertThat(HashedFiles.read(ByteBuffer.wrap(bad)).size()).isZero();
    }
    assertThat(HashedFiles.read(ByteBuffer.wrap(bytes, 0, bytes.length - 1)).size()).isZero();
  }
}
