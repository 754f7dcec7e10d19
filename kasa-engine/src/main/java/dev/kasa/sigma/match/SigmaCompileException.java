package dev.kasa.sigma.match;

import java.util.Objects;

/**
 * A field test that cannot be compiled: {@code reason} is a stable kebab-case code ({@code
 * unsupported-regex}, {@code bad-regex}, {@code regex-too-large}, {@code bad-cidr}, {@code
 * bad-number}, {@code bad-modifier-combination}, {@code unknown-placeholder}, {@code
 * too-many-expansions}, …), the message names the bad value. The caller adds the rule and position.
 */
public final class SigmaCompileException extends RuntimeException {
  /**
   * The reason of an {@code expand} placeholder that has no values: the rule is valid and waits for
   * them rather than being wrong.
   */
  public static final String UNKNOWN_PLACEHOLDER = "unknown-placeholder";

  private final String reason;

  public SigmaCompileException(String reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String reason() {
    return reason;
  }
}
