package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intelligence inputs lose nothing silently: damaged gzip and entries a walk cannot read. */
class IntelInputDamageTest {
  @TempDir Path dir;

  private final IntelLoaderCollector sink = new IntelLoaderCollector();

  private void load(Path... inputs) {
    new IntelLoader(IntelLoader.Options.defaults())
        .load(Arrays.stream(inputs).map(Path::toString).toList(), sink);
  }

  private static byte[] gzip(String text) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void aTruncatedGzipListGivesWhatWasReadBeforeTheDamageThenSaysSo() throws IOException {
    String list =
        IntStream.range(0, 20_000)
            .mapToObj(i -> "10." + (i >> 8 & 255) + "." + (i & 255) + ".1")
            .collect(Collectors.joining("\n", "", "\n"));
    byte[] whole = gzip(list);
    Path cut = dir.resolve("blocklist.txt.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

    load(cut);

    assertThat(sink.indicators).isNotEmpty();
    assertThat(sink.values()).startsWith("10.0.0.1", "10.0.1.1");
    assertThat(sink.problems(ErrorCode.UNREADABLE_INPUT))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo(cut.toString());
              assertThat(p.message()).startsWith("truncated gzip stream after ");
            });
  }

  @Test
  void aCorruptGzipSaysWhatIsWrongNotAJavaClassName() throws IOException {
    byte[] whole = gzip("198.51.100.7\n".repeat(1000));
    whole[whole.length / 2] ^= 0x5a;
    whole[whole.length / 2 + 1] ^= 0x33;
    Path bad = dir.resolve("list.txt.gz");
    Files.write(bad, whole);

    load(bad);

    List<Problem> unreadable = sink.problems(ErrorCode.UNREADABLE_INPUT);
    assertThat(unreadable).hasSize(1);
    assertThat(unreadable.get(0).message())
        .matches("(corrupt gzip data|truncated gzip stream) after \\d+ bytes.*")
        .doesNotContain("java.")
        .doesNotContain("Exception");
  }

  @Test
  void danglingLinksAndPipesInADirectoryAreReportedAndTheRestIsRead()
      throws IOException, InterruptedException {
    Path feed = dir.resolve("feed");
    Files.createDirectories(feed);
    Files.writeString(feed.resolve("a.txt"), "evil.example\n");
    Files.createSymbolicLink(feed.resolve("b.txt"), feed.resolve("gone.txt"));
    Path fifo = feed.resolve("c.txt");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    boolean haveFifo = mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;

    load(feed);

    assertThat(sink.values()).containsExactly("evil.example");
    List<String> reported =
        sink.problems(ErrorCode.UNREADABLE_INPUT).stream()
            .map(p -> p.where().toString() + ": " + p.message())
            .toList();
    assertThat(reported)
        .anySatisfy(r -> assertThat(r).startsWith(feed.resolve("b.txt") + ": dangling"));
    if (haveFifo) {
      assertThat(reported)
          .anySatisfy(r -> assertThat(r).startsWith(fifo + ": not a regular file (named pipe)"));
    }
  }
}
