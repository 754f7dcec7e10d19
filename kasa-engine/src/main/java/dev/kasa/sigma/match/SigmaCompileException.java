package dev.kasa.sigma.match;

import java.util.Objects;

/**
 * A field test that cannot be compiled: {@code reason} is a stable kebab-case code ({@code
 * unsupported-regex}, {@code bad-regex}, {@code regex-too-large}, {@code bad-cidr}, {@code
 * bad-number}, {@code bad-modifier-combination}, {@code unknown-placeholder}, {@code
 * too-many-expansions}, …), the message names the bad value. The caller adds the rule and position.
 */
public final class SigmaCompileException extends RuntimeException {
  private final String reason;

  public SigmaCompileException(String reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String reason() {
    return reason;
  }
}
