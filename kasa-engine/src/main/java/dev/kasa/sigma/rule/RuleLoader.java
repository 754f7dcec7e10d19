package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import dev.kasa.Location;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads Sigma files and directories into a {@link RuleSet}, then checks what spans documents:
 * duplicate ids, correlation references and cycles. Problems are collected, never thrown. Stateless
 * and thread-safe.
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
    List<SigmaDocument> documents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    int files = 0;
    for (Path path : paths) {
      for (Path file : files(path, problems)) {
        files++;
        String text = read(file, problems);
        if (text != null) {
          ParseResult parsed = SigmaParser.parse(text, file.toString());
          documents.addAll(parsed.documents());
          problems.addAll(parsed.problems());
        }
      }
    }
    return CrossCheck.check(documents, problems, files);
  }

  private static List<Path> files(Path path, List<Problem> problems) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      problems.add(unreadable(path, "no such file or directory"));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(RuleLoader::isYaml).sorted().toList();
    } catch (IOException | RuntimeException e) {
      problems.add(unreadable(path, "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  private static String read(Path file, List<Problem> problems) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        problems.add(
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
      problems.add(unreadable(file, "not UTF-8 text"));
    } catch (IOException e) {
      problems.add(unreadable(file, "cannot read: " + e.getMessage()));
    }
    return null;
  }

  private static Problem unreadable(Path p, String why) {
    return new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(p.toString()), why);
  }

  /** The checks that need every document. */
  private static final class CrossCheck {
    private CrossCheck() {}

    static RuleSet check(List<SigmaDocument> documents, List<Problem> problems, int files) {
      List<SigmaDocument> kept = new ArrayList<>();
      Map<String, SigmaDocument> byId = new HashMap<>();
      for (SigmaDocument d : documents) {
        String id = d.info().id();
        SigmaDocument first = id == null ? null : byId.putIfAbsent(id, d);
        if (first != null) {
          problems.add(
              new Problem(
                  ErrorCode.DUPLICATE_ID,
                  Location.inRule(d.info().position(), d.info().label()),
                  "id " + id + " is already used at " + first.info().position()));
        } else {
          kept.add(d);
        }
      }
      List<SigmaCorrelation> correlations = References.valid(kept, problems);
      List<SigmaRule> rules = new ArrayList<>();
      List<SigmaFilter> filters = new ArrayList<>();
      for (SigmaDocument d : kept) {
        switch (d) {
          case SigmaRule r -> rules.add(r);
          case SigmaFilter f -> filters.add(f);
          case SigmaCorrelation c -> {}
        }
      }
      Set<String> ruleKeys = new HashSet<>();
      for (SigmaRule r : rules) {
        References.keys(r).forEach(ruleKeys::add);
      }
      int unresolved = 0;
      for (SigmaFilter f : filters) {
        unresolved += (int) f.rules().stream().filter(ref -> !ruleKeys.contains(ref)).count();
      }
      return new RuleSet(rules, correlations, filters, problems, files, unresolved);
    }
  }
}
