package dev.kasa.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.cli.CliRun;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-rules cache: {@code kasa rules check} prints the same with and without it, an entry
 * that cannot be used is ignored with one line on standard error, and the key follows the rules'
 * text and the option files.
 */
class CompiledRulesCacheTest {
  @TempDir Path cacheHome;
  @TempDir Path rules;
  private String before;

  @BeforeEach
  void cacheInTempDir() throws IOException {
    before = System.getProperty("kasa.cache.dir");
    System.setProperty("kasa.cache.dir", cacheHome.toString());
    for (String dir : List.of("good", "bad", "waiting")) {
      Path from = Path.of(fixture(dir));
      Path to = rules.resolve(dir);
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("kasa.cache.dir");
    } else {
      System.setProperty("kasa.cache.dir", before);
    }
  }

  private static String fixture(String name) {
    try {
      return Path.of(CompiledRulesCacheTest.class.getResource("fixtures/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private CliRun check() {
    return CliRun.kasa(
        "rules",
        "check",
        "--placeholders",
        fixture("placeholders.yml"),
        rules.resolve("good").toString(),
        rules.resolve("bad").toString(),
        rules.resolve("waiting").toString());
  }

  private List<Path> entries() {
    try (Stream<Path> files = Files.list(cacheHome.resolve("rules"))) {
      return files.filter(p -> p.toString().endsWith(".rules")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void rulesCheckPrintsTheSameWithAndWithoutTheCache() {
    System.setProperty("kasa.cache", "off");
    CliRun uncached;
    try {
      uncached = check();
    } finally {
      System.clearProperty("kasa.cache");
    }
    assertThat(cacheHome.resolve("rules")).doesNotExist();
    CliRun writing = check();
    assertThat(entries()).hasSize(1);
    CliRun reading = check();
    assertThat(entries()).hasSize(1);
    for (CliRun run : List.of(writing, reading)) {
      assertThat(run.out()).isEqualTo(uncached.out());
      assertThat(run.status()).isEqualTo(uncached.status());
      assertThat(run.err()).isEqualTo(uncached.err());
    }
    assertThat(uncached.out()).contains("problems: 4").contains("compiled: 2 rules");
  }

  @Test
  void aTruncatedCorruptOrForeignEntryIsIgnoredWithOneLineAndTheSameReport() throws IOException {
    CliRun first = check();
    Path entry = entries().getFirst();
    byte[] good = Files.readAllBytes(entry);
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x10;
    byte[] otherFormat = good.clone();
    ByteBuffer.wrap(otherFormat).putInt("KASA-RULES\n".length(), CompiledRulesCache.FORMAT + 1);
    for (byte[] bad :
        List.of(
            Arrays.copyOf(good, good.length / 3),
            flipped,
            otherFormat,
            new byte[0],
            "not an entry".getBytes(StandardCharsets.UTF_8))) {
      Files.write(entry, bad);
      CliRun again = check();
      assertThat(again.out()).isEqualTo(first.out());
      assertThat(again.status()).isEqualTo(first.status());
      assertThat(again.err().lines())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("kasa: warning: ignored the compiled-rules cache entry " + entry)
          .endsWith("; the rules are compiled again");
      // The entry was compiled again and written back whole.
      assertThat(Files.readAllBytes(entry)).isEqualTo(good);
    }
  }

  @Test
  void anEntryThatCannotBeReadIsCountedAndGivesNoRules() throws IOException {
    CompiledRulesCache cache = new CompiledRulesCache(cacheHome.resolve("rules"), "test build");
    List<RuleLoader.Source> sources = RuleLoader.read(List.of(rules.resolve("good")));
    String key = cache.key(sources, "options", Runnable::run);
    Files.createDirectories(cacheHome.resolve("rules"));
    Files.writeString(cacheHome.resolve("rules").resolve(key + ".rules"), "garbage");
    StringWriter err = new StringWriter();
    assertThat(cache.read(key, Placeholders.NONE, new PrintWriter(err), Runnable::run)).isNull();
    assertThat(cache.ignored()).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(cache.read("0".repeat(64), Placeholders.NONE, new PrintWriter(err), Runnable::run))
        .isNull();
    assertThat(cache.ignored()).as("a missing entry is a plain miss").isEqualTo(1);
  }

  @Test
  void theKeyFollowsEveryRuleTextTheOptionFilesAndTheBuild() throws IOException {
    CompiledRulesCache cache = new CompiledRulesCache(cacheHome, "build 1");
    List<Path> paths = List.of(rules.resolve("good"), rules.resolve("bad"));
    String options = CompiledRulesCache.optionsDigest(null, Path.of(fixture("placeholders.yml")));
    String key = cache.key(RuleLoader.read(paths), options, Runnable::run);
    assertThat(cache.key(RuleLoader.read(paths), options, Runnable::run)).isEqualTo(key);

    assertThat(
            new CompiledRulesCache(cacheHome, "build 2")
                .key(RuleLoader.read(paths), options, Runnable::run))
        .isNotEqualTo(key);
    assertThat(
            cache.key(
                RuleLoader.read(paths),
                CompiledRulesCache.optionsDigest(null, null),
                Runnable::run))
        .isNotEqualTo(key);
    Path placeholders = rules.resolve("placeholders.yml");
    Files.copy(Path.of(fixture("placeholders.yml")), placeholders);
    assertThat(CompiledRulesCache.optionsDigest(null, placeholders)).isEqualTo(options);
    Files.writeString(placeholders, "\n# one more line\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(CompiledRulesCache.optionsDigest(null, placeholders)).isNotEqualTo(options);

    Path rule;
    try (Stream<Path> files = Files.list(rules.resolve("good"))) {
      rule = files.sorted().findFirst().orElseThrow();
    }
    String text = Files.readString(rule);
    Files.writeString(rule, text.replace("whoami", "whoami2"));
    assertThat(cache.key(RuleLoader.read(paths), options, Runnable::run)).isNotEqualTo(key);
    Files.writeString(rule, text);
    assertThat(cache.key(RuleLoader.read(paths), options, Runnable::run)).isEqualTo(key);
  }

  /**
   * The entry the last run over the same paths used is read ahead while the rules are hashed: a
   * changed rule must still give the report of the rules now on disk, never the one of the entry.
   */
  @Test
  void anEntryReadAheadIsNotUsedWhenARuleChanged() throws IOException {
    CliRun first = check();
    assertThat(lastNotes()).hasSize(1);
    Path rule;
    try (Stream<Path> files = Files.list(rules.resolve("good"))) {
      rule = files.sorted().findFirst().orElseThrow();
    }
    Files.writeString(rule, "title: [unclosed\n");
    System.setProperty("kasa.cache", "off");
    CliRun uncached;
    try {
      uncached = check();
    } finally {
      System.clearProperty("kasa.cache");
    }
    assertThat(uncached.out()).isNotEqualTo(first.out());
    CliRun changed = check();
    assertThat(changed.out()).isEqualTo(uncached.out());
    assertThat(changed.err()).isEqualTo(uncached.err());
    assertThat(entries()).hasSize(2);
    CliRun again = check();
    assertThat(again.out()).isEqualTo(uncached.out());
    assertThat(again.err()).isEqualTo(uncached.err());
  }

  /**
   * A note that names an entry of other rules, even a broken one, costs nothing visible: the entry
   * is not the rules', so it is neither used nor reported.
   */
  @Test
  void aNoteNamingAnotherEntryIsNeitherUsedNorReported() throws IOException {
    CliRun first = check();
    Path note = lastNotes().getFirst();
    String other = "0".repeat(64);
    Files.writeString(note, other);
    Files.writeString(cacheHome.resolve("rules").resolve(other + ".rules"), "garbage");
    CliRun again = check();
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(again.err()).isEqualTo(first.err());
    // The note: the key (64 hex digits), then the rule files' digests.
    String key = new String(Files.readAllBytes(note), 0, 64, StandardCharsets.US_ASCII);
    assertThat(key).isNotEqualTo(other);
    Files.writeString(note, "not a key");
    CliRun badNote = check();
    assertThat(badNote.out()).isEqualTo(first.out());
    assertThat(badNote.err()).isEqualTo(first.err());
  }

  /**
   * Fuzzing the entry reader: an entry with a few bytes changed anywhere is refused with {@link
   * dev.kasa.sigma.binary.MalformedBinaryException} (a cache miss), never read as another program
   * and never another failure.
   */
  @Test
  void aChangedEntryIsAlwaysRefused() throws IOException {
    check();
    Path entry = entries().getFirst();
    String key = entry.getFileName().toString().replace(".rules", "");
    byte[] good = Files.readAllBytes(entry);
    Placeholders placeholders = SigmaOptions.placeholders(Path.of(fixture("placeholders.yml")));
    java.util.Random r = new java.util.Random(14);
    for (int round = 0; round < 400; round++) {
      byte[] bad = good.clone();
      int changes = 1 + r.nextInt(4);
      for (int i = 0; i < changes; i++) {
        int at = round % 4 == 0 ? r.nextInt(Math.min(bad.length, 64)) : r.nextInt(bad.length);
        bad[at] = (byte) (bad[at] ^ (1 + r.nextInt(255)));
      }
      if (Arrays.equals(bad, good)) {
        continue; // two changes of one byte that undid each other
      }
      assertThatThrownBy(() -> CompiledRulesCache.decode(bad, key, placeholders, Runnable::run))
          .isInstanceOf(dev.kasa.sigma.binary.MalformedBinaryException.class);
    }
  }

  private List<Path> lastNotes() {
    try (Stream<Path> files = Files.list(cacheHome.resolve("rules"))) {
      return files.filter(p -> p.toString().endsWith(".last")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theNewestEntriesAreKept() {
    for (int i = 0; i < CompiledRulesCache.KEEP + 2; i++) {
      CliRun.kasa(
          "rules",
          "check",
          "--placeholders",
          fixture("placeholders.yml"),
          rules.resolve("good").toString());
      try {
        Files.writeString(rules.resolve("good").resolve("extra.yml"), "# version " + i + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(entries()).hasSize(CompiledRulesCache.KEEP);
  }

  @Test
  void theEnvironmentPlacesOrDisablesTheCache() {
    String property = System.getProperty("kasa.cache.dir");
    System.clearProperty("kasa.cache.dir");
    try {
      assertThat(CompiledRulesCache.fromEnvironment(Map.of("KASA_CACHE_DIR", "/x")).directory())
          .isEqualTo(Path.of("/x", "rules"));
      assertThat(CompiledRulesCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/y")).directory())
          .isEqualTo(Path.of("/y", "kasa", "rules"));
      assertThat(CompiledRulesCache.fromEnvironment(Map.of()).directory())
          .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "kasa", "rules"));
      assertThat(
              CompiledRulesCache.fromEnvironment(
                      Map.of("KASA_CACHE", "off", "KASA_CACHE_DIR", "/x"))
                  .directory())
          .isNull();
    } finally {
      System.setProperty("kasa.cache.dir", property);
    }
  }
}
