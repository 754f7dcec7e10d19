package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diffs composed in order say each indicator's net change. */
class IntelDiffTest {
  static final String A = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String B = "indicator--b932fcc6-e032-476c-826f-cb970a5a1ade";

  static IntelVersion v(String id, int seconds) {
    return new IntelVersion(id, Instant.ofEpochSecond(seconds), false, Origin.file("f"), List.of());
  }

  static IntelDiff added(IntelVersion v) {
    return new IntelDiff(List.of(v), List.of(), List.of());
  }

  static IntelDiff replaced(IntelVersion v) {
    return new IntelDiff(List.of(), List.of(v), List.of());
  }

  static IntelDiff removed(String id) {
    return new IntelDiff(List.of(), List.of(), List.of(id));
  }

  @Test
  void addedThenRemovedIsNothing() {
    assertThat(added(v(A, 1)).then(removed(A)).isEmpty()).isTrue();
  }

  @Test
  void removedThenAddedIsReplaced() {
    IntelVersion again = v(A, 2);
    assertThat(removed(A).then(added(again))).isEqualTo(replaced(again));
  }

  @Test
  void addedThenReplacedIsAddedWithTheNewVersion() {
    IntelVersion newer = v(A, 2);
    assertThat(added(v(A, 1)).then(replaced(newer))).isEqualTo(added(newer));
  }

  @Test
  void replacedThenRemovedIsRemoved() {
    assertThat(replaced(v(A, 2)).then(removed(A))).isEqualTo(removed(A));
  }

  @Test
  void changesToOtherIndicatorsAreKeptApart() {
    IntelDiff d = added(v(A, 1)).then(removed(B));
    assertThat(d.addedIds()).containsExactly(A);
    assertThat(d.removed()).containsExactly(B);
    assertThat(d.size()).isEqualTo(2);
  }

  @Test
  void aVersionIsOfOneIdAndOneOrigin() {
    var i =
        new Indicator(
            A,
            dev.kasa.observable.ObservableType.DOMAIN,
            "evil.example",
            Instant.EPOCH,
            null,
            false,
            -1,
            dev.kasa.stix.Tlp.NONE,
            Attribution.NONE,
            Origin.file("f"),
            Provenance.of("f"));
    assertThatThrownBy(
            () -> new IntelVersion(B, Instant.EPOCH, false, Origin.file("f"), List.of(i)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(A)
        .hasMessageContaining(B);
    assertThatThrownBy(
            () -> new IntelVersion(A, Instant.EPOCH, false, Origin.file("g"), List.of(i)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("came from");
    assertThatThrownBy(() -> new Origin(Origin.Kind.PARTNER, " ", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARTNER");
  }
}
