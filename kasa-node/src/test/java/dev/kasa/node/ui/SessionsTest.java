package dev.kasa.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.SettableClock;
import dev.kasa.node.TestNode;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.tls.NodeCertificate;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session lifetimes and the login throttle, on the clock the node is given. */
class SessionsTest {
  @TempDir Path tmp;

  @Test
  void sessionsEndWhenIdleAndAtTheirAbsoluteLimitOnTheNodesClock() {
    var clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
    Path dir = tmp.resolve("node");
    NodeHome.init(dir, "clocked", List.of(), Clock.systemUTC());
    try (NodeAdmin admin = NodeAdmin.open(dir, Clock.systemUTC())) {
      admin.addUser("ana", Role.ANALYST, List.of(new Secret(SecretKind.PASSWORD, "ana-pw")));
    }
    try (NodeServer server =
        NodeServer.start(
            NodeHome.open(dir),
            new NodeConfig.Listen("127.0.0.1", 0),
            clock,
            new PrintStream(System.err, true, StandardCharsets.UTF_8))) {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(
                  NodeCertificate.pinnedClientContext(
                      NodeHome.open(dir).certificate().certificate()))
              .build();
      Duration idle = Sessions.Limits.DEFAULT.idle();
      var ui = new UiClient(http, server.url());
      ui.mustLogin("ana", "ana-pw");
      clock.set(clock.instant().plus(idle).minusSeconds(1));
      assertThat(ui.get("/ui/intel/").statusCode()).as("just within the idle time").isEqualTo(200);
      clock.set(clock.instant().plus(idle));
      assertThat(ui.get("/ui/intel/").statusCode()).as("idle too long").isEqualTo(303);

      ui.mustLogin("ana", "ana-pw");
      Instant start = clock.instant();
      Instant end = start.plus(Sessions.Limits.DEFAULT.absolute());
      while (clock.instant().plus(idle.dividedBy(2)).isBefore(end)) {
        clock.set(clock.instant().plus(idle.dividedBy(2)));
        assertThat(ui.get("/ui/intel/").statusCode())
            .as("active at " + clock.instant())
            .isEqualTo(200);
      }
      clock.set(end);
      assertThat(ui.get("/ui/intel/").statusCode()).as("past the absolute limit").isEqualTo(303);
    }
  }

  @Test
  void theThrottleCountsFailuresPerUserAndPerAddressWithinItsWindow() {
    var clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
    var limits = new LoginThrottle.Limits(3, 5, Duration.ofMinutes(15));
    var throttle = new LoginThrottle(clock, limits);
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.allows("ana", "10.0.0.1")).isTrue();
      throttle.failed("ana", "10.0.0.1");
    }
    assertThat(throttle.allows("ana", "10.0.0.2")).as("the user, from anywhere").isFalse();
    assertThat(throttle.allows("bob", "10.0.0.1")).as("another user, same address").isTrue();
    throttle.failed("bob", "10.0.0.1");
    throttle.failed("carl", "10.0.0.1");
    assertThat(throttle.allows("dan", "10.0.0.1")).as("the address is spent").isFalse();
    assertThat(throttle.allows("dan", "10.0.0.3")).isTrue();
    clock.set(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(throttle.allows("ana", "10.0.0.1")).as("the window moved on").isTrue();
    throttle.failed("ana", "10.0.0.1");
    throttle.succeeded("ana");
    assertThat(throttle.allows("ana", "10.0.0.9")).isTrue();
  }

  @Test
  void sessionIdsAreRandomAndTheOldestGoesWhenFull() {
    var clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
    var sessions =
        new Sessions(clock, new Sessions.Limits(Duration.ofMinutes(30), Duration.ofHours(12), 2));
    UiSession a = sessions.open("a");
    clock.advanceMillis(1000);
    UiSession b = sessions.open("b");
    clock.advanceMillis(1000);
    assertThat(sessions.find(a.id())).isPresent(); // a is now the most recently seen
    UiSession c = sessions.open("c");
    assertThat(sessions.find(b.id())).isEmpty();
    assertThat(sessions.find(a.id())).isPresent();
    assertThat(sessions.find(c.id())).isPresent();
    assertThat(a.id()).isNotEqualTo(c.id()).hasSize(43);
    assertThat(a.csrfToken()).isNotEqualTo(a.id());
    assertThat(TestNode.ADMIN).isNotNull();
  }
}
