package dev.kasa.sigma.logsource;

import dev.kasa.sigma.rule.LogSource;
import java.util.Objects;

/**
 * One named entry of a logsource map: the logsource it serves and its variant, or no variant when
 * the entry only removes a default of the same name ({@code enabled: false}). Immutable.
 */
record MapEntry(String name, LogSource selector, SourceVariant variant) {
  MapEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(selector, "selector of " + name);
  }

  boolean removes() {
    return variant == null;
  }

  /** Whether a rule's logsource names exactly this entry's attributes and values. */
  boolean isExactly(LogSource rule) {
    return selector.equals(rule);
  }

  /** Whether this entry gives every attribute the rule gives, with the same value. */
  boolean narrows(LogSource rule) {
    return (rule.category() == null || rule.category().equals(selector.category()))
        && (rule.product() == null || rule.product().equals(selector.product()))
        && (rule.service() == null || rule.service().equals(selector.service()));
  }
}
