package dev.kasa.node.link;

import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.StoreChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The links of a running node: one runner per link and direction, each on its own thread, started
 * and stopped as {@code kasa link add|remove} change the store ({@link #refresh}). A push runner
 * wakes when objects are added to its collection.
 */
public final class Links implements AutoCloseable {
  private final LinkContext ctx;
  private final Map<Long, Running> running = new java.util.concurrent.ConcurrentHashMap<>();
  private final AutoCloseable subscription;
  private boolean closed;

  private record Running(LinkRunner runner, Thread thread) {}

  public Links(LinkContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.subscription = ctx.store().subscribe(this::changed);
    refresh();
  }

  /** Starts links that are new or changed, stops those removed, and wakes every push link. */
  public synchronized void refresh() {
    if (closed) {
      return;
    }
    List<LinkRecord> links = ctx.store().links().all();
    var wanted = new HashMap<Long, LinkRecord>();
    links.forEach(l -> wanted.put(l.id(), l));
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      LinkRecord now = wanted.get(e.getKey());
      if (now == null || !sameSetup(now, e.getValue().runner().link())) {
        e.getValue().runner().stop();
        e.getValue().thread().interrupt();
        it.remove();
      }
    }
    for (LinkRecord l : links) {
      Running r = running.get(l.id());
      if (r == null) {
        var runner = new LinkRunner(l, ctx);
        Thread t =
            Thread.ofVirtual()
                .name("kasa-link-" + l.partner() + "-" + l.direction().word())
                .start(runner);
        running.put(l.id(), new Running(runner, t));
      } else if (l.direction() == Direction.PUSH) {
        r.runner().wake();
      }
    }
  }

  /** How many link runners are running. */
  public synchronized int size() {
    return running.size();
  }

  private void changed(StoreChange change) {
    for (Running r : running.values()) {
      LinkRecord l = r.runner().link();
      if (l.direction() == Direction.PUSH && l.local().id().equals(change.collectionId())) {
        r.runner().wake();
      }
    }
  }

  private static boolean sameSetup(LinkRecord a, LinkRecord b) {
    return a.partner().equals(b.partner())
        && a.remote().equals(b.remote())
        && a.local().id().equals(b.local().id())
        && a.direction() == b.direction()
        && a.url().equals(b.url())
        && a.user().equals(b.user())
        && a.secretKind() == b.secretKind()
        && Objects.equals(a.secretFile(), b.secretFile())
        && Objects.equals(a.caPem(), b.caPem());
  }

  /** Stops every link and waits (briefly) for them to finish what they are doing. */
  @Override
  public void close() {
    List<Running> stopping;
    synchronized (this) {
      closed = true;
      stopping = List.copyOf(running.values());
      running.clear();
    }
    try {
      subscription.close();
    } catch (Exception e) {
      // Only removes a listener.
    }
    stopping.forEach(r -> r.runner().stop());
    stopping.forEach(r -> r.thread().interrupt());
    for (Running r : stopping) {
      try {
        r.thread().join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
