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
 * {@code ../shared/corpora} beside the project (tests run in a module's directory, one level down).
 * A test that needs one is skipped, with a message, where it is absent.
 */
public final class TestCorpora {
  private static final Path ROOT = root();

  private TestCorpora() {}

  private static Path root() {
    String set = System.getProperty("kasa.corpora");
    if (set != null) {
      return Path.of(set);
    }
    Path project = Files.exists(Path.of("../pom.xml")) ? Path.of("..") : Path.of(".");
    return project.resolve("../shared/corpora").normalize();
  }

  /** The corpus folder {@code relative} to the corpora, or null where it is absent. */
  public static Path find(String relative) {
    Path dir = ROOT.resolve(relative);
    return Files.isDirectory(dir) ? dir : null;
  }

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
