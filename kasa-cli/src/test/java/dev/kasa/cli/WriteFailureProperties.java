package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Wherever writing the output fails, kasa says so on stderr and exits with status 3; it never
 * reports a complete run whose results were lost.
 */
class WriteFailureProperties {
  private static Path dir;

  @BeforeContainer
  static void demoFiles() throws IOException {
    dir = Files.createTempDirectory("kasa-write-failure");
    assertThat(CliRun.kasa("demo", "--extract", dir.toString(), "--format", "jsonl").status())
        .isZero();
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A writer whose device fills up after {@code capacity} chars. */
  private static final class FillingWriter extends Writer {
    private int room;

    FillingWriter(int capacity) {
      this.room = capacity;
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      if (len > room) {
        room = 0;
        throw new IOException("No space left on device");
      }
      room -= len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Property(tries = 40)
  void aWriteFailureAnywhereEndsWithStatusThree(
      @ForAll("formats") String format, @ForAll @IntRange(min = 0, max = 12_000) int capacity) {
    String[] args = {
      "scan",
      "--format",
      format,
      "--intel",
      dir.resolve("intel").toString(),
      "--sigma",
      dir.resolve("sigma").toString(),
      dir.resolve("logs").toString()
    };
    int full = run(new StringWriter(), args).length();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter out = new PrintWriter(new FillingWriter(capacity))) {
      status = Kasa.run(args, System.in, out, new PrintWriter(err), CliRun.CLOCK);
    }
    if (capacity >= full) {
      assertThat(status).as(err.toString()).isZero();
    } else {
      assertThat(status).as(err.toString()).isEqualTo(Kasa.INCOMPLETE);
      // A plain PrintWriter keeps no cause; Kasa.main's writer does (see KasaProcessTest).
      assertThat(err.toString()).contains("kasa: cannot write the output: ");
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> formats() {
    return net.jqwik.api.Arbitraries.of("table", "jsonl", "stix");
  }

  private static String run(StringWriter out, String[] args) {
    StringWriter err = new StringWriter();
    int status =
        Kasa.run(args, System.in, new PrintWriter(out), new PrintWriter(err), CliRun.CLOCK);
    if (status != 0) {
      throw new UncheckedIOException(new IOException("status " + status + ": " + err));
    }
    return out.toString();
  }
}
