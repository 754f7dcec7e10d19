package dev.kasa.node.ingest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated JSON objects for the syslog property tests: members of the given keys and values, the
 * given blanks around them, arrays and objects nested to a depth; a scalar is {@code scalarWeight}
 * times as likely as an array or an object.
 */
record JsonTexts(
    Arbitrary<String> keys, Arbitrary<String> blanks, Arbitrary<String> scalars, int scalarWeight) {

  Arbitrary<String> object(int depth) {
    Arbitrary<String> member =
        Combinators.combine(blanks, keys, blanks, value(depth), blanks)
            .as((w1, k, w2, v, w3) -> w1 + k + w2 + ":" + v + w3);
    return member.list().ofMaxSize(4).map(m -> "{" + String.join(",", m) + "}");
  }

  private Arbitrary<String> value(int depth) {
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> array =
        Arbitraries.lazy(() -> value(depth - 1))
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.frequencyOf(
        Tuple.of(scalarWeight, scalars),
        Tuple.of(1, array),
        Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
  }
}
