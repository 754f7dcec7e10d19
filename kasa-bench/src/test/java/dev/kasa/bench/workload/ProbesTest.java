package dev.kasa.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.kasa.bench.workload.IntelCatalog.Kind;
import dev.kasa.observable.Observables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbesTest {
  private static final IntelCatalog INTEL = IntelCatalog.generate(5_000, new SplittableRandom(3));
  private static final NaiveMatcher MATCHER = new NaiveMatcher(values());

  private static List<String> values() {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < INTEL.size(); i++) {
      v.add(INTEL.value(i));
    }
    return v;
  }

  @Test
  void everyHitProbeMatchesAndNoMissProbeDoes() {
    for (Kind kind : Kind.values()) {
      for (String p : Probes.hits(INTEL, kind, false, 200, 1)) {
        assertThat(MATCHER.matches(TextNode.valueOf(p))).as(kind + " " + p).isTrue();
      }
      for (String p : Probes.misses(kind, 200, 2)) {
        assertThat(MATCHER.matches(TextNode.valueOf(p))).as(kind + " " + p).isFalse();
        assertThat(Observables.tryNormalize(IntelCatalog.observableType(kind), p)).isPresent();
      }
    }
    for (String p : Probes.hits(INTEL, Kind.DOMAIN, true, 200, 1)) {
      assertThat(p).startsWith("www.");
      assertThat(MATCHER.matches(TextNode.valueOf(p))).as(p).isTrue();
    }
  }

  @Test
  void rangeProbesAreAddressesInsideTheRange() {
    for (String p : Probes.hits(INTEL, Kind.CIDR, false, 100, 4)) {
      assertThat(p).doesNotContain("/");
      assertThat(NaiveMatcher.ipv4(p)).isNotNegative();
    }
  }

  @Test
  void catalogHasTheIssueMixAndEngineRecords() {
    assertThat(INTEL.count(Kind.IPV4)).isBetween(1_300, 1_700);
    assertThat(INTEL.count(Kind.CIDR)).isBetween(350, 650);
    assertThat(INTEL.count(Kind.DOMAIN)).isBetween(1_050, 1_450);
    assertThat(INTEL.count(Kind.URL)).isBetween(600, 900);
    assertThat(INTEL.count(Kind.SHA256)).isBetween(850, 1_150);
    assertThat(INTEL.indicators()).hasSize(5_000);
    assertThat(INTEL.indicator(0).id()).isEqualTo(INTEL.id(0));
  }

  @Test
  void coveredByDomainChecksLabelBoundariesOnly() {
    Set<String> domains = Set.of("evil.example");
    assertThat(IntelCatalog.coveredByDomain("evil.example", domains)).isTrue();
    assertThat(IntelCatalog.coveredByDomain("www.evil.example", domains)).isTrue();
    assertThat(IntelCatalog.coveredByDomain("notevil.example", domains)).isFalse();
    assertThat(IntelCatalog.coveredByDomain("evil.example.org", domains)).isFalse();
  }

  @Test
  void hitsNeedIndicatorsOfTheKind() {
    IntelCatalog empty = IntelCatalog.generate(0, new SplittableRandom(1));
    assertThatThrownBy(() -> Probes.hits(empty, Kind.URL, false, 1, 1)).hasMessageContaining("URL");
  }
}
