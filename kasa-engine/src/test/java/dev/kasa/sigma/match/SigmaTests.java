package dev.kasa.sigma.match;

import dev.kasa.Location.FilePosition;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.SigmaValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds field tests as a rule parser would, for the tests of this package. */
final class SigmaTests {
  private SigmaTests() {}

  static final FilePosition AT = new FilePosition("test.yml", 1, 1);

  static SigmaValue.Text text(String raw) {
    return new SigmaValue.Text(raw, Wildcards.parse(raw));
  }

  static SigmaValue.Number number(String text) {
    return new SigmaValue.Number(text, Double.parseDouble(text));
  }

  /** {@code key} as written in a rule ({@code Field|mod|mod}) with the given values. */
  static FieldTest test(String key, SigmaValue... values) {
    String[] pieces = key.split("\\|", -1);
    List<Modifier> mods = new ArrayList<>();
    for (String m : Arrays.asList(pieces).subList(1, pieces.length)) {
      mods.add(Modifier.fromWritten(m).orElseThrow(() -> new IllegalArgumentException(m)));
    }
    String field = pieces[0].isEmpty() ? null : pieces[0];
    return new FieldTest(field, mods, List.of(values), AT);
  }

  /** {@code key} with text values. */
  static FieldTest test(String key, String... values) {
    return test(key, Arrays.stream(values).map(SigmaTests::text).toArray(SigmaValue[]::new));
  }

  static FieldPredicate compile(String key, String... values) {
    return FieldPredicates.compile(test(key, values), Placeholders.NONE);
  }

  /** Whether {@code p} holds for a field with the single value {@code value}. */
  static boolean holds(FieldPredicate p, String value) {
    return FieldPredicates.test(p, List.of(value), other -> List.of());
  }

  static boolean holds(FieldPredicate p, List<String> values, Map<String, List<String>> others) {
    return FieldPredicates.test(p, values, name -> others.getOrDefault(name, List.of()));
  }
}
