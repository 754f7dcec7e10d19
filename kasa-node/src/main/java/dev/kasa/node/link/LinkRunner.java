package dev.kasa.node.link;

import dev.kasa.KasaException;
import dev.kasa.node.Secrets;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.Decision;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.sharing.SharingRules;
import dev.kasa.node.sharing.VersionFacts;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AuditEvent;
import dev.kasa.node.store.EntryPage;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.IncomingObject;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.ObjectIngest;
import dev.kasa.node.store.ObjectIngest.Outcome;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.node.tls.NodeCertificate;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One direction of one link, run on its own thread until stopped: rounds of pulling (or pushing)
 * until nothing is left, then a wait (the live-update path, store events, or polling), with
 * exponential backoff and jitter after a failure. A link's trouble never touches another link.
 */
final class LinkRunner implements Runnable {
  private final LinkRecord link;
  private final LinkContext ctx;
  private PartnerEndpoint client;
  private final Object wake = new Object();
  private volatile boolean stopped;
  private volatile boolean woken;
  private boolean kasaPartner = true;

  LinkRunner(LinkRecord link, LinkContext ctx) {
    this(link, ctx, null);
  }

  /** A runner that talks to {@code partner} (null: a TAXII client made from the link's setup). */
  LinkRunner(LinkRecord link, LinkContext ctx, PartnerEndpoint partner) {
    this.link = link;
    this.ctx = ctx;
    this.client = partner;
  }

  static TaxiiClient client(LinkRecord link, TaxiiClient.Options options) {
    String secret =
        link.secretFile() == null
            ? null
            : Secrets.firstLine(java.nio.file.Path.of(link.secretFile()));
    return new TaxiiClient(
        URI.create(link.url()),
        new TaxiiClient.Credentials(link.user(), link.secretKind(), secret),
        link.caPem() == null ? null : NodeCertificate.parseCertificate(link.caPem()),
        options);
  }

  LinkRecord link() {
    return link;
  }

  void stop() {
    stopped = true;
    wake();
  }

  /** Something changed that this link may want to send: look now rather than at the next poll. */
  void wake() {
    synchronized (wake) {
      woken = true;
      wake.notifyAll();
    }
  }

  @Override
  public void run() {
    int failures = 0;
    while (!stopped) {
      try {
        round();
        failures = 0;
        if (link.direction() == Direction.PULL) {
          awaitRemote();
        } else {
          awaitLocal(ctx.timing().poll());
        }
      } catch (RuntimeException e) {
        if (stopped || Thread.currentThread().isInterrupted()) {
          return;
        }
        failures++;
        try {
          ctx.store().links().recordError(link.id(), message(e));
        } catch (RuntimeException ignored) {
          // The store itself failing: the next round tries again.
        }
        long cap =
            Math.min(
                ctx.timing().maxBackoff().toMillis(),
                ctx.timing().backoff().toMillis() << Math.min(failures - 1, 20));
        awaitLocal(Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1)));
      }
    }
  }

  /** One round: pulls (or pushes) until nothing is left, then records the success. */
  void round() {
    if (client == null) {
      client = client(link, ctx.timing().client());
    }
    Long behind = link.direction() == Direction.PULL ? pull() : push();
    ctx.store().links().recordSuccess(link.id(), behind);
  }

  // Pages the partner's collection from the checkpoint until it has nothing more. Each page is
  // stored before the checkpoint moves past it: a restart re-reads at most one page, which the
  // store takes once by (id, version).
  private Long pull() {
    String checkpoint = current().state().checkpoint();
    String next = null;
    while (!stopped) {
      TaxiiClient.Page page =
          client.objects(link.remote(), checkpoint, next, ctx.timing().pageLimit());
      ObjectIntake.Result read = ctx.intake().read(page.body(), link.partner() + "'s page");
      // The page's audit entries are written in its objects' transaction.
      ctx.store()
          .ingest()
          .add(
              link.local().id(),
              new Origin(link.partner(), Kind.PARTNER),
              read.accepted(),
              outcomes -> new ObjectIngest.Record(null, received(outcomes, read)));
      if (page.dateAddedLast() != null) {
        checkpoint = page.dateAddedLast();
        ctx.store().links().saveCheckpoint(link.id(), checkpoint);
      }
      if (!page.more()) {
        break;
      }
      if (page.next() != null) {
        next = page.next();
      } else if (page.dateAddedLast() != null) {
        next = null; // 'more' without 'next': go on from the last date added
      } else {
        throw new TaxiiClient.Refused(
            0, "the page says more but gives neither next nor X-TAXII-Date-Added-Last");
      }
    }
    sightingsBack();
    return kasaPartner && ctx.timing().liveUpdates() ? 0L : null;
  }

  // Sightings in our collection of objects this partner gave us (made here, or received from
  // others) go back to it: POSTed to the remote collection, which takes them from a reader.
  // One entry listing the ids a pulled page added, and one counting what it held that was invalid.
  private List<AuditEvent> received(List<Outcome> outcomes, ObjectIntake.Result read) {
    List<String> added = outcomes.stream().filter(Outcome::added).map(Outcome::stixId).toList();
    var events = new ArrayList<AuditEvent>();
    if (!added.isEmpty()) {
      events.add(new AuditEvent("receive", link.partner(), link.local().id(), null, added, null));
    }
    if (!read.refused().isEmpty()) {
      events.add(
          AuditEvent.of(
              "receive-invalid",
              link.partner(),
              link.local().id(),
              "{\"count\":" + read.refused().size() + "}"));
    }
    return events;
  }

  private void sightingsBack() {
    long cursor = current().state().backCursor();
    Recipient to =
        ctx.recipients()
            .apply(link.partner())
            .orElse(new Recipient(link.partner(), Kind.PARTNER, null, Set.of(), Set.of()));
    while (!stopped) {
      var q =
          new EntryQuery(
              cursor,
              ctx.timing().pushBatch(),
              List.of(),
              List.of("sighting"),
              VersionSelector.ALL,
              List.of());
      EntryPage page =
          ctx.store().reader().page(link.local().id(), q, true, e -> true).orElseThrow();
      if (page.entries().isEmpty()) {
        return;
      }
      List<StoredEntry> back = new ArrayList<>();
      for (StoredEntry e : page.entries()) {
        VersionFacts facts = VersionFacts.of(e);
        if (facts.sighted() != null
            && facts.sighted().cameFrom(link.partner())
            && !facts.cameFrom(link.partner())
            && SharingRules.decide(facts, to, ctx.sharing().agreements()).allowed()) {
          back.add(e);
        }
      }
      if (!back.isEmpty()) {
        client.add(link.remote(), envelope(back));
        ctx.store()
            .audit()
            .append(
                List.of(
                    new AuditEvent(
                        "sightings-back",
                        link.partner(),
                        link.local().id(),
                        SharingRules.SIGHTING_TO_SOURCE,
                        back.stream().map(StoredEntry::stixId).toList(),
                        "{\"remote\":\"" + link.remote() + "\"}")));
      }
      cursor = page.entries().get(page.entries().size() - 1).dateAdded();
      ctx.store().links().saveBackCursor(link.id(), cursor);
      if (!page.more()) {
        return;
      }
    }
  }

  // Sends what the partner may receive of our collection, from the push cursor (from the start
  // when the sharing epoch moved: agreements may now let through what they held back).
  private Long push() {
    long epoch = ctx.store().agreements().sharingEpoch();
    LinkRecord.State state = current().state();
    long cursor = state.pushEpoch() == epoch ? state.pushCursor() : Long.MIN_VALUE;
    Optional<Recipient> to = ctx.recipients().apply(link.partner());
    while (!stopped) {
      var q =
          new EntryQuery(
              cursor,
              ctx.timing().pushBatch(),
              List.of(),
              List.of(),
              VersionSelector.ALL,
              List.of());
      EntryPage page =
          ctx.store().reader().page(link.local().id(), q, true, e -> true).orElseThrow();
      if (page.entries().isEmpty()) {
        break;
      }
      List<StoredEntry> allowed = new ArrayList<>();
      Map<String, List<String>> refused = new TreeMap<>();
      for (StoredEntry e : page.entries()) {
        Decision d =
            to.map(r -> ctx.sharing().mayReceive(r, link.local().id(), VersionFacts.of(e)))
                .orElse(new Decision(false, "no-such-partner"));
        if (d.allowed()) {
          allowed.add(e);
        } else {
          refused.computeIfAbsent(d.rule(), k -> new ArrayList<>()).add(e.stixId());
        }
      }
      var events = new ArrayList<AuditEvent>();
      if (!allowed.isEmpty()) {
        TaxiiClient.Status s = client.add(link.remote(), envelope(allowed));
        events.add(
            new AuditEvent(
                "push",
                link.partner(),
                link.local().id(),
                null,
                allowed.stream().map(StoredEntry::stixId).toList(),
                "{\"remote\":\"" + link.remote() + "\",\"failures\":" + s.failure() + "}"));
      }
      refused.forEach(
          (rule, ids) ->
              events.add(
                  new AuditEvent(
                      "refuse",
                      link.partner(),
                      link.local().id(),
                      rule,
                      ids,
                      "{\"path\":\"push\"}")));
      ctx.store().audit().append(events);
      cursor = page.entries().get(page.entries().size() - 1).dateAdded();
      ctx.store().links().savePushCursor(link.id(), cursor, epoch);
      if (!page.more()) {
        break;
      }
    }
    sightingsFromPartner(to);
    return null;
  }

  // The sightings the partner made (or holds) in the collection we push to, of objects we pushed
  // there, come back: read with the read grant the partner gave us there (without one, 403: none
  // come back), stored in our collection with the partner as origin, and passed on from there by
  // our own links as the sharing rules allow. Sightings of anything else are dropped (audited).
  private void sightingsFromPartner(Optional<Recipient> to) {
    String checkpoint = current().state().backCheckpoint();
    String next = null;
    while (!stopped && to.isPresent()) {
      TaxiiClient.Page page;
      try {
        page = client.sightings(link.remote(), checkpoint, next, ctx.timing().pageLimit());
      } catch (TaxiiClient.Refused e) {
        if (e.status() == 403 || e.status() == 404) {
          return;
        }
        throw e;
      }
      ObjectIntake.Result read = ctx.intake().read(page.body(), link.partner() + "'s sightings");
      List<IncomingObject> ours = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      for (IncomingObject o : read.accepted()) {
        if (o.type().equals("sighting") && o.sightingOf() != null && pushed(to.get(), o)) {
          ours.add(o);
        } else {
          dropped.add(o.stixId());
        }
      }
      List<String> added =
          ctx
              .store()
              .ingest()
              .add(link.local().id(), new Origin(link.partner(), Kind.PARTNER), ours)
              .stream()
              .filter(Outcome::added)
              .map(Outcome::stixId)
              .toList();
      var events = new ArrayList<AuditEvent>();
      if (!added.isEmpty()) {
        events.add(
            new AuditEvent(
                "receive",
                link.partner(),
                link.local().id(),
                null,
                added,
                "{\"path\":\"sightings-from-push\"}"));
      }
      if (!dropped.isEmpty()) {
        events.add(
            new AuditEvent(
                "receive-dropped",
                link.partner(),
                link.local().id(),
                "not-a-sighting-of-what-we-pushed",
                dropped,
                null));
      }
      ctx.store().audit().append(events);
      if (page.dateAddedLast() != null) {
        checkpoint = page.dateAddedLast();
        ctx.store().links().saveBackCheckpoint(link.id(), checkpoint);
      }
      if (!page.more() || (page.next() == null && page.dateAddedLast() == null)) {
        return;
      }
      next = page.next();
    }
  }

  // Whether our collection holds a version of what the sighting sights that the partner may
  // receive: something this link pushed (or will push) there.
  private boolean pushed(Recipient to, IncomingObject sighting) {
    var q =
        new EntryQuery(
            Long.MIN_VALUE,
            1,
            List.of(sighting.sightingOf()),
            List.of(),
            VersionSelector.ALL,
            List.of());
    return ctx.store()
        .reader()
        .page(
            link.local().id(),
            q,
            false,
            e -> ctx.sharing().mayReceive(to, link.local().id(), VersionFacts.of(e)).allowed())
        .map(p -> !p.entries().isEmpty())
        .orElse(false);
  }

  // Kasa partners: the live-update path (returns as soon as something newer is there, or after
  // 30 s). Other servers: poll.
  private void awaitRemote() {
    if (!kasaPartner || !ctx.timing().liveUpdates()) {
      awaitLocal(ctx.timing().poll());
      return;
    }
    try {
      client
          .changes(link.remote(), current().state().checkpoint())
          .ifPresent(c -> ctx.store().links().recordSuccess(link.id(), c.count()));
    } catch (TaxiiClient.Refused e) {
      if (e.status() == 404 || e.status() == 405 || e.status() == 406) {
        kasaPartner = false;
        awaitLocal(ctx.timing().poll());
      } else {
        throw e;
      }
    }
  }

  private void awaitLocal(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (wake) {
      while (!woken && !stopped) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wake.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          stopped = true;
          Thread.currentThread().interrupt();
        }
      }
      woken = false;
    }
  }

  private LinkRecord current() {
    return ctx.store().links().find(link.id()).orElse(link);
  }

  static byte[] envelope(List<StoredEntry> entries) {
    var out = new ByteArrayOutputStream();
    out.writeBytes("{\"objects\":[".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(entries.get(i).body());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String message(RuntimeException e) {
    String m = e.getMessage();
    return (e instanceof KasaException ? "" : e.getClass().getSimpleName() + ": ")
        + (m == null ? "" : m);
  }
}
