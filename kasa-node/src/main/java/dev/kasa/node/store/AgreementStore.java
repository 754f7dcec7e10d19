package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.store.AccessState.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Communities of partners and the partners named as recipients of TLP:RED objects of ours. Every
 * change is audited in its own transaction and moves the change counter (a running node reloads)
 * and the sharing epoch (push links look at their collections again).
 */
public final class AgreementStore {
  private final Store store;

  AgreementStore(Store store) {
    this.store = store;
  }

  /** Communities and named recipients, read in one transaction. */
  public record Snapshot(Map<String, Set<String>> communities, Map<String, Set<String>> red) {
    public Snapshot {
      communities = Map.copyOf(communities);
      red = Map.copyOf(red);
    }
  }

  /**
   * Creates community {@code name} or adds partners to it.
   *
   * @throws KasaException {@link ErrorCode#NOT_FOUND} when a name is no principal; {@link
   *     ErrorCode#USAGE} when it is a local user
   */
  public void addToCommunity(String name, List<String> partners) {
    store.write(
        h -> {
          requirePartners(h, partners);
          boolean exists = communityExists(h, name);
          if (!exists) {
            h.createUpdate("INSERT INTO community (name, created_at) VALUES (?, ?)")
                .bind(0, name)
                .bind(1, store.nowMicros())
                .execute();
          }
          for (String p : partners) {
            h.createUpdate(
                    "INSERT INTO community_member (community, partner) VALUES (?, ?)"
                        + " ON CONFLICT (community, partner) DO NOTHING")
                .bind(0, name)
                .bind(1, p)
                .execute();
          }
          changed(h, "community-add", name, partners);
          return null;
        });
  }

  /**
   * Removes partners from community {@code name}, or the whole community when {@code partners} is
   * empty.
   *
   * @throws KasaException {@link ErrorCode#NOT_FOUND} when the community does not exist or a
   *     partner is not in it
   */
  public void removeFromCommunity(String name, List<String> partners) {
    store.write(
        h -> {
          if (!communityExists(h, name)) {
            throw new KasaException(ErrorCode.NOT_FOUND, "no community named '" + name + "'");
          }
          if (partners.isEmpty()) {
            h.createUpdate("DELETE FROM community_member WHERE community = ?")
                .bind(0, name)
                .execute();
            h.createUpdate("DELETE FROM community WHERE name = ?").bind(0, name).execute();
          } else {
            for (String p : partners) {
              int n =
                  h.createUpdate("DELETE FROM community_member WHERE community = ? AND partner = ?")
                      .bind(0, name)
                      .bind(1, p)
                      .execute();
              if (n == 0) {
                throw new KasaException(
                    ErrorCode.NOT_FOUND, "'" + p + "' is not a member of community '" + name + "'");
              }
            }
          }
          changed(h, "community-remove", name, partners);
          return null;
        });
  }

  /**
   * Names partners as recipients of every version of the TLP:RED object {@code stixId} (also before
   * it arrives).
   */
  public void addRecipients(String stixId, List<String> partners) {
    store.write(
        h -> {
          requirePartners(h, partners);
          for (String p : partners) {
            h.createUpdate(
                    "INSERT INTO red_recipient (stix_id, partner) VALUES (?, ?)"
                        + " ON CONFLICT (stix_id, partner) DO NOTHING")
                .bind(0, stixId)
                .bind(1, p)
                .execute();
          }
          recipientsChanged(h, "recipients-add", stixId, partners);
          return null;
        });
  }

  /** Takes partners off the recipients of {@code stixId}. */
  public void removeRecipients(String stixId, List<String> partners) {
    store.write(
        h -> {
          for (String p : partners) {
            int n =
                h.createUpdate("DELETE FROM red_recipient WHERE stix_id = ? AND partner = ?")
                    .bind(0, stixId)
                    .bind(1, p)
                    .execute();
            if (n == 0) {
              throw new KasaException(
                  ErrorCode.NOT_FOUND, "'" + p + "' is not a named recipient of " + stixId);
            }
          }
          recipientsChanged(h, "recipients-remove", stixId, partners);
          return null;
        });
  }

  /** Every community with its members, and every named recipient. */
  public Snapshot snapshot() {
    return store.call(
        h -> {
          Map<String, Set<String>> communities = new HashMap<>();
          h.createQuery("SELECT name FROM community")
              .mapTo(String.class)
              .forEach(n -> communities.put(n, new TreeSet<>()));
          h.createQuery("SELECT community, partner FROM community_member")
              .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
              .forEach(r -> communities.get(r[0]).add(r[1]));
          Map<String, Set<String>> red = new HashMap<>();
          h.createQuery("SELECT stix_id, partner FROM red_recipient")
              .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
              .forEach(r -> red.computeIfAbsent(r[0], k -> new TreeSet<>()).add(r[1]));
          return new Snapshot(communities, red);
        });
  }

  /**
   * The sharing epoch: moved by every change that can let objects go where they could not before.
   */
  public long sharingEpoch() {
    return store.call(
        h ->
            h.createQuery("SELECT sharing_epoch FROM node_state WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }

  static void bumpSharingEpoch(Handle h) {
    h.execute("UPDATE node_state SET sharing_epoch = sharing_epoch + 1 WHERE id = 1");
  }

  private void changed(Handle h, String kind, String community, List<String> partners) {
    store.bumpChangeCounter(h);
    bumpSharingEpoch(h);
    var events = new ArrayList<AuditEvent>();
    String detail = "{\"community\":" + Json.quote(community) + "}";
    if (partners.isEmpty()) {
      events.add(AuditEvent.of(kind, null, null, detail));
    }
    for (String p : partners) {
      events.add(AuditEvent.of(kind, p, null, detail));
    }
    AuditLog.append(store, h, events);
  }

  private void recipientsChanged(Handle h, String kind, String stixId, List<String> partners) {
    store.bumpChangeCounter(h);
    bumpSharingEpoch(h);
    var events = new ArrayList<AuditEvent>();
    for (String p : partners) {
      events.add(new AuditEvent(kind, p, null, null, List.of(stixId), null));
    }
    AuditLog.append(store, h, events);
  }

  private static boolean communityExists(Handle h, String name) {
    return h.createQuery("SELECT count(*) FROM community WHERE name = ?")
            .bind(0, name)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  static void requirePartners(Handle h, List<String> names) {
    for (String p : names) {
      var kind =
          h.createQuery("SELECT kind FROM principal WHERE name = ?")
              .bind(0, p)
              .mapTo(String.class)
              .findOne();
      if (kind.isEmpty()) {
        throw new KasaException(ErrorCode.NOT_FOUND, "no partner named '" + p + "'");
      }
      if (!kind.get().equals(Kind.PARTNER.name().toLowerCase(java.util.Locale.ROOT))) {
        throw new KasaException(ErrorCode.USAGE, "'" + p + "' is a local user, not a partner");
      }
    }
  }
}
