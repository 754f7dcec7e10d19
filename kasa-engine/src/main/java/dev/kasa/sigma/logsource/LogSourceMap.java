package dev.kasa.sigma.logsource;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sigma.rule.LogSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which events belong to a Sigma rule's {@code logsource}, and what the rule's field names are
 * called in them: the data of a {@code logsources.yml} file (format and rules in {@code
 * docs/sigma-logsources.md}).
 *
 * <p>A rule's logsource selects entries in two steps:
 *
 * <ol>
 *   <li>the entries whose {@code logsource} is exactly the rule's (the same attributes, the same
 *       values), if there is any; so {@code product: windows} alone selects the entry that applies
 *       to every Windows event, not each Windows category;
 *   <li>otherwise the entries that give every attribute the rule gives with the same value, and
 *       more: a rule that names less applies to every more specific source ({@code category:
 *       process_creation} without a product covers the Windows and the Linux entries).
 * </ol>
 *
 * A rule giving an attribute value that no entry has (an unknown service, an extra category) gets
 * no variants: the map does not know where such events are, and guessing would run the rule over
 * unrelated events.
 *
 * <p>Immutable and thread-safe. {@link #variants} keeps nothing: log sources come from rules, which
 * a long-running node reloads from many senders, so a cache keyed by them would only grow.
 */
public final class LogSourceMap {
  private static final String DEFAULTS = "logsources.yml";

  private final Map<String, MapEntry> entries;
  private final Map<String, Map<String, String>> aliases;

  private LogSourceMap(Map<String, MapEntry> entries, Map<String, Map<String, String>> aliases) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    aliases.forEach((source, map) -> copy.put(source, Map.copyOf(map)));
    this.aliases = Collections.unmodifiableMap(copy);
  }

  /** The built-in map, from the {@code logsources.yml} resource next to this class. */
  public static LogSourceMap defaults() {
    try (InputStream in = LogSourceMap.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new KasaException(ErrorCode.INTERNAL, "resource " + DEFAULTS + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS);
    } catch (IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot read resource " + DEFAULTS, e);
    }
  }

  /**
   * Reads a map; {@code origin} names it in messages.
   *
   * @throws KasaException INVALID_INPUT listing every problem as origin:line:column, or
   *     LIMIT_EXCEEDED when the text is too big or nested too deep
   */
  public static LogSourceMap parse(String yaml, String origin) {
    LogSourceMapReader.Content content = LogSourceMapReader.read(yaml, origin);
    return new LogSourceMap(content.entries(), content.aliases());
  }

  /**
   * Reads a map file (UTF-8).
   *
   * @throws KasaException UNREADABLE_INPUT when the file cannot be read; as {@link #parse}
   */
  public static LogSourceMap load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT, "cannot read logsource map " + file + ": " + e, e);
    }
  }

  /**
   * This map extended by a user's: a user entry replaces the entry of the same name in place (or
   * removes it when it says {@code enabled: false}); other user entries are added after this map's.
   * A user alias replaces the alias of the same source and field; the others are kept.
   */
  public LogSourceMap extendedBy(LogSourceMap user) {
    Map<String, MapEntry> merged = new LinkedHashMap<>(entries);
    user.entries.forEach(
        (name, entry) -> {
          if (entry.removes()) {
            merged.remove(name);
          } else {
            merged.put(name, entry);
          }
        });
    Map<String, Map<String, String>> mergedAliases = new LinkedHashMap<>();
    aliases.forEach((source, map) -> mergedAliases.put(source, new LinkedHashMap<>(map)));
    user.aliases.forEach(
        (source, map) ->
            mergedAliases.computeIfAbsent(source, s -> new LinkedHashMap<>()).putAll(map));
    return new LogSourceMap(merged, mergedAliases);
  }

  /**
   * Every way an event can belong to {@code logsource} (see the class comment for the selection),
   * in file order; empty when the map does not know it.
   */
  public List<SourceVariant> variants(LogSource logsource) {
    LogSource key =
        new LogSource(
            lower(logsource.category()), lower(logsource.product()), lower(logsource.service()));
    return select(key);
  }

  private List<SourceVariant> select(LogSource rule) {
    List<SourceVariant> exact = new ArrayList<>();
    List<SourceVariant> narrower = new ArrayList<>();
    for (MapEntry entry : entries.values()) {
      if (entry.removes()) {
        continue;
      }
      if (entry.isExactly(rule)) {
        exact.add(entry.variant());
      } else if (entry.narrows(rule)) {
        narrower.add(entry.variant());
      }
    }
    return List.copyOf(exact.isEmpty() ? narrower : exact);
  }

  /**
   * The name that events of {@code source} give to the field called {@code fieldInVariant} in a
   * {@link SourceVariant} (a condition key or a {@code fields} value, both named as in evtx_dump
   * JSON): the source's alias if the map has one (e.g. {@code windows-json}: {@code Computer} →
   * {@code Hostname}), else the name unchanged.
   */
  public String eventField(String source, String fieldInVariant) {
    Map<String, String> map = aliases.get(source);
    return map == null ? fieldInVariant : map.getOrDefault(fieldInVariant, fieldInVariant);
  }

  /** The number of entries, for reports. */
  public int size() {
    return (int) entries.values().stream().filter(e -> !e.removes()).count();
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "LogSourceMap[" + size() + " entries, aliases for " + aliases.keySet() + "]";
  }
}
