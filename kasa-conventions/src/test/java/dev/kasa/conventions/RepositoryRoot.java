package dev.kasa.conventions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the build passes it as {@code kasa.root}. */
final class RepositoryRoot {
  private RepositoryRoot() {}

  static Path path() {
    String configured = System.getProperty("kasa.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("kasa-engine"))) {
      throw new IllegalStateException("not the Kasa repository root: " + root);
    }
    return root.toAbsolutePath().normalize();
  }
}
