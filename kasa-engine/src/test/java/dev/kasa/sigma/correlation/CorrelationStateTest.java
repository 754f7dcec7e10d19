package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kasa.EventRef;
import dev.kasa.sigma.correlation.CorrelationEngine.Limits;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Correlations that never finish: windows closed by an event-time watermark with no end of input,
 * state kept across a rule reload for correlations whose content did not change, and one memory cap
 * over all correlations.
 */
class CorrelationStateTest {
  private static final long SPAN = min(10);

  /** Fewer than two logons of a user in ten minutes: fires only when a window closes. */
  private static SigmaCorrelation rare() {
    return correlation(EVENT_COUNT)
        .id("rare")
        .rules("base")
        .groupBy("User")
        .condition(lt(2))
        .build();
  }

  /** Three logons of a user in ten minutes: fires on the third. */
  private static SigmaCorrelation three(Duration span) {
    return correlation(EVENT_COUNT)
        .id("three")
        .rules("base")
        .groupBy("User")
        .timespan(span)
        .condition(gte(3))
        .build();
  }

  private static Correlations compile(SigmaCorrelation... cs) {
    return Correlations.compile(List.of(cs), Limits.defaults());
  }

  private static final class Hits implements CorrelationSink {
    final List<CorrelationHit> hits = new ArrayList<>();
    private long line;

    @Override
    public void hit(CorrelationHit hit) {
      hits.add(hit);
    }

    void match(CorrelationState state, String rule, long time, String user) {
      Map<String, String> fields = Map.of("User", user);
      state.onMatch(rule, null, new EventRef("stream", ++line, time), fields::get, this);
    }
  }

  @Test
  void aWatermarkClosesWindowsOfAStreamThatNeverEnds() {
    CorrelationState state = new CorrelationState(compile(rare()));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    state.advance(1_000 + SPAN, sink);
    assertThat(sink.hits)
        .as("within one timespan of grace for late events the window stays open")
        .isEmpty();

    state.advance(1_000 + 2 * SPAN + 1, sink);
    assertThat(sink.hits)
        .as("the watermark passed the window and its grace: it closes and fires, no finish()")
        .singleElement()
        .satisfies(h -> assertThat(h.group()).containsEntry("User", "alice"));
    assertThat(state.stats().groupsLive()).isZero();
    assertThat(state.watermark()).isEqualTo(1_000 + 2 * SPAN + 1);

    state.advance(1_000, sink);
    assertThat(state.watermark())
        .as("the watermark never goes back")
        .isEqualTo(1_000 + 2 * SPAN + 1);
    state.advance(EventRef.NO_TIME, sink);
    assertThat(state.watermark()).isEqualTo(1_000 + 2 * SPAN + 1);
  }

  @Test
  void withoutAWatermarkAnOpenWindowWaitsForTheEndOfInput() {
    CorrelationState state = new CorrelationState(compile(rare()));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    assertThat(sink.hits).isEmpty();
    assertThat(state.stats().groupsLive()).isEqualTo(1);
    state.finish(sink);
    assertThat(sink.hits).hasSize(1);
  }

  @Test
  void anUnchangedCorrelationKeepsItsWindowsAcrossAReload() {
    CorrelationState state = new CorrelationState(compile(three(Duration.ofMinutes(10))));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    sink.match(state, "base", 2_000, "alice");

    // Parsed again (a new object, as a reload gives), same content: the state moves over.
    Correlations reloaded = compile(three(Duration.ofMinutes(10)), rare());
    state.rebase(reloaded);
    assertThat(state.correlations()).isSameAs(reloaded);
    sink.match(state, "base", 3_000, "alice");

    assertThat(sink.hits)
        .as("two matches before the reload and one after make three")
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.correlation().info().id()).isEqualTo("three");
              assertThat(h.value()).isEqualTo(3);
              assertThat(h.events()).extracting(EventRef::sequence).containsExactly(1L, 2L, 3L);
            });
    assertThat(state.stats().groupsDroppedOnReload()).isZero();
  }

  @Test
  void aChangedCorrelationStartsAfreshAndItsDroppedStateIsCounted() {
    CorrelationState state = new CorrelationState(compile(three(Duration.ofMinutes(10))));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    sink.match(state, "base", 2_000, "bob");
    sink.match(state, "base", 2_500, "alice");

    state.rebase(compile(three(Duration.ofMinutes(20))));
    sink.match(state, "base", 3_000, "alice");

    assertThat(sink.hits)
        .as("the new timespan is a new correlation: its count starts at one")
        .isEmpty();
    assertThat(state.stats().groupsDroppedOnReload())
        .as("alice's and bob's groups of the old correlation")
        .isEqualTo(2);
    assertThat(state.stats().groupsLive()).isEqualTo(1);
    assertThat(state.stats().held()).as("one group holding one match").isEqualTo(2);
  }

  @Test
  void aRemovedCorrelationsStateIsDroppedWithoutFiring() {
    CorrelationState state = new CorrelationState(compile(rare()));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    state.rebase(Correlations.none());
    state.finish(sink);
    assertThat(sink.hits).isEmpty();
    assertThat(state.stats().groupsDroppedOnReload()).isEqualTo(1);
    assertThat(state.stats().held()).isZero();
  }

  @Test
  void theWatermarkSurvivesAReload() {
    CorrelationState state = new CorrelationState(compile(rare()));
    Hits sink = new Hits();
    sink.match(state, "base", 1_000, "alice");
    state.rebase(compile(rare(), three(Duration.ofMinutes(10))));
    assertThat(state.watermark()).isEqualTo(1_000);
    state.advance(1_000 + 2 * SPAN + 1, sink);
    assertThat(sink.hits).as("alice's window, kept across the reload, closes").hasSize(1);
  }

  @Test
  void oneCapBoundsWhatAllCorrelationsHoldTogetherAndItsEvictionsAreReported() {
    SigmaCorrelation rareByHost =
        correlation(EVENT_COUNT)
            .id("rare-host")
            .rules("base")
            .groupBy("User")
            .condition(lt(2))
            .build();
    // Per correlation up to 1,000 groups; all together at most 40 groups plus matches.
    Limits limits = new Limits(1_000, 5, 40);
    CorrelationState state =
        new CorrelationState(Correlations.compile(List.of(rare(), rareByHost), limits));
    Hits sink = new Hits();
    for (int i = 0; i < 100; i++) {
      sink.match(state, "base", 1_000 + i, "u" + i);
      assertThat(state.stats().held()).isLessThanOrEqualTo(40);
    }
    // Each user is a group of one match (2 held) in each of the two correlations.
    assertThat(state.stats().groupsLive()).isEqualTo(20);
    List<CorrelationEngine.Eviction> evictions = state.evictions();
    assertThat(evictions).hasSize(2);
    assertThat(evictions.stream().mapToLong(CorrelationEngine.Eviction::groupsAtCap).sum())
        .as("200 groups were opened, 20 are live")
        .isEqualTo(180);
    assertThat(evictions.stream().mapToLong(CorrelationEngine.Eviction::groups).sum())
        .as("no correlation reached its own group limit")
        .isZero();
    assertThat(evictions.stream().mapToLong(CorrelationEngine.Eviction::firedAtCap).sum())
        .as("each evicted window held one logon, fewer than two: it fires, marked evicted")
        .isEqualTo(180);
    assertThat(sink.hits).hasSize(180).allMatch(CorrelationHit::evicted);
  }

  @Test
  void theCapEvictsTheGroupUpdatedLongestAgoAcrossCorrelations() {
    SigmaCorrelation other =
        correlation(EVENT_COUNT).id("other").rules("x").groupBy("User").condition(gte(4)).build();
    Limits limits = new Limits(1_000, 5, 6);
    CorrelationState state =
        new CorrelationState(
            Correlations.compile(List.of(three(Duration.ofMinutes(10)), other), limits));
    Hits sink = new Hits();
    sink.match(state, "x", 1_000, "old"); // "other" holds 2
    sink.match(state, "base", 2_000, "a"); // "three" holds 2
    sink.match(state, "base", 3_000, "b"); // "three" holds 4: 6 in all
    sink.match(state, "base", 4_000, "c"); // 8 > 6: "old", updated first, goes
    assertThat(state.evictions())
        .extracting(e -> e.correlation().info().id(), CorrelationEngine.Eviction::groupsAtCap)
        .containsExactly(tuple("other", 1L));
    sink.match(state, "base", 5_000, "d"); // 8 > 6 again: now "a" is the oldest
    assertThat(state.evictions())
        .extracting(e -> e.correlation().info().id(), CorrelationEngine.Eviction::groupsAtCap)
        .containsExactlyInAnyOrder(tuple("other", 1L), tuple("three", 1L));
    assertThat(state.stats().held()).isEqualTo(6);
    assertThat(sink.hits).as("neither evicted window met its condition (eager)").isEmpty();
  }
}
