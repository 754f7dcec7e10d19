package dev.kasa.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.ImportOrderer;
import com.google.googlejavaformat.java.RemoveUnusedImports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's formatter check: every Java source in the repository is exactly as google-java-format
 * writes it. {@code bin/format} rewrites the sources in place.
 */
class FormattingTest {
  @Test
  void everyJavaSourceIsFormatted() throws IOException {
    Path root = RepositoryRoot.path();
    Formatter formatter = new Formatter();
    List<String> unformatted = new ArrayList<>();
    List<Path> sources = javaSources(root);
    for (Path source : sources) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      try {
        String formatted =
            formatter.formatSource(
                ImportOrderer.reorderImports(RemoveUnusedImports.removeUnusedImports(text)));
        if (!formatted.equals(text)) {
          unformatted.add(root.relativize(source).toString());
        }
      } catch (FormatterException e) {
        unformatted.add(root.relativize(source) + " (" + e.getMessage() + ")");
      }
    }
    assertThat(sources).as("Java sources under %s", root).isNotEmpty();
    assertThat(unformatted).as("files not formatted; run bin/format").isEmpty();
  }

  static List<Path> javaSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> root.relativize(p).toString().contains("src" + java.io.File.separator))
          .filter(p -> !root.relativize(p).toString().contains("target" + java.io.File.separator))
          .sorted()
          .toList();
    }
  }
}
