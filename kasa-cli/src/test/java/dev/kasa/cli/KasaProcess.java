package dev.kasa.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kasa} as its own JVM ({@link Kasa#main}), for what only a real process shows: the
 * exit status of {@code System.exit}, the real standard streams, JVM limits.
 */
record KasaProcess(int status, String err) {
  /**
   * Runs {@code args} with the JVM options {@code jvm}, standard output written to {@code stdout}.
   */
  static KasaProcess run(List<String> jvm, File stdout, Path workDir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    // The child keeps compiled rules where this test JVM does (the build's directory).
    String cache = System.getProperty("kasa.cache.dir");
    if (cache != null) {
      command.add("-Dkasa.cache.dir=" + cache);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Kasa.class.getName());
    command.addAll(List.of(args));
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout)
            .redirectError(err.toFile())
            .start();
    // A safety net against a hung child, not a measure of speed.
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("kasa did not end: " + command);
    }
    return new KasaProcess(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }
}
