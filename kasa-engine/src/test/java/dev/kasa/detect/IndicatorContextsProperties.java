package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.Attribution;
import dev.kasa.intel.Origin;
import dev.kasa.intel.PortConstraint;
import dev.kasa.intel.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The context numbers that {@link IndicatorContexts} hands out, with its caches by identity, are
 * those of a plain map by value: the first context seen is 0, an equal one (the same instances or
 * equal copies) gets the same number, and each number gives back equal parts. The parts come from
 * pools whose combinations outnumber the cache's slots, each value as two instances, so that slots
 * are shared.
 */
class IndicatorContextsProperties {
  private static final int ATTRIBUTIONS = 8;
  private static final int PROVENANCES = 8;
  private static final int ORIGINS = 8;
  private static final int PORTS = 3; // none, and two constraints

  // [value][copy]: two equal instances of each value, made anew for each try so that their
  // identity hashes, and so the cache slots they share, differ between tries.
  private final Attribution[][] attributionPool = new Attribution[ATTRIBUTIONS][2];
  private final Provenance[][] provenancePool = new Provenance[PROVENANCES][2];
  private final Origin[][] originPool = new Origin[ORIGINS][2];
  private final PortConstraint[][] portPool = new PortConstraint[PORTS][2];

  private void fillPools() {
    for (int c = 0; c < 2; c++) {
      for (int v = 0; v < ATTRIBUTIONS; v++) {
        attributionPool[v][c] =
            v == 0
                ? Attribution.NONE
                : new Attribution(
                    List.of(), List.of("campaign " + v), List.of(), List.of("T" + (1000 + v)));
      }
      for (int v = 0; v < PROVENANCES; v++) {
        provenancePool[v][c] =
            new Provenance(
                "bundle " + v % 3,
                "producer",
                "name " + v,
                List.of("report " + v),
                List.of(),
                null);
      }
      for (int v = 0; v < ORIGINS; v++) {
        originPool[v][c] = Origin.file("intel-" + v + ".json");
      }
      portPool[1][c] = new PortConstraint(PortConstraint.Side.DESTINATION, 443);
      portPool[2][c] = new PortConstraint(PortConstraint.Side.SOURCE, 53);
    }
  }

  private record Parts(Attribution a, Origin o, Provenance p, PortConstraint port) {}

  @Property(tries = 200)
  void numbersAreThoseOfAMapByValue(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4000) int count,
      @ForAll @IntRange(min = 0, max = 100) int portPercent) {
    fillPools();
    var contexts = new IndicatorContexts();
    Map<Parts, Integer> byValue = new HashMap<>();
    List<Parts> numbered = new ArrayList<>();
    // Uniform picks (a generated list leans towards small numbers): every combination comes up.
    var random = new Random(seed);
    for (int n = 0; n < count; n++) {
      int pick = random.nextInt(2 * ATTRIBUTIONS * PROVENANCES * ORIGINS * PORTS);
      int copy = pick & 1;
      int x = pick >>> 1;
      int a = x % ATTRIBUTIONS;
      x /= ATTRIBUTIONS;
      int p = x % PROVENANCES;
      x /= PROVENANCES;
      int o = x % ORIGINS;
      x /= ORIGINS;
      // Mostly no port, as in a load; portPercent of the picks keep theirs.
      int port = Math.floorMod(pick * 31, 100) < portPercent ? x % PORTS : 0;
      var parts =
          new Parts(
              attributionPool[a][copy],
              originPool[o][copy],
              provenancePool[p][copy],
              portPool[port][copy]);
      Integer expected = byValue.get(parts);
      if (expected == null) {
        expected = numbered.size();
        byValue.put(parts, expected);
        numbered.add(parts);
      }
      assertThat(contexts.idOf(parts.a(), parts.o(), parts.p(), parts.port())).isEqualTo(expected);
    }
    assertThat(contexts.size()).isEqualTo(numbered.size());
    for (int id = 0; id < numbered.size(); id++) {
      IndicatorContexts.Context c = contexts.context(id);
      assertThat(new Parts(c.attribution(), c.origin(), c.provenance(), c.port()))
          .isEqualTo(numbered.get(id));
    }
  }
}
