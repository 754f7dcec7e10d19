package dev.kasa.node.link;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.indicators;
import static dev.kasa.node.StixFixtures.newId;
import static dev.kasa.node.link.Federation.await;
import static dev.kasa.node.link.Federation.ids;
import static dev.kasa.node.link.Federation.link;
import static dev.kasa.node.link.Federation.partner;
import static dev.kasa.node.link.Federation.versions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestNode;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links under faults, with real nodes: partners that are down, slow, answer garbage or enormous
 * bodies stall no other link; a server that says {@code more} without {@code next} is paged by date
 * added; nodes stopped in the middle of a transfer and started again converge to exactly the
 * objects they are entitled to.
 */
class LinkFaultsTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  @TempDir Path tmp;

  private static String publish(TestNode node, String collection, List<String> objects) {
    for (int i = 0; i < objects.size(); i += 1000) {
      var r =
          node.post(
              "/taxii2/api/collections/" + collection + "/objects/",
              node.adminAuth(),
              envelope(objects.subList(i, Math.min(objects.size(), i + 1000))));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
    return collection;
  }

  private static LinkRecord linkTo(TestNode node, String partner) {
    return Federation.links(node).stream()
        .filter(l -> l.partner().equals(partner))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void brokenPartnersStallNoOtherLink() throws Exception {
    try (var f = new Federation(tmp);
        var garbage =
            new FakePartner(
                x -> {
                  if (!FakePartner.discovery(x)) {
                    FakePartner.answer(x, 200, "{\"more\": tru{{{ garbage");
                  }
                });
        var enormous =
            new FakePartner(
                x -> {
                  if (FakePartner.discovery(x)) {
                    return;
                  }
                  x.getResponseHeaders().add("Content-Type", TaxiiClient.TAXII);
                  x.sendResponseHeaders(200, 0);
                  byte[] chunk = "{\"objects\":[".repeat(5000).getBytes(StandardCharsets.UTF_8);
                  try (OutputStream out = x.getResponseBody()) {
                    for (long sent = 0; sent < (1L << 30); sent += chunk.length) {
                      out.write(chunk);
                    }
                  } catch (IOException e) {
                    // The client hung up once it had enough: that is the point.
                  }
                });
        var slow =
            new FakePartner(
                x -> {
                  try {
                    Thread.sleep(120_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })) {
      TestNode alpha = f.node("alpha");
      TestNode bravo = f.node("bravo");
      String remote = UUID.randomUUID().toString();
      Federation.pullFrom(bravo, "garbage", garbage.url(), garbage.certificatePem(), remote);
      Federation.pullFrom(bravo, "enormous", enormous.url(), enormous.certificatePem(), remote);
      Federation.pullFrom(bravo, "slow", slow.url(), slow.certificatePem(), remote);
      Federation.pullFrom(bravo, "down", "https://127.0.0.1:9/taxii2/", null, remote);
      String pub = alpha.collection("pub");
      partner(alpha, "bravo");
      try (var a = alpha.admin()) {
        a.grant("bravo", "pub", true, false);
      }
      alpha.awaitAccess();
      String local = link(bravo, alpha, pub, null, Direction.PULL);
      bravo.awaitAccess();
      for (int round = 0; round < 3; round++) {
        String id = newId();
        publish(alpha, pub, List.of(indicator(id, "2024-01-01T00:00:00.000Z", Tlp.CLEAR)));
        assertThat(await(Duration.ofSeconds(20), () -> ids(bravo, local).contains(id)))
            .as("round %d: the healthy link goes on", round)
            .isTrue();
      }
      for (String p : List.of("garbage", "enormous", "down")) {
        assertThat(await(CONVERGE, () -> linkTo(bravo, p).state().lastError() != null))
            .as(p)
            .isTrue();
      }
      assertThat(linkTo(bravo, "enormous").state().lastError()).contains("more than");
      assertThat(linkTo(bravo, "garbage").state().lastError()).contains("not JSON");
      assertThat(linkTo(bravo, "slow").state().lastSuccess()).isNull();
    }
  }

  @Test
  void moreWithoutNextIsPagedByDateAddedAndHeldOnce() {
    List<String> objects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      objects.add(indicator(newId(), "2024-01-01T00:00:00.000Z", Tlp.CLEAR));
    }
    var asked = new ArrayList<String>();
    try (var f = new Federation(tmp);
        var other =
            new FakePartner(
                x -> {
                  if (FakePartner.discovery(x)) {
                    return;
                  }
                  String q = String.valueOf(x.getRequestURI().getQuery());
                  synchronized (asked) {
                    asked.add(q);
                  }
                  // Two objects a page, dated 2024-03-0N; 'more' but never 'next'.
                  int from = 0;
                  var m = java.util.regex.Pattern.compile("added_after=2024-03-0(\\d)").matcher(q);
                  if (m.find()) {
                    from = Integer.parseInt(m.group(1));
                  }
                  int to = Math.min(objects.size(), from + 2);
                  if (from >= objects.size()) {
                    FakePartner.answer(x, 200, "{\"more\":false}");
                    return;
                  }
                  FakePartner.answer(
                      x,
                      200,
                      "{\"more\":"
                          + (to < objects.size())
                          + ",\"objects\":["
                          + String.join(",", objects.subList(from, to))
                          + "]}",
                      "X-TAXII-Date-Added-First",
                      "2024-03-0" + (from + 1) + "T00:00:00.000000Z",
                      "X-TAXII-Date-Added-Last",
                      "2024-03-0" + to + "T00:00:00.000000Z");
                })) {
      TestNode bravo = f.node("bravo");
      String local =
          Federation.pullFrom(
              bravo, "other", other.url(), other.certificatePem(), UUID.randomUUID().toString());
      bravo.awaitAccess();
      assertThat(await(CONVERGE, () -> ids(bravo, local).size() == 5)).isTrue();
      assertThat(versions(bravo, local)).hasSize(5).doesNotHaveDuplicates();
      assertThat(await(CONVERGE, () -> linkTo(bravo, "other").state().checkpoint() != null))
          .isTrue();
      assertThat(linkTo(bravo, "other").state().checkpoint()).startsWith("2024-03-05");
      synchronized (asked) {
        assertThat(asked).anyMatch(q -> q.contains("added_after=2024-03-02"));
      }
    }
  }

  @Test
  void nodesStoppedMidTransferConvergeToExactlyWhatTheyMayHold() {
    int n = Integer.getInteger("kasa.federation.catchup", 5000);
    try (var f = new Federation(tmp)) {
      TestNode alpha = f.node("alpha");
      TestNode bravo = f.node("bravo");
      String pub = alpha.collection("pub");
      partner(alpha, "bravo");
      try (var a = alpha.admin()) {
        a.grant("bravo", "pub", true, false);
      }
      alpha.awaitAccess();
      List<String> objects = new ArrayList<>(indicators(n));
      String red = newId();
      objects.add(indicator(red, "2024-01-01T00:00:00.000Z", Tlp.RED));
      publish(alpha, pub, objects);
      Set<String> entitled = new HashSet<>();
      objects.forEach(
          o -> entitled.add(o.substring(o.indexOf("indicator--"), o.indexOf("indicator--") + 47)));
      entitled.remove(red);

      String local = link(bravo, alpha, pub, null, Direction.PULL);
      bravo.awaitAccess();
      // The puller stops after its first page; while it is down, n more objects wait for it.
      assertThat(await(CONVERGE, () -> linkTo(bravo, "alpha").state().checkpoint() != null))
          .isTrue();
      int held = ids(bravo, local).size();
      bravo.stop();
      List<String> more = indicators(n);
      publish(alpha, pub, more);
      more.forEach(
          o -> entitled.add(o.substring(o.indexOf("indicator--"), o.indexOf("indicator--") + 47)));
      long started = System.nanoTime();
      bravo.restart();
      assertThat(await(Duration.ofMinutes(10), () -> ids(bravo, local).size() >= entitled.size()))
          .isTrue();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "catch-up after the outage: %d objects waiting, held in %.1f s (%.0f objects/s)%n",
          entitled.size() - held, seconds, (entitled.size() - held) / seconds);
      // The partner goes down: the link reports it, backs off, and catches up when it is back.
      int alphaPort = alpha.server().port();
      alpha.stop();
      assertThat(await(CONVERGE, () -> linkTo(bravo, "alpha").state().lastError() != null))
          .isTrue();
      alpha.restart(alphaPort);
      String last = newId();
      publish(alpha, pub, List.of(indicator(last)));
      entitled.add(last);
      assertThat(await(CONVERGE, () -> ids(bravo, local).contains(last))).isTrue();
      assertThat(versions(bravo, local)).hasSize(entitled.size()).doesNotHaveDuplicates();
      assertThat(ids(bravo, local)).containsExactlyInAnyOrderElementsOf(entitled);
    }
  }
}
