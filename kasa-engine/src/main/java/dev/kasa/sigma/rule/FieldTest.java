package dev.kasa.sigma.rule;

import dev.kasa.Location.FilePosition;
import java.util.List;
import java.util.Objects;

/**
 * One {@code field|mod|mod: value(s)} entry. Values are joined by OR, or by AND when {@link
 * Modifier#ALL} is among the modifiers. Modifiers keep their written order, which matters for
 * transformations ({@code wide|base64offset|contains} encodes, then searches). Immutable.
 *
 * @param field the field name as written in the rule, or null for a keyword search
 * @param modifiers in written order
 * @param values at least one; an empty YAML list is reported by the parser
 * @param position the position of the key (or of the keyword list)
 */
public record FieldTest(
    String field, List<Modifier> modifiers, List<SigmaValue> values, FilePosition position) {
  public FieldTest {
    modifiers = List.copyOf(modifiers);
    values = List.copyOf(values);
    Objects.requireNonNull(position, "position");
  }

  public boolean has(Modifier m) {
    return modifiers.contains(m);
  }
}
