package dev.kasa.sigma.rule;

import java.util.Objects;

/**
 * Why a Sigma document (or part of one) was rejected: where, which document, a stable reason code
 * for per-reason reports, and a sentence naming the bad construct. Immutable.
 *
 * @param position where the problem is (file:line:column)
 * @param rule the document's {@link RuleInfo#label()}, or null when it could not be read
 * @param reason a stable kebab-case code, e.g. {@code unknown-modifier}, {@code bad-condition},
 *     {@code unsupported-regex}, {@code yaml-syntax}
 * @param message what is wrong, naming the value
 */
public record RuleProblem(SourcePosition position, String rule, String reason, String message) {
  public RuleProblem {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return position
        + ": "
        + (rule == null ? "" : "rule " + rule + ": ")
        + message
        + " ["
        + reason
        + "]";
  }
}
