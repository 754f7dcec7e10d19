package dev.kasa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place tests find the shared corpora: {@code -Dkasa.corpora} (the build sets it), else
 * {@code ../shared/corpora}. A test that needs one is skipped, with a message, where it is absent.
 */
public final class TestCorpora {
  private static final Path ROOT = Path.of(System.getProperty("kasa.corpora", "../shared/corpora"));

  private TestCorpora() {}

  /** The corpus folder {@code relative} to the corpora; skips the calling test when absent. */
  public static Path dir(String relative) {
    Path dir = ROOT.resolve(relative);
    Assumptions.assumeTrue(
        Files.isDirectory(dir), "corpus not found at " + dir + "; set -Dkasa.corpora");
    return dir;
  }

  /** The files under {@code dir} whose names end with {@code suffix}, in path order. */
  public static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
