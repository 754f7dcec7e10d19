package dev.kasa.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.Location.FilePosition;
import dev.kasa.Location.JsonLocation;
import dev.kasa.Problem;
import dev.kasa.input.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Well-known benign values that must not become indicators: the user's allowlists (one value or
 * CIDR range a line, {@code #} comments) and MISP warninglists (a directory holding {@code
 * list.json} files with {@code name}, {@code type} — string, substring, hostname, cidr, regex — and
 * {@code list}). {@link #filter} wraps an intel sink so that what is suppressed is counted per list
 * and never reaches the index. A bad file or entry is a problem naming where; loading goes on.
 *
 * <p>Not thread-safe: built and used on the thread that loads intelligence.
 */
public final class BenignValues {
  /** The largest allowlist or warninglist file read, in bytes. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  /**
   * Made on first use (a warninglist read): an ObjectMapper costs a JVM start about a tenth of a
   * second, which every scan paid when this class held one.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final List<BenignList> lists = new ArrayList<>();
  private final Map<String, Long> suppressed = new LinkedHashMap<>();

  /** Adds the allowlist {@code file}; problems go to {@code problems}. */
  public void allowlist(Path file, Consumer<Problem> problems) {
    String name = file.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(checkedSize(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.accept(unreadable(name, e));
      return;
    }
    BenignList list = new BenignList("allowlist " + file.getFileName());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String bad = list.add(BenignList.Kind.STRING, line);
      if (bad != null) {
        problems.accept(
            new Problem(ErrorCode.INVALID_INPUT, new FilePosition(name, i + 1, 0), bad));
      }
    }
    lists.add(list);
  }

  /**
   * Adds every {@code list.json} under {@code dir} (walked recursively, as the MISP warninglists
   * repository lays them out in {@code lists/<name>/list.json}).
   */
  public void warninglists(Path dir, Consumer<Problem> problems) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(p -> p.getFileName().toString().equals("list.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | RuntimeException e) {
      problems.accept(
          new Problem(
              ErrorCode.UNREADABLE_INPUT,
              FilePosition.of(dir.toString()),
              "cannot walk the warninglists directory: " + e.getMessage()));
      return;
    }
    if (files.isEmpty()) {
      problems.accept(
          new Problem(
              ErrorCode.INVALID_INPUT,
              FilePosition.of(dir.toString()),
              "no list.json under the warninglists directory"));
    }
    for (Path f : files) {
      warninglist(f, problems);
    }
  }

  private void warninglist(Path file, Consumer<Problem> problems) {
    String name = file.toString();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(checkedSize(file)));
    } catch (JsonProcessingException e) {
      problems.accept(
          new Problem(
              ErrorCode.INVALID_INPUT,
              FilePosition.of(name),
              "not JSON: " + e.getOriginalMessage()));
      return;
    } catch (IOException e) {
      problems.accept(unreadable(name, e));
      return;
    }
    if (root == null || !root.isObject() || !root.path("list").isArray()) {
      problems.accept(
          new Problem(
              ErrorCode.INVALID_INPUT,
              new JsonLocation(name, "$.list"),
              "a MISP warninglist needs a \"list\" array"));
      return;
    }
    String typeText = root.path("type").asText("string").toLowerCase(Locale.ROOT);
    BenignList.Kind kind;
    try {
      kind = BenignList.Kind.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.accept(
          new Problem(
              ErrorCode.INVALID_INPUT,
              new JsonLocation(name, "$.type"),
              "warninglist type '"
                  + typeText
                  + "' is not one of string, substring, hostname, cidr, regex"));
      return;
    }
    String listName = root.path("name").asText("");
    Path parent = file.getParent();
    if (listName.isBlank()) {
      listName = parent == null ? name : parent.getFileName().toString();
    }
    BenignList list = new BenignList("warninglist " + listName.strip());
    JsonNode entries = root.get("list");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String bad =
          e.isTextual()
              ? list.add(kind, e.asText())
              : "an entry must be a string, got " + e.getNodeType();
      if (bad != null) {
        problems.accept(
            new Problem(ErrorCode.INVALID_INPUT, new JsonLocation(name, "$.list[" + i + "]"), bad));
      }
    }
    lists.add(list);
  }

  /** Whether nothing can be suppressed. */
  public boolean isEmpty() {
    return lists.isEmpty();
  }

  /** How many lists were loaded. */
  public int lists() {
    return lists.size();
  }

  /** The name of the first list that holds {@code indicator}'s value, or null. */
  public String listing(Indicator indicator) {
    for (BenignList l : lists) {
      if (l.covers(indicator.type(), indicator.value())) {
        return l.name;
      }
    }
    return null;
  }

  /**
   * A sink that drops the observables on a list (counted per list) and passes the rest, and every
   * version (possibly empty: it still supersedes older versions) and problem, to {@code target}.
   */
  public IntelSink filter(IntelSink target) {
    return new IntelSink() {
      @Override
      public void version(IntelVersion version) {
        List<Indicator> kept = new ArrayList<>(version.observables().size());
        for (Indicator i : version.observables()) {
          if (keep(i)) {
            kept.add(i);
          }
        }
        target.version(
            kept.size() == version.observables().size()
                ? version
                : new IntelVersion(
                    version.id(), version.modified(), version.revoked(), version.origin(), kept));
      }

      @Override
      public void indicator(Indicator indicator) {
        if (keep(indicator)) {
          target.indicator(indicator);
        }
      }

      @Override
      public void problem(Problem problem) {
        target.problem(problem);
      }
    };
  }

  private boolean keep(Indicator i) {
    String list = listing(i);
    if (list == null) {
      return true;
    }
    suppressed.merge(list, 1L, Long::sum);
    return false;
  }

  /** Observables suppressed so far, per list name, in the order lists first suppressed one. */
  public Map<String, Long> suppressed() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(suppressed));
  }

  private static Path checkedSize(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(
          "file of " + size + " bytes is larger than the " + MAX_FILE_BYTES + " read");
    }
    return file;
  }

  private static Problem unreadable(String name, IOException e) {
    return new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), InputFiles.reason(e));
  }
}
