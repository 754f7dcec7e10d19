package dev.kasa;

import java.util.Objects;

/**
 * Every problem Kasa reports, each with a stable kebab-case {@link #label()} that reports, logs and
 * tests use, a {@link Category} (which decides the exit status and the HTTP status), and a {@link
 * Severity}. The table of categories, codes and statuses is docs/errors.md.
 */
public enum ErrorCode {
  /** The user asked for something that cannot work: a bad option, a path that does not exist. */
  USAGE("usage", Category.USER_ERROR),
  /**
   * An input could not be read: it does not exist, permission, an I/O error, a damaged gzip stream.
   * Thrown, it ends a command as a usage error; reported for one input of many, the run goes on and
   * is incomplete.
   */
  UNREADABLE_INPUT("unreadable", Category.USER_ERROR),

  /** Input content (an event, a bundle, an indicator) is malformed or violates its spec. */
  INVALID_INPUT("invalid", Category.INVALID_INPUT),
  /** An event record that could not be decoded; the records around it are kept. */
  MALFORMED_RECORD("malformed-record", Category.INVALID_INPUT),
  /** Lists and maps nested deeper than the limit. */
  TOO_DEEP("too-deep", Category.INVALID_INPUT),

  /** A valid STIX pattern that needs the full pattern engine; the indicator is not loaded. */
  PATTERN_PENDING("pattern-pending", Category.INVALID_INPUT),
  /** A valid intelligence record carrying nothing Kasa can match (say, a MISP attribute type). */
  UNSUPPORTED_INTEL("unsupported-intel", Category.INVALID_INPUT),
  /** An indicator that was loaded but deserves a look (a broad range, a TLP taken as RED). */
  INTEL_WARNING("intel-warning", Category.INVALID_INPUT, Severity.WARNING),

  /** Malformed YAML, or too many aliases of lists and maps. */
  YAML_SYNTAX("yaml-syntax", Category.INVALID_INPUT),
  /** A YAML tag outside the core schema. */
  YAML_TAG("yaml-tag", Category.INVALID_INPUT),
  /** A key repeated in one map. */
  DUPLICATE_KEY("duplicate-key", Category.INVALID_INPUT),
  /** A Sigma document that is not a map, or has none (or several) of its kinds' sections. */
  BAD_DOCUMENT("bad-document", Category.INVALID_INPUT),
  /** A rule attribute of the wrong shape. */
  BAD_ATTRIBUTE("bad-attribute", Category.INVALID_INPUT),
  /** A Sigma document without a title. */
  MISSING_TITLE("missing-title", Category.INVALID_INPUT),
  /** A rule or filter without a log source. */
  MISSING_LOGSOURCE("missing-logsource", Category.INVALID_INPUT),
  /** A detection that is not a map. */
  BAD_DETECTION("bad-detection", Category.INVALID_INPUT),
  /** A detection or filter without a condition, or a correlation without any bound. */
  MISSING_CONDITION("missing-condition", Category.INVALID_INPUT),
  /** A search value that cannot be tested: empty, a map where a value belongs, of a wrong type. */
  BAD_VALUE("bad-value", Category.INVALID_INPUT),
  /** A modifier that is not in the Sigma modifiers appendix. */
  UNKNOWN_MODIFIER("unknown-modifier", Category.INVALID_INPUT),
  /** A condition that does not parse or names no search; a percentile outside 0-100. */
  BAD_CONDITION("bad-condition", Category.INVALID_INPUT),
  /** A Sigma 1 aggregation ({@code | count() by}, {@code near}). */
  DEPRECATED_AGGREGATION("deprecated-aggregation", Category.INVALID_INPUT),
  /** A correlation with a bad or missing type, rules, timespan or condition. */
  BAD_CORRELATION("bad-correlation", Category.INVALID_INPUT),
  /** A filter without rules, or whose filter section is not a map. */
  BAD_FILTER("bad-filter", Category.INVALID_INPUT),
  /** An id already used by an earlier document (the first is kept). */
  DUPLICATE_ID("duplicate-id", Category.INVALID_INPUT),
  /** A correlation's rules or aliases name nothing loaded (or a rejected correlation). */
  UNKNOWN_RULE_REFERENCE("unknown-rule-reference", Category.INVALID_INPUT),
  /** Correlations that refer to themselves, directly or through others. */
  CORRELATION_CYCLE("correlation-cycle", Category.INVALID_INPUT),
  /** A correlation that refers to no rules. */
  MISSING_RULES("missing-rules", Category.INVALID_INPUT),
  /** A correlation timespan of zero or less. */
  BAD_TIMESPAN("bad-timespan", Category.INVALID_INPUT),
  /** A {@code value_*} correlation without a field. */
  MISSING_FIELD("missing-field", Category.INVALID_INPUT),
  /** Modifiers that cannot go together. */
  BAD_MODIFIER_COMBINATION("bad-modifier-combination", Category.INVALID_INPUT),
  /** A comparison or time-part modifier on a value that is not a number. */
  BAD_NUMBER("bad-number", Category.INVALID_INPUT),
  /** A regular expression that does not parse. */
  BAD_REGEX("bad-regex", Category.INVALID_INPUT),
  /** A regex construct RE2 cannot run in linear time. */
  UNSUPPORTED_REGEX("unsupported-regex", Category.INVALID_INPUT),
  /** A regex whose compiled program or nesting exceeds the limit. */
  REGEX_TOO_LARGE("regex-too-large", Category.INVALID_INPUT),
  /** A {@code cidr} value that is not a network. */
  BAD_CIDR("bad-cidr", Category.INVALID_INPUT),
  /** Modifiers or placeholders that would expand one value into too many. */
  TOO_MANY_EXPANSIONS("too-many-expansions", Category.INVALID_INPUT),
  /** An {@code expand} placeholder without values: the rule is valid and set aside. */
  UNKNOWN_PLACEHOLDER("unknown-placeholder", Category.INVALID_INPUT, Severity.WARNING),

  /** What was asked for does not exist. */
  NOT_FOUND("not-found", Category.NOT_FOUND),
  /** The caller did not prove who it is. */
  UNAUTHENTICATED("unauthenticated", Category.UNAUTHENTICATED),
  /** The caller may not do this. */
  FORBIDDEN("forbidden", Category.FORBIDDEN),
  /** The request conflicts with the current state. */
  CONFLICT("conflict", Category.CONFLICT),
  /** Input larger than a size limit: a file, a body, a document once its aliases are expanded. */
  TOO_LARGE("too-large", Category.TOO_LARGE),
  /**
   * Input over a configured size, depth or count limit, or needing more than a limit allows to work
   * (a correlation condition above the events a group keeps).
   */
  LIMIT_EXCEEDED("limit-exceeded", Category.TOO_LARGE),
  /** Content of a media type Kasa does not take. */
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Category.UNSUPPORTED_MEDIA),
  /** None of the media types the caller accepts can be given. */
  NOT_ACCEPTABLE("not-acceptable", Category.NOT_ACCEPTABLE),

  /** A resource Kasa depends on failed: an I/O error on an opened file. */
  IO_FAILURE("io-failure", Category.UNAVAILABLE),
  /** Output could not be written: a full disk, a closed pipe. */
  WRITE_FAILED("write-failed", Category.UNAVAILABLE),

  /** A bug in Kasa. */
  INTERNAL("internal-error", Category.INTERNAL);

  /**
   * Broad classes of failure, each mapped to one exit status and one HTTP status here and nowhere
   * else. The exit status is the one a command ends with when a problem of the category ends it (a
   * problem that is reported and skipped leaves the exit status to the command).
   */
  public enum Category {
    /** The request itself is wrong. */
    USER_ERROR(2, 400),
    /** Content is malformed or violates its specification; the run is incomplete. */
    INVALID_INPUT(3, 400),
    NOT_FOUND(2, 404),
    UNAUTHENTICATED(2, 401),
    FORBIDDEN(2, 403),
    CONFLICT(2, 409),
    /** Input over a size, depth or count limit; the run is incomplete. */
    TOO_LARGE(3, 413),
    UNSUPPORTED_MEDIA(2, 415),
    NOT_ACCEPTABLE(2, 406),
    /** Something to read or write failed; the run is incomplete. */
    UNAVAILABLE(3, 503),
    /** A bug. */
    INTERNAL(4, 500);

    private final int exitStatus;
    private final int httpStatus;

    Category(int exitStatus, int httpStatus) {
      this.exitStatus = exitStatus;
      this.httpStatus = httpStatus;
    }

    /** The exit status of a command that a problem of this category ends. */
    public int exitStatus() {
      return exitStatus;
    }

    /** The HTTP status of a response that a problem of this category ends. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  /**
   * Whether what the problem concerns was refused ({@link #ERROR}) or taken, with something that
   * deserves a look ({@link #WARNING}).
   */
  public enum Severity {
    ERROR,
    WARNING
  }

  private final String label;
  private final Category category;
  private final Severity severity;

  ErrorCode(String label, Category category) {
    this(label, category, Severity.ERROR);
  }

  ErrorCode(String label, Category category, Severity severity) {
    this.label = Objects.requireNonNull(label);
    this.category = Objects.requireNonNull(category);
    this.severity = Objects.requireNonNull(severity);
  }

  /** The stable kebab-case name reports print, e.g. {@code bad-condition}. */
  public String label() {
    return label;
  }

  public Category category() {
    return category;
  }

  public Severity severity() {
    return severity;
  }
}
