package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad option values and files given to {@code kasa scan}, {@code rules check} and {@code rules
 * test} are usage errors: status 2 and one message naming the option or file:line, no stack trace.
 */
class OptionValidationTest {
  @TempDir Path dir;
  String intel;
  String sigma;
  String logs;
  Path badMap;
  Path badYaml;
  Path badPlaceholders;

  @BeforeEach
  void files() throws IOException {
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
    intel = dir.resolve("intel").toString();
    sigma = dir.resolve("sigma").toString();
    logs = dir.resolve("logs").toString();
    badMap = Files.writeString(dir.resolve("site.map"), "[zeek]\nupstream DOMAIN\n");
    badYaml = Files.writeString(dir.resolve("broken.yml"), "logsources:\n  x: [\n");
    badPlaceholders =
        Files.writeString(dir.resolve("values.yml"), "placeholders:\n  admins: {a: 1}\n");
  }

  /** Status 2, a message on stderr that names {@code what}, and no stack trace. */
  private static void usageError(CliRun run, String what) {
    assertThat(run.status()).as(run.err()).isEqualTo(Kasa.USAGE);
    assertThat(run.err()).contains(what).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.err().lines().filter(l -> l.startsWith("kasa: ")).count()).isEqualTo(1);
  }

  @Test
  void threadsOutOfRangeAreUsageErrors() {
    for (String threads : new String[] {"-1", "1073741824", "257"}) {
      CliRun run = CliRun.kasa("scan", "--threads", threads, "--intel", intel, logs);
      usageError(run, "--threads");
      assertThat(run.err()).contains(threads);
    }
    assertThat(CliRun.kasa("scan", "--threads", "256", "--intel", intel, logs).status()).isZero();
  }

  @Test
  void aMalformedFieldMapIsAUsageErrorNamingFileAndLine() {
    usageError(
        CliRun.kasa("scan", "--field-map", badMap.toString(), "--intel", intel, logs),
        badMap + ":2");
    usageError(
        CliRun.kasa(
            "scan", "--field-map", dir.resolve("none.map").toString(), "--intel", intel, logs),
        "none.map");
  }

  @Test
  void malformedLogSourcesAndPlaceholdersAreUsageErrorsInEveryCommand() {
    String[][] commands = {
      {"scan", "--sigma", sigma, logs},
      {"rules", "check", sigma},
      {"rules", "test", "--rules", sigma, dir.toString()}
    };
    for (String[] command : commands) {
      usageError(CliRun.kasa(concat(command, "--logsources", badYaml.toString())), badYaml + ":3");
      usageError(
          CliRun.kasa(concat(command, "--placeholders", badPlaceholders.toString())),
          badPlaceholders + ":2");
      usageError(
          CliRun.kasa(concat(command, "--placeholders", dir.resolve("none.yml").toString())),
          "none.yml");
    }
  }

  @Test
  void aMissingRulesPathOfRulesTestIsAUsageError() {
    usageError(
        CliRun.kasa("rules", "test", "--rules", dir.resolve("nowhere").toString(), dir.toString()),
        "nowhere");
  }

  @Test
  void anEmptyIdentityIsAUsageError() {
    usageError(
        CliRun.kasa("scan", "--format", "stix", "--identity", " ", "--intel", intel, logs),
        "--identity");
  }

  @Test
  void aDemoDirectoryThatCannotBeWrittenIsAUsageError() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    usageError(CliRun.kasa("demo", "--extract", file.resolve("sub").toString()), "a-file");
  }

  @Test
  void standardInputCanBeReadOnlyOnce() {
    usageError(CliRun.kasa("scan", "--intel", intel, "-", logs, "-"), "standard input");
    usageError(CliRun.kasa("scan", "--intel", "-", "-"), "standard input");
    usageError(CliRun.kasa("scan", "--intel", "-", "--intel", "-", logs), "standard input");
  }

  @Test
  void anEmptyPathIsAUsageErrorNotTheCurrentDirectory() {
    usageError(CliRun.kasa("scan", "--intel", "", logs), "empty path");
    usageError(CliRun.kasa("scan", "--intel", intel, ""), "empty path");
    usageError(CliRun.kasa("scan", "--sigma", "", logs), "empty path");
    usageError(CliRun.kasa("rules", "check", ""), "empty path");
    usageError(CliRun.kasa("rules", "test", "--rules", "", dir.toString()), "empty path");
    usageError(CliRun.kasa("rules", "test", ""), "empty path");
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
