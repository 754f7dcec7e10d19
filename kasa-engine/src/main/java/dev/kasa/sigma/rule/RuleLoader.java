package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Loads Sigma files and directories into a {@link RuleSet}: a front end that reads each file into a
 * {@link NamedText} named by its path (so positions read {@code file:line:column}) and leaves the
 * rest to {@link RuleSet#fromTexts}, checks across documents included. Problems are collected,
 * never thrown. Stateless and thread-safe.
 */
public final class RuleLoader {
  /** Largest file read, in bytes: 1 MiB. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private RuleLoader() {}

  /**
   * Loads every path: a file is read whatever its name; a directory is walked for {@code *.yml} and
   * {@code *.yaml} files, in sorted order. An unreadable or too large file is a problem.
   */
  public static RuleSet load(List<Path> paths) {
    return load(paths, List.of(), Runnable::run);
  }

  /**
   * Loads every path as {@link #load(List)} does, then {@code texts} (rules that come from
   * elsewhere: a store, a message), all checked together as one rule set.
   */
  public static RuleSet load(List<Path> paths, List<NamedText> texts) {
    return load(paths, texts, Runnable::run);
  }

  /**
   * Loads every path as {@link #load(List)} does, reading files on the calling thread and parsing
   * them as tasks on {@code executor} (the caller's threads); the rule set is the same on any
   * executor. Returns once every file is parsed.
   */
  public static RuleSet load(List<Path> paths, Executor executor) {
    return load(paths, List.of(), executor);
  }

  /** {@link #load(List, List)} with the parsing on {@code executor}. */
  public static RuleSet load(List<Path> paths, List<NamedText> texts, Executor executor) {
    var assembly = new RuleSetAssembly(executor);
    for (Path path : paths) {
      for (Path file : files(path, assembly)) {
        String text = read(file, assembly);
        if (text != null) {
          assembly.add(new NamedText(file.toString(), text));
        }
      }
    }
    texts.forEach(assembly::add);
    return assembly.build();
  }

  private static List<Path> files(Path path, RuleSetAssembly assembly) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      assembly.problem(unreadable(path, "no such file or directory"));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(RuleLoader::isYaml).sorted().toList();
    } catch (IOException | RuntimeException e) {
      assembly.problem(unreadable(path, "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  /** The file's text, or null when it gives none (the problem is then in {@code assembly}). */
  private static String read(Path file, RuleSetAssembly assembly) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        assembly.unreadable(
            new Problem(
                ErrorCode.TOO_LARGE,
                FilePosition.of(file.toString()),
                "file has " + size + " bytes; the limit is " + MAX_FILE_BYTES));
        return null;
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      assembly.unreadable(unreadable(file, "not UTF-8 text"));
    } catch (IOException e) {
      assembly.unreadable(unreadable(file, "cannot read: " + e.getMessage()));
    }
    return null;
  }

  private static Problem unreadable(Path p, String why) {
    return new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(p.toString()), why);
  }
}
