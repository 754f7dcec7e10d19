package dev.kasa.sigma.program;

import dev.kasa.sigma.rule.RuleInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event matched by one detection rule. Immutable.
 *
 * @param rule the rule
 * @param techniques the ATT&amp;CK technique ids among the rule's tags ({@code T1059.001})
 * @param line the 1-based line where the event starts
 * @param timeMillis the event time (epoch ms) or {@code DecodedRecord.NO_TIME}
 * @param fields the event fields whose values satisfied the rule, as (field, value) in rule order
 * @param context field values the rule's correlations group or aggregate by (field → first value)
 * @param keywords the keywords (a rule's value lists without a field) found in the event, as the
 *     rule writes them (case-folded unless the rule asks for case), in rule order
 */
public record SigmaMatch(
    RuleInfo rule,
    List<String> techniques,
    long line,
    long timeMillis,
    List<Field> fields,
    Map<String, String> context,
    List<String> keywords) {
  public SigmaMatch {
    Objects.requireNonNull(rule, "rule");
    keywords = List.copyOf(keywords);
    techniques = List.copyOf(techniques);
    fields = List.copyOf(fields);
    context = Map.copyOf(context);
  }

  /** A match of a rule without keywords. */
  public SigmaMatch(
      RuleInfo rule,
      List<String> techniques,
      long line,
      long timeMillis,
      List<Field> fields,
      Map<String, String> context) {
    this(rule, techniques, line, timeMillis, fields, context, List.of());
  }

  /** An event field and the value that matched. */
  public record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
