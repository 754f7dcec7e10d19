package dev.kasa.event;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field maps for every source, as sections of a simple text format (see {@code
 * docs/field-maps.md}):
 *
 * <pre>
 * [zeek:http]          # source: a format name, or zeek:LOGTYPE
 * host = DOMAIN        # path = ROLE (IP DOMAIN URL EMAIL MD5 SHA1 SHA256 SHA512 HASHES TIME)
 * host+uri = URL       # URL composition pair
 * uri = NONE           # removes an entry inherited from the defaults
 * &#64;generic = true      # apply the generic rules to unmapped fields
 * </pre>
 *
 * <p>The Zeek map of log type T is section {@code zeek} plus section {@code zeek:T}; when the type
 * is unknown it is {@code zeek} plus every {@code zeek:*} section (the keys present decide).
 * Immutable and thread-safe.
 */
public final class FieldMaps {
  private static final String DEFAULTS = "field-maps.txt";
  private static final String NONE = "NONE";

  /** Per source: path (or {@code a+b} pair, or {@code @generic}) to role name or NONE. */
  private final Map<String, Map<String, String>> sections;

  /**
   * Every map a source can get, resolved once: one per section, one for Zeek inputs of a type
   * without a section, one for other sources without a section. Source names come from the input (a
   * Zeek header's {@code #path}), so they are never keys here: this stays bounded by the sections.
   */
  private final Map<String, FieldMap> resolved;

  private final FieldMap zeekUnknown;
  private final FieldMap generic;

  private FieldMaps(Map<String, Map<String, String>> sections) {
    this.sections = sections;
    Map<String, FieldMap> maps = new LinkedHashMap<>();
    for (String source : sections.keySet()) {
      maps.put(source, resolve(source));
    }
    this.resolved = Map.copyOf(maps);
    this.zeekUnknown = resolve("zeek");
    this.generic = resolve(GENERIC);
  }

  /** Not a section name (they are lower-cased and trimmed): sources without a section. */
  private static final String GENERIC = "\u0000generic";

  /** The built-in maps, from the {@code field-maps.txt} resource next to this class. */
  public static FieldMaps defaults() {
    try (InputStream in = FieldMaps.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new KasaException(ErrorCode.INTERNAL, "resource " + DEFAULTS + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS);
    } catch (IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot read resource " + DEFAULTS, e);
    }
  }

  /**
   * Reads a user field map file (same format as the defaults); combine it with {@code
   * defaults().overriddenBy(load(file))}.
   *
   * @throws KasaException UNREADABLE_INPUT if the file cannot be read, INVALID_INPUT naming
   *     file:line if a line is wrong
   */
  public static FieldMaps load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT, "cannot read field map " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses field map text; {@code origin} names it in error messages. */
  public static FieldMaps parse(String text, String origin) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      // '#' starts a comment at the start of a line or after a blank: paths may contain '#'.
      line = line.strip();
      int hash = line.startsWith("#") ? 0 : Math.max(line.indexOf(" #"), line.indexOf("\t#"));
      if (hash >= 0) {
        line = line.substring(0, hash).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      String where = origin + ":" + (i + 1);
      if (line.startsWith("[") && line.endsWith("]")) {
        String source = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        if (source.isEmpty()) {
          throw bad(where, "empty section name");
        }
        current = sections.computeIfAbsent(source, k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq <= 0) {
        throw bad(where, "expected [source] or path = ROLE, found '" + line + "'");
      }
      String path = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (path.equals("@generic")) {
        if (!value.equals("true") && !value.equals("false")) {
          throw bad(where, "@generic must be true or false, found '" + value + "'");
        }
      } else if (ContextMap.isEntry(path)) {
        value = checkContext(where, path, value);
      } else {
        value = value.toUpperCase(Locale.ROOT);
        checkEntry(where, path, value);
      }
      current.put(path, value);
    }
    return new FieldMaps(sections);
  }

  private static void checkEntry(String where, String path, String role) {
    if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains(" ")) {
      throw bad(where, "bad field path '" + path + "'");
    }
    int plus = path.indexOf('+');
    if (plus >= 0) {
      if (plus == 0 || plus == path.length() - 1 || path.indexOf('+', plus + 1) >= 0) {
        throw bad(where, "a URL pair is written host+uri, found '" + path + "'");
      }
      if (!role.equals("URL") && !role.equals(NONE)) {
        throw bad(where, "a pair '" + path + "' can only be URL or NONE, found '" + role + "'");
      }
      return;
    }
    if (role.equals(NONE)) {
      return;
    }
    try {
      Role.valueOf(role);
    } catch (IllegalArgumentException e) {
      throw bad(where, "unknown role '" + role + "' for '" + path + "'");
    }
  }

  /** A context entry's value: NONE, or candidate paths separated by commas (first found wins). */
  private static String checkContext(String where, String name, String value) {
    if (value.equalsIgnoreCase(NONE)) {
      return NONE;
    }
    if (name.indexOf(' ') >= 0) {
      throw bad(where, "bad context name '" + name + "'");
    }
    for (String path : value.split(",", -1)) {
      String p = path.strip();
      if (p.isEmpty() || p.startsWith(".") || p.endsWith(".") || p.contains(" ")) {
        throw bad(where, "bad field path '" + p + "' for " + name);
      }
    }
    return value;
  }

  private static KasaException bad(String where, String message) {
    return new KasaException(ErrorCode.INVALID_INPUT, where + ": " + message);
  }

  /** These maps with the sections of {@code overrides} added, entry by entry. */
  public FieldMaps overriddenBy(FieldMaps overrides) {
    Map<String, Map<String, String>> merged = new LinkedHashMap<>();
    sections.forEach((k, v) -> merged.put(k, new LinkedHashMap<>(v)));
    overrides.sections.forEach(
        (k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
    return new FieldMaps(merged);
  }

  /** Source names that have a section, sorted. */
  public Set<String> sources() {
    return Collections.unmodifiableSet(new TreeSet<>(sections.keySet()));
  }

  /** The Zeek log types with a {@code zeek:TYPE} section. */
  public Set<String> zeekLogTypes() {
    Set<String> types = new TreeSet<>();
    for (String s : sections.keySet()) {
      if (s.startsWith("zeek:")) {
        types.add(s.substring(5));
      }
    }
    return types;
  }

  /**
   * The map for {@code source}: a format name ({@code ndjson}, {@code eve}, …), {@code zeek:TYPE}
   * or {@code zeek} (type unknown). A source without a section gets the generic rules only.
   */
  public FieldMap forSource(String source) {
    String key = source.toLowerCase(Locale.ROOT);
    FieldMap map = resolved.get(key);
    if (map != null) {
      return map;
    }
    return key.equals("zeek") || key.startsWith("zeek:") ? zeekUnknown : generic;
  }

  private FieldMap resolve(String source) {
    List<Map<String, String>> layers = new ArrayList<>();
    if (source.equals("zeek") || source.startsWith("zeek:")) {
      layers.add(sections.getOrDefault("zeek", Map.of()));
      if (source.equals("zeek") || !sections.containsKey(source)) {
        for (var e : sections.entrySet()) {
          if (e.getKey().startsWith("zeek:")) {
            layers.add(e.getValue());
          }
        }
      } else {
        layers.add(sections.get(source));
      }
    } else if (sections.containsKey(source)) {
      layers.add(sections.get(source));
    } else {
      layers.add(Map.of("@generic", "true"));
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    Map<String, List<String>> context = new LinkedHashMap<>();
    Set<String> pairs = new LinkedHashSet<>();
    boolean generic = false;
    for (Map<String, String> layer : layers) {
      for (var e : layer.entrySet()) {
        String path = e.getKey();
        String value = e.getValue();
        if (path.equals("@generic")) {
          generic |= value.equals("true");
        } else if (ContextMap.isEntry(path)) {
          if (value.equals(NONE)) {
            context.remove(path);
          } else {
            context.put(
                path, java.util.Arrays.stream(value.split(",")).map(String::strip).toList());
          }
        } else if (path.indexOf('+') >= 0) {
          if (value.equals(NONE)) {
            pairs.remove(path);
          } else {
            pairs.add(path);
          }
        } else if (value.equals(NONE)) {
          roles.remove(path);
        } else {
          roles.put(path, Role.valueOf(value));
        }
      }
    }
    return new FieldMap(roles, new ArrayList<>(pairs), generic, new ContextMap(context));
  }
}
