package dev.kasa.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options {@code ./kasa} and the bench scripts give every command ({@code
 * bin/jvm-options}).
 */
class JvmOptionsTest {
  private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  @Test
  void theOptionsFileComesFirstThenHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
    Path root = RepositoryRoot.path();
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("bin/java-options"))) {
      String option = line.strip();
      if (!option.isEmpty() && !option.startsWith("#")) {
        expected.add(option);
      }
    }
    assertThat(expected).isNotEmpty();
    boolean madvise =
        System.getProperty("os.name").equals("Linux")
            && Files.isReadable(THP)
            && Files.readString(THP).contains("[madvise]");
    if (madvise) {
      expected.add("-XX:+UseTransparentHugePages");
    }

    Process p = new ProcessBuilder(root.resolve("bin/jvm-options").toString()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.lines().toList()).isEqualTo(expected);
  }

  /**
   * The commands that sweep no logs ({@code rules check}, {@code rules test}) run with C1 alone;
   * every other command keeps C2, which a sweep needs, and gets the options of every command.
   */
  @Test
  void onlyTheRulesCommandRunsWithC1Alone() throws Exception {
    List<String> every = options();
    assertThat(every).noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel"));
    for (String command : List.of("scan", "node", "demo", "evtx", "--help", "rulesx")) {
      assertThat(options(command)).as(command).isEqualTo(every);
    }
    List<String> rules = new ArrayList<>(every);
    rules.add("-XX:TieredStopAtLevel=1");
    assertThat(options("rules")).isEqualTo(rules);
  }

  private static List<String> options(String... command) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(RepositoryRoot.path().resolve("bin/jvm-options").toString());
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  /**
   * A JVM refuses to start on an option it does not know, so every option the launcher passes must
   * be one this JDK (21 or newer, as the launcher finds) accepts.
   */
  @Test
  void thisJdkStartsWithEveryOption() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    // The rules command's are every command's and its own.
    command.addAll(options("rules"));
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("Unrecognized", "warning");
  }
}
