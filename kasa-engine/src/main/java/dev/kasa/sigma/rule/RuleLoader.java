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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    return assemble(read(paths, executor), texts, executor);
  }

  /**
   * What reading {@code paths} gives, before any parsing, in the order {@link #load(List)} takes
   * it: each file's text, or the problem of a file or path that gives none. Equal lists assemble
   * into equal rule sets, so they can key a cache of what they assemble into.
   */
  public static List<Source> read(List<Path> paths) {
    return read(paths, Runnable::run);
  }

  /**
   * What {@link #read(List)} gives, the files read as tasks on {@code executor} (a few per task);
   * the result is the same on any executor. Returns once every file is read.
   */
  public static List<Source> read(List<Path> paths, Executor executor) {
    List<Object> found = new ArrayList<>();
    for (Listed listed : list(paths)) {
      if (listed.problem() != null) {
        found.add(listed.problem());
      }
      found.addAll(listed.files());
    }
    Source[] out = new Source[found.size()];
    int chunk = Math.max(16, found.size() / 16);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < found.size(); from += chunk) {
      int start = from;
      int end = Math.min(found.size(), from + chunk);
      tasks.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = start; i < end; i++) {
                  out[i] = found.get(i) instanceof Path file ? read(file) : (Source) found.get(i);
                }
              },
              executor));
    }
    tasks.forEach(CompletableFuture::join);
    return List.of(out);
  }

  /**
   * What one path given to {@link #read(List)} names: its files in load order (none when {@code
   * problem} says why). {@link #read(List)} is every listing's problem or files, each file {@link
   * #read(Path) read}, in order.
   */
  public record Listed(List<Path> files, Source.BadPath problem) {
    /** Copies the files. */
    public Listed {
      files = List.copyOf(files);
    }
  }

  /** What {@code paths} name, path by path, before any file is read. */
  public static List<Listed> list(List<Path> paths) {
    List<Listed> out = new ArrayList<>(paths.size());
    for (Path path : paths) {
      List<Source> problems = new ArrayList<>();
      List<Path> files = files(path, problems);
      out.add(new Listed(files, problems.isEmpty() ? null : (Source.BadPath) problems.getFirst()));
    }
    return out;
  }

  /**
   * The rule set of {@code sources} (from {@link #read}) then {@code texts}, parsed as tasks on
   * {@code executor}; the same as {@link #load(List, List, Executor)} of the paths read.
   */
  public static RuleSet assemble(List<Source> sources, List<NamedText> texts, Executor executor) {
    var assembly = new RuleSetAssembly(executor);
    for (Source s : sources) {
      switch (s) {
        case Source.Text t -> assembly.add(t.text());
        case Source.Unreadable u -> assembly.unreadable(u.problem());
        case Source.BadPath b -> assembly.problem(b.problem());
      }
    }
    texts.forEach(assembly::add);
    return assembly.build();
  }

  /** One thing reading paths gave. */
  public sealed interface Source {
    /** A file's text, named by its path. */
    record Text(NamedText text) implements Source {}

    /** A file that could not be read (too large, not UTF-8, an I/O error); it counts as tried. */
    record Unreadable(Problem problem) implements Source {}

    /** A path that is no file and no directory, or a directory that cannot be listed. */
    record BadPath(Problem problem) implements Source {}
  }

  private static List<Path> files(Path path, List<Source> out) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      out.add(new Source.BadPath(unreadable(path, "no such file or directory")));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      // The name first: it is cheap, and only YAML names cost a second stat (following links).
      return walk.filter(RuleLoader::isYaml).filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | RuntimeException e) {
      out.add(new Source.BadPath(unreadable(path, "cannot list: " + e.getMessage())));
      return List.of();
    }
  }

  private static boolean isYaml(Path p) {
    // The whole path's text, not getFileName(): that splits the path into its names, which cost
    // 6 % of a cached `rules check` over SigmaHQ's 3,780 files (interpreted, once per file).
    String name = p.toString();
    return endsWithIgnoreCase(name, ".yml") || endsWithIgnoreCase(name, ".yaml");
  }

  private static boolean endsWithIgnoreCase(String name, String suffix) {
    return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
  }

  /** The file's text, or the problem of reading it: one file as {@link #read(List)} reads it. */
  public static Source read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return new Source.Unreadable(
            new Problem(
                ErrorCode.TOO_LARGE,
                FilePosition.of(file.toString()),
                "file has " + size + " bytes; the limit is " + MAX_FILE_BYTES));
      }
      byte[] bytes = Files.readAllBytes(file);
      // Decoding replaces malformed input with U+FFFD: only a text holding one can be malformed,
      // and only such a text takes the strict decoder's second pass (one copy fewer for the rest).
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') >= 0) {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      }
      return new Source.Text(new NamedText(file.toString(), text));
    } catch (CharacterCodingException e) {
      return new Source.Unreadable(unreadable(file, "not UTF-8 text"));
    } catch (IOException e) {
      return new Source.Unreadable(unreadable(file, "cannot read: " + e.getMessage()));
    }
  }

  private static Problem unreadable(Path p, String why) {
    return new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(p.toString()), why);
  }
}
