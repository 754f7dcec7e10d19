package dev.kasa.detect;

import static dev.kasa.detect.IntelSetTest.V1;
import static dev.kasa.detect.IntelSetTest.V2;
import static dev.kasa.detect.IntelSetTest.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.IntelVersion;
import dev.kasa.observable.ObservableType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Changes reach the matcher at once; merges happen in the background and lose nothing. */
class LiveIndicatorsTest {
  /** A background that runs its tasks only when the test says so. */
  static final class Background implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void run() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  static List<String> hits(IndicatorMatcher m, String value) {
    List<String> ids = new ArrayList<>();
    m.match(ObservableType.IPV4, value, TestIndicators.AT, e -> ids.add(m.indicator(e).id()));
    return ids;
  }

  static IntelSet setOf(int n) {
    var set = new IntelSet();
    for (int i = 0; i < n; i++) {
      set.apply(version(i, V1, "10.0." + (i / 250) + "." + (i % 250)));
    }
    return set;
  }

  @Test
  void aNewIndicatorMatchesAtOnceWithoutRebuildingTheBulk() {
    var background = new Background();
    var live = new LiveIndicators(setOf(1000), background, 100);
    IndicatorIndex bulk = live.current().bulk();
    live.apply(List.of(version(5000, V1, "192.0.2.1")));
    assertThat(hits(live.current(), "192.0.2.1")).containsExactly(TestIndicators.id(5000));
    assertThat(live.current().bulk()).isSameAs(bulk);
    assertThat(live.current().size()).isEqualTo(1001);
    assertThat(live.merging()).isFalse();
    assertThat(background.tasks).isEmpty();
  }

  @Test
  void aReplacedIndicatorNoLongerMatchesThroughTheBulk() {
    var live = new LiveIndicators(setOf(1000), new Background(), 100);
    live.apply(List.of(version(7, V2, "192.0.2.7")));
    assertThat(hits(live.current(), "10.0.0.7")).isEmpty();
    assertThat(hits(live.current(), "192.0.2.7")).containsExactly(TestIndicators.id(7));
    assertThat(live.current().size()).isEqualTo(1000);
  }

  @Test
  void pastTheThresholdAMergeRunsInTheBackgroundAndTheChangesMadeMeanwhileStay() {
    var background = new Background();
    var live = new LiveIndicators(setOf(1000), background, 10);
    List<IntelVersion> first = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      first.add(version(2000 + i, V1, "192.0.2." + i));
    }
    live.apply(first);
    assertThat(live.merging()).isTrue();
    assertThat(background.tasks).hasSize(1);
    // While the merge has not run, changes go on in front of the old bulk.
    live.apply(List.of(version(3000, V1, "198.51.100.1"), version(2003, V2, "198.51.100.3")));
    assertThat(hits(live.current(), "198.51.100.3")).containsExactly(TestIndicators.id(2003));
    assertThat(live.poll()).isFalse();

    background.run();
    assertThat(live.poll()).isTrue();
    LayeredIndex now = live.current();
    assertThat(now.bulk().size()).isEqualTo(1011);
    assertThat(now.deltaVersions()).as("only the changes made during the merge").isEqualTo(2);
    assertThat(live.merges()).isEqualTo(1);
    assertThat(hits(now, "192.0.2.3")).isEmpty();
    assertThat(hits(now, "198.51.100.3")).containsExactly(TestIndicators.id(2003));
    assertThat(hits(now, "198.51.100.1")).containsExactly(TestIndicators.id(3000));
    assertThat(hits(now, "192.0.2.4")).containsExactly(TestIndicators.id(2004));
    assertThat(hits(now, "10.0.0.9")).containsExactly(TestIndicators.id(9));
    assertThat(now.size()).isEqualTo(1012);
  }
}
