package dev.kasa.sigma.correlation;

import static dev.kasa.sigma.correlation.Fixtures.correlation;
import static dev.kasa.sigma.correlation.Fixtures.gte;
import static dev.kasa.sigma.correlation.Fixtures.lt;
import static dev.kasa.sigma.correlation.Fixtures.min;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.EVENT_COUNT;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.TEMPORAL;
import static dev.kasa.sigma.rule.SigmaCorrelation.CorrelationType.TEMPORAL_ORDERED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.EventRef;
import dev.kasa.Problem;
import dev.kasa.Problems;
import dev.kasa.sigma.correlation.Fixtures.Feeder;
import dev.kasa.sigma.rule.SigmaCorrelation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The specification's "failed logins followed by a successful login" and other chains. */
class ChainingTest {
  private static final String FAILED = "53ba33fd-3a50-4468-a5ef-c583635cfa92";
  private static final String SUCCESS = "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8";

  private static final SigmaCorrelation MANY_FAILED =
      correlation(EVENT_COUNT)
          .id("a8418a5a-5fc4-46b5-b23b-6c73beb19d41")
          .name("multiple_failed_login")
          .rules("failed_login")
          .groupBy("User")
          .condition(gte(10))
          .build();

  private static final SigmaCorrelation FOLLOWED_BY_SUCCESS =
      correlation(TEMPORAL_ORDERED)
          .id("b180ead8-d58f-40b2-ae54-c8940995b9b6")
          .rules("multiple_failed_login", "successful_login")
          .groupBy("User")
          .build();

  private static Feeder bruteForce(String user, int failures, long successAt) {
    // Listed outer first: the engine orders correlations by their references itself.
    Feeder f = new Feeder(FOLLOWED_BY_SUCCESS, MANY_FAILED);
    for (int i = 0; i < failures; i++) {
      f.match(FAILED, "failed_login", i * 1000L, "User", user, "EventID", "4625");
    }
    f.match(SUCCESS, "successful_login", successAt, "User", user, "EventID", "4624");
    return f;
  }

  @Test
  void manyFailuresThenSuccessFiresBothCorrelations() {
    Feeder f = bruteForce("alice", 10, min(5));
    assertThat(f.hits)
        .extracting(h -> h.correlation().info().name())
        .containsExactly("multiple_failed_login", null);
    CorrelationHit outer = f.hits.get(1);
    assertThat(outer.correlation()).isSameAs(FOLLOWED_BY_SUCCESS);
    assertThat(outer.group()).isEqualTo(Map.of("User", "alice"));
    assertThat(outer.firstMillis()).as("back to the first failure").isZero();
    assertThat(outer.lastMillis()).isEqualTo(min(5));
    assertThat(outer.events())
        .as("the ten failures, then the success")
        .hasSize(11)
        .extracting(EventRef::sequence)
        .startsWith(1L, 2L)
        .endsWith(11L);
  }

  @Test
  void tooFewFailuresFireNothing() {
    assertThat(bruteForce("alice", 9, min(5)).finish().hits).isEmpty();
  }

  @Test
  void successTooLateFiresOnlyTheInnerCorrelation() {
    Feeder f = bruteForce("alice", 10, min(25)).finish();
    assertThat(f.hits)
        .singleElement()
        .extracting(CorrelationHit::correlation)
        .isSameAs(MANY_FAILED);
  }

  @Test
  void successForAnotherUserDoesNotChain() {
    Feeder f = new Feeder(FOLLOWED_BY_SUCCESS, MANY_FAILED);
    for (int i = 0; i < 10; i++) {
      f.match(FAILED, "failed_login", i * 1000L, "User", "alice");
    }
    f.match(SUCCESS, "successful_login", min(1), "User", "bob").finish();
    assertThat(f.hits)
        .singleElement()
        .extracting(CorrelationHit::correlation)
        .isSameAs(MANY_FAILED);
  }

  @Test
  void chainedHitsReferredToByIdWork() {
    SigmaCorrelation byId =
        correlation(TEMPORAL)
            .rules(MANY_FAILED.info().id(), "successful_login")
            .groupBy("User")
            .build();
    Feeder f = new Feeder(MANY_FAILED, byId);
    for (int i = 0; i < 10; i++) {
      f.match(FAILED, "failed_login", i, "User", "alice");
    }
    f.match(SUCCESS, "successful_login", 20, "User", "alice");
    assertThat(f.hits).hasSize(2);
  }

  @Test
  void windowsClosedAtFinishStillFeedTheirChain() {
    SigmaCorrelation quiet =
        correlation(EVENT_COUNT)
            .name("quiet")
            .rules("base")
            .groupBy("User")
            .condition(lt(2))
            .build();
    SigmaCorrelation quietTwice =
        correlation(EVENT_COUNT).rules("quiet").groupBy("User").condition(lt(5)).build();
    Feeder f = new Feeder(quietTwice, quiet).match("base", 0, "User", "u").finish();
    assertThat(f.hits).extracting(CorrelationHit::correlation).containsExactly(quiet, quietTwice);
  }

  @Test
  void generateFalseSuppressesTheReferredRules() {
    SigmaCorrelation generating = correlation(TEMPORAL).rules("x", "shared").generate(true).build();
    CorrelationEngine engine =
        CorrelationEngine.create(
            List.of(MANY_FAILED, FOLLOWED_BY_SUCCESS, generating),
            CorrelationEngine.Limits.defaults());
    assertThat(engine.suppressesStandalone("failed_login")).isTrue();
    assertThat(engine.suppressesStandalone("multiple_failed_login")).isTrue();
    assertThat(engine.suppressesStandalone("x")).isFalse();
    assertThat(engine.suppressesStandalone("unreferenced")).isFalse();
    assertThat(engine.suppressesStandalone(null)).isFalse();
    assertThat(engine.isReferenced("successful_login")).isTrue();
    assertThat(engine.isReferenced(SUCCESS)).as("referred to by name only").isFalse();
  }

  @Test
  void referenceCyclesAreReportedAndLeftOut() {
    SigmaCorrelation a = correlation(TEMPORAL).name("a").rules("b", "base").build();
    SigmaCorrelation b = correlation(TEMPORAL).name("b").rules("a", "base").build();
    SigmaCorrelation fine =
        correlation(EVENT_COUNT).name("fine").rules("base").condition(gte(1)).build();
    Feeder f = new Feeder(a, b, fine).match("base", 0);
    assertThat(f.engine.problems())
        .extracting(Problem::code)
        .containsExactly(ErrorCode.CORRELATION_CYCLE, ErrorCode.CORRELATION_CYCLE);
    assertThat(Problems.rule(f.engine.problems().get(0))).isEqualTo("a");
    assertThat(f.hits).extracting(CorrelationHit::correlation).containsExactly(fine);
  }
}
