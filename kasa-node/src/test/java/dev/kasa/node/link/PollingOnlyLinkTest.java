package dev.kasa.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.sharing.RelayUnmarked;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull link whose timing turns the live-update path off polls its partner, as against other
 * servers, and never waits on the partner's changes; with the path on it waits there.
 */
class PollingOnlyLinkTest {
  @TempDir Path dir;

  /** An empty collection that counts how it is asked. */
  private static final class CountingPartner implements PartnerEndpoint {
    final AtomicInteger pages = new AtomicInteger();
    final AtomicInteger changes = new AtomicInteger();

    @Override
    public TaxiiClient.Page objects(String collection, String addedAfter, String next, int limit) {
      pages.incrementAndGet();
      return new TaxiiClient.Page("{}".getBytes(StandardCharsets.US_ASCII), false, null, null);
    }

    @Override
    public TaxiiClient.Status add(String collection, byte[] envelope) {
      throw new AssertionError("a pull link posts only sightings, and there are none");
    }

    @Override
    public Optional<TaxiiClient.Change> changes(String collection, String after) {
      changes.incrementAndGet();
      return Optional.empty();
    }

    @Override
    public TaxiiClient.Page sightings(String collection, String addedAfter, String next, int l) {
      return objects(collection, addedAfter, next, l);
    }
  }

  @Test
  void pollingOnlyNeverWaitsOnTheLivePath() throws Exception {
    CountingPartner partner = run(InProcessNode.TIMING.pollingOnly());
    assertThat(partner.pages.get()).isGreaterThanOrEqualTo(3);
    assertThat(partner.changes.get()).isZero();
  }

  @Test
  void withTheLivePathItWaitsThere() throws Exception {
    assertThat(InProcessNode.TIMING.liveUpdates()).isTrue();
    CountingPartner partner = run(InProcessNode.TIMING);
    assertThat(partner.changes.get()).isGreaterThanOrEqualTo(2);
  }

  // Runs a pull link until the partner was asked for pages three times.
  private CountingPartner run(LinkTiming timing) throws Exception {
    try (InProcessNode node = InProcessNode.create(dir, "bravo", RelayUnmarked.NONE)) {
      LinkRecord link;
      try (var admin = node.admin()) {
        admin.addLink(
            new LinkStore.Spec(
                "alpha",
                "9a1c0a4e-0000-4000-8000-000000000001",
                null,
                Set.of(Direction.PULL),
                "https://alpha.invalid/taxii2/",
                "bravo",
                null,
                null,
                null));
        link = admin.links().get(0);
      }
      node.open();
      LinkContext base = node.context();
      var ctx =
          new LinkContext(
              base.store(), base.sharing(), base.recipients(), base.intake(), timing, base.log());
      var partner = new CountingPartner();
      var runner = new LinkRunner(link, ctx, partner);
      Thread t = Thread.ofPlatform().start(runner);
      while (partner.pages.get() < 6 && t.isAlive()) { // a page and a sightings page per round
        Thread.sleep(5);
      }
      runner.stop();
      t.join();
      return partner;
    }
  }
}
