package dev.kasa;

/**
 * Every error Kasa reports, grouped by category. Front ends map the category to an exit status or
 * an HTTP status; the code itself names the problem for logs and tests.
 */
public enum ErrorCode {
  /** The user asked for something that cannot work: a bad option, a missing file. */
  USAGE(Category.USER_ERROR),
  /** A path given by the user does not exist or cannot be read. */
  UNREADABLE_INPUT(Category.USER_ERROR),
  /**
   * Input content (an event, a bundle, an indicator) is malformed or violates its specification.
   */
  INVALID_INPUT(Category.INVALID_INPUT),
  /** Input exceeds a configured size, depth or count limit. */
  LIMIT_EXCEEDED(Category.INVALID_INPUT),
  /** A resource Kasa depends on failed: an I/O error on an opened file. */
  IO_FAILURE(Category.UNAVAILABLE),
  /** A bug in Kasa. */
  INTERNAL(Category.INTERNAL);

  /** Broad classes of failure; each maps to one exit status and one HTTP status class. */
  public enum Category {
    USER_ERROR,
    INVALID_INPUT,
    UNAVAILABLE,
    INTERNAL
  }

  private final Category category;

  ErrorCode(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }
}
