package dev.kasa.regression;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.sigma.rule.YamlBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Finds the regression tests under a directory: every {@code info.yml} with {@code
 * regression_tests_info}. Unreadable or malformed info files are returned as problems, never
 * thrown. An info file is bounded: {@value #MAX_INFO_BYTES} bytes, {@value #MAX_DEPTH} nested
 * collections, and as many characters again added by aliases ({@link YamlBudget}).
 */
public final class RegressionCases {
  private static final int MAX_INFO_BYTES = 64 << 10;
  private static final int MAX_DEPTH = 32;

  /** A bound of the info file exceeded. */
  private static final class OutOfBounds extends RuntimeException {
    final transient Problem problem;

    OutOfBounds(Problem problem) {
      super(problem.text(), null, false, false);
      this.problem = problem;
    }
  }

  private RegressionCases() {}

  /** Which file of a test is its sample. */
  public enum Sample {
    /** The {@code .evtx} file that {@code info.yml} names. */
    EVTX,
    /** The evtx_dump JSON beside it ({@code NAME.json} for {@code NAME.evtx}). */
    JSON
  }

  /** The cases found and the problems met (each located in its info file). */
  public record Found(List<RegressionCase> cases, List<Problem> problems) {
    public Found {
      cases = List.copyOf(cases);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Walks {@code dir} for {@code info.yml} files, in path order; samples are the evtx_dump JSON.
   *
   * @throws KasaException UNREADABLE_INPUT when {@code dir} cannot be listed
   */
  public static Found discover(Path dir) {
    return discover(dir, Sample.JSON);
  }

  /**
   * Walks {@code dir} for {@code info.yml} files, in path order, taking {@code sample} files.
   *
   * @throws KasaException UNREADABLE_INPUT when {@code dir} cannot be listed
   */
  public static Found discover(Path dir, Sample sample) {
    List<Path> infos;
    try (Stream<Path> walk = Files.walk(dir)) {
      infos =
          walk.filter(p -> p.getFileName().toString().equals("info.yml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new KasaException(ErrorCode.UNREADABLE_INPUT, "cannot list " + dir + ": " + e);
    }
    List<RegressionCase> cases = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path info : infos) {
      FilePosition file = FilePosition.of(info.toString());
      try {
        read(info, sample, cases);
      } catch (OutOfBounds e) {
        problems.add(e.problem);
      } catch (IOException | YamlEngineException | ClassCastException e) {
        problems.add(
            new Problem(ErrorCode.UNREADABLE_INPUT, file, "cannot read: " + e.getMessage()));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(ErrorCode.INVALID_INPUT, file, e.getMessage()));
      }
    }
    return new Found(cases, problems);
  }

  private static void read(Path info, Sample sample, List<RegressionCase> out) throws IOException {
    if (Files.size(info) > MAX_INFO_BYTES) {
      throw new IllegalArgumentException("larger than " + MAX_INFO_BYTES + " bytes");
    }
    LoadSettings settings =
        LoadSettings.builder().setMaxAliasesForCollections(10).setAllowDuplicateKeys(false).build();
    String text = Files.readString(info);
    YamlBudget budget = new YamlBudget(MAX_DEPTH, MAX_INFO_BYTES);
    for (Event e : new Parse(settings).parseString(text)) {
      YamlBudget.Exceeded exceeded = budget.accept(e);
      if (exceeded != null) {
        FilePosition at =
            exceeded
                .at()
                .map(m -> new FilePosition(info.toString(), m.getLine() + 1, m.getColumn() + 1))
                .orElse(FilePosition.of(info.toString()));
        throw new OutOfBounds(new Problem(exceeded.code(), at, exceeded.message()));
      }
    }
    Object doc = new Load(settings).loadFromString(text);
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a YAML map");
    }
    String ruleId = null;
    String title = null;
    if (map.get("rule_metadata") instanceof List<?> meta) {
      for (Object m : meta) {
        if (m instanceof Map<?, ?> mm && mm.get("id") != null) {
          ruleId = String.valueOf(mm.get("id"));
          title = mm.get("title") == null ? null : String.valueOf(mm.get("title"));
        }
      }
    }
    if (ruleId == null) {
      throw new IllegalArgumentException("no rule_metadata id");
    }
    if (!(map.get("regression_tests_info") instanceof List<?> tests) || tests.isEmpty()) {
      throw new IllegalArgumentException("no regression_tests_info");
    }
    for (Object t : tests) {
      if (!(t instanceof Map<?, ?> test)) {
        throw new IllegalArgumentException("a regression_tests_info entry is not a map");
      }
      Object path = test.get("path");
      if (path == null) {
        throw new IllegalArgumentException("a test has no path");
      }
      String name = test.get("name") == null ? "unnamed" : String.valueOf(test.get("name"));
      int count = -1;
      if (test.get("match_count") instanceof Number n) {
        count = n.intValue();
      }
      out.add(
          new RegressionCase(
              info, name, ruleId, title, sample(info, path.toString(), sample), count));
    }
  }

  /**
   * The sample of {@code path}: the path is relative to the repository root, which is some ancestor
   * of the info file; for {@link Sample#JSON} the {@code .json} beside the {@code .evtx}, which is
   * also taken for {@link Sample#EVTX} when there is no {@code .evtx}.
   */
  static Path sample(Path info, String path, Sample sample) {
    boolean evtx = path.endsWith(".evtx");
    String json = evtx ? path.substring(0, path.length() - 5) + ".json" : path;
    Path found = find(info, sample == Sample.JSON ? json : path);
    if (found == null && sample == Sample.EVTX && evtx) {
      found = find(info, json);
    }
    if (found != null) {
      return found;
    }
    String wanted = sample == Sample.JSON ? json : path;
    return info.toAbsolutePath()
        .getParent()
        .resolve(Path.of(wanted.replace('\\', '/')).getFileName());
  }

  private static Path find(Path info, String path) {
    Path rel = Path.of(path.replace('\\', '/'));
    for (Path dir = info.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(rel);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
