package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rule texts however they are cut and named: never an exception, ids unique in the result (the
 * first kept), every kept correlation resolving to kept documents, one count per text.
 */
class RuleSetFromTextsProperties {
  private static final List<String> IDS = List.of("a", "b", "c", "d");

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> id = Arbitraries.of(IDS);
    Arbitrary<String> rule = id.map(RuleSetFromTextsTest::rule);
    Arbitrary<String> correlation =
        Combinators.combine(id, id.list().ofMinSize(1).ofMaxSize(3))
            .as((c, refs) -> RuleSetFromTextsTest.correlation(c, refs.toArray(String[]::new)));
    Arbitrary<String> junk =
        Arbitraries.of("title: [\n", "", "- a\n- b\n", "title: t\nid: a\n", ": :\n");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, rule),
        net.jqwik.api.Tuple.of(3, correlation),
        net.jqwik.api.Tuple.of(1, junk),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
  }

  @Provide
  Arbitrary<List<NamedText>> texts() {
    Arbitrary<String> text = documents().list().ofMaxSize(4).map(d -> String.join("---\n", d));
    return text.list()
        .ofMaxSize(6)
        .map(
            list -> {
              List<NamedText> out = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                out.add(new NamedText("t" + i, list.get(i)));
              }
              return out;
            });
  }

  @Property(tries = 400)
  void anyCutOfTextsGivesAConsistentRuleSet(@ForAll("texts") List<NamedText> texts) {
    RuleSet set = RuleSet.fromTexts(texts);
    assertThat(set.files()).isEqualTo(texts.size());
    Set<String> kept = new HashSet<>();
    for (SigmaRule r : set.rules()) {
      assertThat(r.info().id() == null || kept.add(r.info().id())).isTrue();
    }
    for (SigmaCorrelation c : set.correlations()) {
      assertThat(c.info().id() == null || kept.add(c.info().id())).isTrue();
    }
    for (SigmaCorrelation c : set.correlations()) {
      assertThat(kept).containsAll(c.rules());
    }
    assertThat(set.problems())
        .allSatisfy(p -> assertThat(p.code()).isNotEqualTo(ErrorCode.INTERNAL));
  }
}
