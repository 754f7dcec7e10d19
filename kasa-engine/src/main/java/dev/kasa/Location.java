package dev.kasa;

import java.util.Objects;

/**
 * Where a {@link Problem} is: a position in a file, a JSON path, a STIX object, an event, a rule,
 * or nowhere in particular. Each renders ({@link #toString()}) the way reports print it. Immutable.
 */
public sealed interface Location {
  /** No location: the problem concerns the whole run. */
  Location NOWHERE = new Nowhere();

  /**
   * A position in a text file: {@code file}, {@code file:line} or {@code file:line:column}.
   *
   * @param file the file as given by the caller ({@code -} for standard input)
   * @param line the 1-based line, 0 when unknown
   * @param column the 1-based column, 0 when unknown
   */
  record FilePosition(String file, long line, int column) implements Location {
    public FilePosition {
      Objects.requireNonNull(file, "file");
      if (line < 0 || column < 0) {
        throw new IllegalArgumentException(
            "negative position " + line + ":" + column + " in " + file);
      }
    }

    /** The whole file. */
    public static FilePosition of(String file) {
      return new FilePosition(file, 0, 0);
    }

    @Override
    public String toString() {
      return line == 0 ? file : column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
  }

  /**
   * A value inside a JSON document: {@code file#path}, or {@code file} when the path is empty.
   *
   * @param jsonPath e.g. {@code Event.Attribute[3].value}; empty for the whole document
   */
  record JsonLocation(String file, String jsonPath) implements Location {
    public JsonLocation {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(jsonPath, "jsonPath");
    }

    @Override
    public String toString() {
      return jsonPath.isEmpty() ? file : file + "#" + jsonPath;
    }
  }

  /**
   * A STIX object, or a property of one: {@code file#objects[3].pattern}; without a path, {@code
   * file#indicator--…}; without a file, the path and the id ({@code objects[3].pattern
   * (indicator--…)}).
   *
   * @param file the input holding the object, or null when the caller names it
   * @param stixId the object's id, or null when it has none (or it could not be read)
   * @param jsonPath the path of the object or of its bad property, or null
   */
  record StixLocation(String file, String stixId, String jsonPath) implements Location {
    public StixLocation {
      if (stixId == null && jsonPath == null) {
        throw new IllegalArgumentException("a STIX location needs an id or a path, in " + file);
      }
    }

    /** This location in {@code input}. */
    public StixLocation in(String input) {
      return new StixLocation(input, stixId, jsonPath);
    }

    @Override
    public String toString() {
      if (file == null) {
        return jsonPath == null
            ? stixId
            : stixId == null ? jsonPath : jsonPath + " (" + stixId + ")";
      }
      return file + "#" + (jsonPath == null ? stixId : jsonPath);
    }
  }

  /** An event: {@code source:sequence}. */
  record EventLocation(EventRef event) implements Location {
    public EventLocation {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String toString() {
      return event.toString();
    }
  }

  /**
   * A place in a rule file, and the rule it belongs to: {@code file:line:column: rule LABEL}.
   *
   * @param rule the rule's label (its id, else its title)
   */
  record RuleLocation(FilePosition position, String rule) implements Location {
    public RuleLocation {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
      return position + ": rule " + rule;
    }
  }

  /** No location; renders as the empty string. */
  record Nowhere() implements Location {
    @Override
    public String toString() {
      return "";
    }
  }

  /** {@code position} in the rule labelled {@code rule}, or {@code position} alone when null. */
  static Location inRule(FilePosition position, String rule) {
    return rule == null ? position : new RuleLocation(position, rule);
  }
}
