package dev.kasa.node.sharing;

import java.util.Objects;

/**
 * Whether something may go to a recipient, and the rule that decided (for audit and tests).
 *
 * @param rule a stable name, e.g. {@code no-read-grant}
 */
public record Decision(boolean allowed, String rule) {
  public Decision {
    Objects.requireNonNull(rule, "rule");
  }

  static Decision allow(String rule) {
    return new Decision(true, rule);
  }

  static Decision deny(String rule) {
    return new Decision(false, rule);
  }
}
