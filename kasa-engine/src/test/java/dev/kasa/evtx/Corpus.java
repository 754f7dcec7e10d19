package dev.kasa.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The SigmaHQ regression data's {@code .evtx} files; tests skip when the corpus is absent. */
final class Corpus {
  private Corpus() {}

  static List<Path> evtxFiles() {
    Path dir =
        Path.of(
            System.getProperty("kasa.corpora", "../../shared/corpora"), "sigma/regression_data");
    Assumptions.assumeTrue(
        Files.isDirectory(dir), "corpus not found at " + dir + "; set -Dkasa.corpora");
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
