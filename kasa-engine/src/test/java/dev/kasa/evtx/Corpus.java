package dev.kasa.evtx;

import dev.kasa.TestCorpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The SigmaHQ regression data's {@code .evtx} files; tests skip when the corpus is absent. */
final class Corpus {
  private Corpus() {}

  static List<Path> evtxFiles() {
    return TestCorpora.files(TestCorpora.dir("sigma/regression_data"), ".evtx");
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
