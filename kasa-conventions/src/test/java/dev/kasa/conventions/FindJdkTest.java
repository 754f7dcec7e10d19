package dev.kasa.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK discovery behind {@code ./kasa} and {@code bin/format}, run as a user's shell would. */
class FindJdkTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private Path fakeJdk(String name, String version) throws IOException {
    Path home = dir.resolve("jdks").resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private Result findJdk(Map<String, String> env, String... args) throws Exception {
    Path script = RepositoryRoot.path().resolve("bin/find-jdk");
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add(script.toString());
    pb.command().addAll(List.of(args));
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void picksTheNewestJdkAtLeast21WhenJavaHomeIsOlder() throws Exception {
    Path old = fakeJdk("jdk-17", "17.0.15");
    fakeJdk("jdk-21", "21.0.4");
    Path newest = fakeJdk("temurin-25", "25.0.1");
    Result r =
        findJdk(
            Map.of("JAVA_HOME", old.toString(), "KASA_JDK_DIRS", dir.resolve("jdks").toString()));
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo(newest.toString());
  }

  @Test
  void anExplicitKasaJavaHomeWinsWhenItQualifies() throws Exception {
    Path jdk21 = fakeJdk("jdk-21", "21.0.4");
    fakeJdk("temurin-25", "25.0.1");
    Result r =
        findJdk(
            Map.of(
                "KASA_JAVA_HOME", jdk21.toString(),
                "KASA_JDK_DIRS", dir.resolve("jdks").toString()));
    assertThat(r.out()).isEqualTo(jdk21.toString());
  }

  @Test
  void saysWhatItLookedAtWhenNoJdkIsRecentEnough() throws Exception {
    Path old = fakeJdk("jdk-17", "17.0.15");
    fakeJdk("jdk-8", "1.8.0_402");
    Result r =
        findJdk(
            Map.of("JAVA_HOME", old.toString(), "KASA_JDK_DIRS", dir.resolve("jdks").toString()));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no JDK 21 or newer found").contains("KASA_JAVA_HOME");
  }

  @Test
  void readsTheVersionFromJavaWhenThereIsNoReleaseFile() throws Exception {
    Path home = fakeJdk("jdk-22", "22.0.2");
    Files.delete(home.resolve("release"));
    Result r = findJdk(Map.of("KASA_JDK_DIRS", dir.resolve("jdks").toString()));
    assertThat(r.out()).isEqualTo(home.toString());
  }
}
