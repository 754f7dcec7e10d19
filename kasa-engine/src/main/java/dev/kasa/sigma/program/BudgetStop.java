package dev.kasa.sigma.program;

import dev.kasa.sigma.rule.RuleInfo;
import java.util.Objects;

/**
 * A rule whose regex tests were not run on some values because they would have cost more than
 * {@link SigmaProgram#REGEX_BUDGET}; those tests counted as not matching. Names the first value
 * stopped.
 *
 * @param test the test stopped, e.g. {@code re:(.*a){1000}}
 * @param input the input of the first value stopped, as the scan names it
 * @param line the 1-based line where that value's record starts
 * @param field the field the value came from
 * @param chars the value's length in chars
 * @param instructions the test's compiled size: its cost is instructions × chars
 * @param values how many values were stopped for this rule in all
 */
public record BudgetStop(
    RuleInfo rule,
    String test,
    String input,
    long line,
    String field,
    long chars,
    long instructions,
    long values) {
  public BudgetStop {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(field, "field");
    if (values < 1) {
      throw new IllegalArgumentException("values " + values + " is not positive");
    }
    if ((double) chars * instructions <= SigmaProgram.REGEX_BUDGET) {
      throw new IllegalArgumentException(
          chars + " chars × " + instructions + " instructions is within the budget");
    }
  }
}
