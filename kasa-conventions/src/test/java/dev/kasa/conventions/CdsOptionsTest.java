package dev.kasa.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class data sharing of {@code ./kasa} ({@code bin/cds-options}), run on this JDK the way the
 * launcher runs it: the options, then {@code exec java} in the same process.
 */
class CdsOptionsTest {
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @TempDir Path dir;
  private Path jar;
  private Path cache;

  private record Run(int status, String out, String err) {}

  @BeforeEach
  void writeTheJar() throws IOException {
    jar = dir.resolve("hello.jar");
    writeJar(jar, "");
    cache = dir.resolve("cache");
  }

  private static void writeJar(Path jar, String extra) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CdsHello.class.getName());
    String entry = CdsHello.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = CdsHello.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.putNextEntry(new JarEntry("extra.txt"));
      out.write(extra.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", dir.resolve("home").toString());
    env.put("KASA_CACHE_DIR", cache.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Process start(Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Run finish(Process p) throws Exception {
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** What bin/cds-options prints for a run with process id {@code pid} and these JVM options. */
  private List<String> options(Map<String, String> env, long pid, String... jvmOptions)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(RepositoryRoot.path().resolve("bin/cds-options").toString());
    command.addAll(List.of(JAVA_HOME.toString(), jar.toString(), Long.toString(pid), "hello"));
    command.addAll(List.of(jvmOptions));
    Run run = finish(start(env, command));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return run.out().lines().toList();
  }

  /** CdsHello as the launcher would run it: bin/cds-options, then exec java in that process. */
  private Process launch(Map<String, String> env, String... extraOptions) throws IOException {
    String script =
        """
        opts=$("$ROOT/bin/cds-options" "$JH" "$JAR" $$ hello)
        exec "$JH/bin/java" $opts "$@" -jar "$JAR"
        """;
    List<String> command = new ArrayList<>(List.of("bash", "-c", script, "launch"));
    command.addAll(List.of(extraOptions));
    Map<String, String> withPaths = new HashMap<>(env);
    withPaths.put("ROOT", RepositoryRoot.path().toString());
    withPaths.put("JH", JAVA_HOME.toString());
    withPaths.put("JAR", jar.toString());
    return start(withPaths, command);
  }

  private Run launchAndWait(Map<String, String> env, String... extraOptions) throws Exception {
    return finish(launch(env, extraOptions));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(cache.resolve("cds"))) {
      return s.sorted().toList();
    }
  }

  private static boolean baseArchive() {
    return Files.isRegularFile(JAVA_HOME.resolve("lib/server/classes.jsa"));
  }

  @Test
  void theFirstRunWritesAnArchiveAndTheSecondMapsIt() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    Run first = launchAndWait(env());
    assertThat(first).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(files()).singleElement().asString().endsWith(".tmp");

    Path log = dir.resolve("classes.log");
    Run second = launchAndWait(env(), "-Xlog:class+load=info:file=" + log);
    assertThat(second).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(files()).singleElement().asString().endsWith("-hello.jsa");
    assertThat(Files.readAllLines(log))
        .anyMatch(l -> l.contains(CdsHello.class.getName() + " source: shared objects file (top)"));
  }

  @Test
  void aRebuiltJarGetsAnArchiveOfItsOwn() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    launchAndWait(env());
    List<String> before = options(env(), 1L << 40);
    assertThat(before).anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));

    writeJar(jar, "rebuilt");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    List<String> after = options(env(), 1L << 40);
    assertThat(after).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
    String written =
        after.stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().get();
    String mapped = before.get(before.size() - 1).substring("-XX:SharedArchiveFile=".length());
    assertThat(written).doesNotContain(mapped);
  }

  @Test
  void offOrTheUsersOwnArchivePassesNoCdsOption() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    assertThat(options(env("KASA_CDS", "off"), 1)).isEmpty();
    assertThat(options(env(), 1, "-XX:SharedArchiveFile=/tmp/mine.jsa")).isEmpty();
    assertThat(options(env(), 1, "-Xshare:off")).isEmpty();
    assertThat(options(env(), 1, "-XX:AOTCache=/tmp/app.aot")).isEmpty();
    assertThat(options(env("KASA_CACHE_DIR", dir.resolve("a:b").toString()), 1)).isEmpty();
    assertThat(options(env(), 1, "-XX:+UseParallelGC")).isNotEmpty();
  }

  @Test
  void aCacheDirectoryThatCannotBeWrittenTurnsItOffSilently() throws Exception {
    Path blocker = dir.resolve("not-a-directory");
    Files.writeString(blocker, "");
    Map<String, String> env = env("KASA_CACHE_DIR", blocker.resolve("kasa").toString());
    assertThat(options(env, 1)).isEmpty();
    assertThat(launchAndWait(env)).isEqualTo(new Run(0, "hello\n", ""));

    // A read-only cache directory (as root, only a read-only file system refuses a write).
    Path readOnly = dir.resolve("read-only");
    Files.createDirectories(readOnly.resolve("cds"));
    assumeTrue(readOnly.resolve("cds").toFile().setWritable(false, false));
    Map<String, String> ro = env("KASA_CACHE_DIR", readOnly.toString());
    if (!Files.isWritable(readOnly.resolve("cds"))) {
      assertThat(options(ro, 1)).isEmpty();
    }
    assertThat(launchAndWait(ro)).isEqualTo(new Run(0, "hello\n", ""));
  }

  @Test
  void aDamagedArchiveIsIgnoredWithoutAWord() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    launchAndWait(env());
    launchAndWait(env());
    Path archive = files().get(0);
    assertThat(archive.toString()).endsWith(".jsa");
    byte[] garbage = new byte[100_000];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(archive, garbage);
    assertThat(launchAndWait(env())).isEqualTo(new Run(0, "hello\n", ""));
  }

  @Test
  void anUnfinishedArchiveIsDroppedAndOneStillBeingWrittenIsLeftAlone() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    List<String> first = options(env(), 1L << 40);
    String tmp = first.get(first.size() - 1).substring("-XX:ArchiveClassesAtExit=".length());
    assertThat(tmp).endsWith("." + (1L << 40) + ".tmp");
    String archive = tmp.substring(0, tmp.length() - (".%d.tmp".formatted(1L << 40)).length());

    // Its writer (a process id no process has) died before the header: zeros where it goes.
    Files.write(Path.of(tmp), new byte[8192]);
    // This test's JVM is alive: as if it were still running and would write at exit.
    Path running = Path.of(archive + "." + ProcessHandle.current().pid() + ".tmp");
    Files.write(running, new byte[8192]);

    List<String> next = options(env(), 1L << 40);
    assertThat(next).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(Path.of(tmp)).doesNotExist();
    assertThat(Path.of(archive)).doesNotExist();
    assertThat(running).exists();
  }

  @Test
  void twoFirstRunsAtOnceBothWorkAndLeaveOneArchive() throws Exception {
    assumeTrue(baseArchive(), "this JDK has no base CDS archive");
    Process a = launch(env());
    Process b = launch(env());
    assertThat(finish(a)).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(finish(b)).isEqualTo(new Run(0, "hello\n", ""));
    // Each wrote its own file (unless one started after the other had finished: then it mapped).
    assertThat(files()).hasSizeBetween(1, 2);

    assertThat(launchAndWait(env())).isEqualTo(new Run(0, "hello\n", ""));
    assertThat(files()).singleElement().asString().endsWith("-hello.jsa");
  }
}
