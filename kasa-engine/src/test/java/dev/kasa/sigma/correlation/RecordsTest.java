package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.EventRef;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static final SigmaCorrelation C = correlation(EVENT_COUNT).build();

  @Test
  void eventRefNamesItsPlaceAndRejectsNegativeLines() {
    assertThat(new EventRef("a.json", 12, 5)).hasToString("a.json:12");
    assertThatThrownBy(() -> new EventRef("a.json", -1, 5))
        .hasMessageContaining("-1")
        .hasMessageContaining("a.json");
  }

  @Test
  void hitKeepsGroupOrderAndRejectsInconsistentValues() {
    Map<String, String> group = new LinkedHashMap<>();
    group.put("z", "1");
    group.put("a", "2");
    CorrelationHit hit = new CorrelationHit(C, group, 1, 2, 3, List.of());
    assertThat(hit.group().keySet()).containsExactly("z", "a");
    group.clear();
    assertThat(hit.group()).hasSize(2);

    assertThatThrownBy(() -> new CorrelationHit(C, Map.of(), 5, 4, 0, List.of()))
        .hasMessageContaining("5")
        .hasMessageContaining("4");
    List<EventRef> many = Collections.nCopies(101, new EventRef("f", 1, 1));
    assertThatThrownBy(() -> new CorrelationHit(C, Map.of(), 1, 1, 0, many))
        .hasMessageContaining("101");
  }
}
