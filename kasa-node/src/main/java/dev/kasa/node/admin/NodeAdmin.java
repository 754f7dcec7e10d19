package dev.kasa.node.admin;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.NodeHome;
import dev.kasa.node.auth.SecretHasher;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.AccessState.SecretRecord;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkStore;
import dev.kasa.node.store.Store;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The admin operations behind {@code kasa partner|user|collection add}, {@code grant}, {@code
 * revoke} and {@code intel add}. Each is one store transaction; a running node sees it within a
 * second (it polls the store's change counter).
 */
public final class NodeAdmin implements AutoCloseable {
  private final NodeHome home;
  private final Store store;
  private final Clock clock;

  private NodeAdmin(NodeHome home, Store store, Clock clock) {
    this.home = home;
    this.store = store;
    this.clock = clock;
  }

  /** Opens the node directory's store. */
  public static NodeAdmin open(Path dir, Clock clock) {
    NodeHome home = NodeHome.open(dir);
    return new NodeAdmin(home, home.openStore(clock), clock);
  }

  public NodeHome home() {
    return home;
  }

  /** Adds a partner, or adds secrets to one; without secrets, a partner we only connect to. */
  public void addPartner(String name, List<Secret> secrets) {
    NodeHome.checkName("partner name", name);
    store
        .accounts()
        .addPrincipal(new PrincipalRecord(name, Kind.PARTNER, null), hashes(name, secrets));
  }

  /**
   * Adds a local user with a role and at least one secret, or adds secrets to one.
   *
   * @throws KasaException {@link ErrorCode#USAGE} without a secret
   */
  public void addUser(String name, Role role, List<Secret> secrets) {
    NodeHome.checkName("user name", name);
    if (secrets.isEmpty()) {
      throw new KasaException(
          ErrorCode.USAGE, "a user needs at least one --password-file or --token-file");
    }
    store
        .accounts()
        .addPrincipal(new PrincipalRecord(name, Kind.USER, role), hashes(name, secrets));
  }

  /** Adds or replaces protected assets (by name), in one transaction. */
  public void putAssets(List<dev.kasa.node.asset.Asset> assets) {
    store.assets().put(assets);
  }

  /** Every protected asset, by name. */
  public List<dev.kasa.node.asset.Asset> assets() {
    return store.assets().list();
  }

  /** Creates a collection with a new version-4 UUID; {@code alias} names it locally. */
  public CollectionRecord addCollection(String alias, String title, String description) {
    NodeHome.checkName("collection name", alias);
    if (title == null || title.isBlank()) {
      throw new KasaException(ErrorCode.USAGE, "--title must not be empty");
    }
    return store.collections().add(alias, title, description);
  }

  /** Grants read and/or write on a collection (UUID or alias) to a partner. */
  public void grant(String partner, String collection, boolean read, boolean write) {
    requirePartner(partner);
    store
        .accounts()
        .setGrant(partner, collection, read ? Boolean.TRUE : null, write ? Boolean.TRUE : null);
  }

  /** Revokes read and/or write on a collection from a partner. */
  public void revoke(String partner, String collection, boolean read, boolean write) {
    requirePartner(partner);
    store
        .accounts()
        .setGrant(partner, collection, read ? Boolean.FALSE : null, write ? Boolean.FALSE : null);
  }

  /**
   * Stores what a local user publishes into a collection (UUID or alias).
   *
   * @param user the local user it is recorded as coming from, or null for the node's operator
   * @param tlp the marking for objects whose input carries none, or {@link Tlp#NONE}
   */
  public IntelPublisher.Report addIntel(String collection, List<Path> files, Tlp tlp, String user) {
    CollectionRecord col = store.collections().resolve(collection);
    String origin = user == null ? "operator" : user;
    if (user != null) {
      PrincipalRecord p =
          store
              .accounts()
              .principal(user)
              .orElseThrow(
                  () -> new KasaException(ErrorCode.USAGE, "no user named '" + user + "'"));
      if (p.kind() != Kind.USER) {
        throw new KasaException(ErrorCode.USAGE, "'" + user + "' is a partner, not a local user");
      }
    }
    return new IntelPublisher(store, clock).publish(col, files, tlp, origin);
  }

  /**
   * Adds a link (or directions to one); see {@link LinkStore#add}. Does not contact the partner.
   *
   * @return the local collection
   */
  public CollectionRecord addLink(LinkStore.Spec spec) {
    NodeHome.checkName("partner name", spec.partner());
    return store.links().add(spec);
  }

  /** Removes both directions of the link to {@code partner}'s collection {@code remote}. */
  public void removeLink(String partner, String remote) {
    store.links().remove(partner, remote);
  }

  /** Every link with its state. */
  public List<LinkRecord> links() {
    return store.links().all();
  }

  /** A push link's outbox: entries of its collection after its cursor. */
  public long outbox(LinkRecord link) {
    return store.links().outbox(link);
  }

  /** Creates community {@code name} or adds partners to it. */
  public void addToCommunity(String name, List<String> partners) {
    NodeHome.checkName("community name", name);
    store.agreements().addToCommunity(name, partners);
  }

  /** Removes partners from community {@code name}, or the whole community. */
  public void removeFromCommunity(String name, List<String> partners) {
    store.agreements().removeFromCommunity(name, partners);
  }

  /** Names partners as recipients of every version of the TLP:RED object {@code stixId}. */
  public void addRecipients(String stixId, List<String> partners) {
    store.agreements().addRecipients(checkStixId(stixId), partners);
  }

  /** Takes partners off the named recipients of {@code stixId}. */
  public void removeRecipients(String stixId, List<String> partners) {
    store.agreements().removeRecipients(checkStixId(stixId), partners);
  }

  /** The audit chain. */
  public AuditLog audit() {
    return store.audit();
  }

  private static String checkStixId(String id) {
    if (!id.matches("[a-z0-9][a-z0-9-]{0,249}--[0-9a-fA-F-]{36}")) {
      throw new KasaException(
          ErrorCode.USAGE,
          "OBJECT_ID must be a STIX id such as indicator--<uuid> but is '" + id + "'");
    }
    return id;
  }

  private void requirePartner(String name) {
    PrincipalRecord p =
        store
            .accounts()
            .principal(name)
            .orElseThrow(
                () -> new KasaException(ErrorCode.USAGE, "no partner named '" + name + "'"));
    if (p.kind() != Kind.PARTNER) {
      throw new KasaException(
          ErrorCode.USAGE,
          "'"
              + name
              + "' is a local user (role "
              + p.role().name().toLowerCase(java.util.Locale.ROOT)
              + "): grants are for partners, users act by their role");
    }
  }

  private List<SecretRecord> hashes(String principal, List<Secret> secrets) {
    String salt =
        secrets.stream().anyMatch(s -> s.kind() == SecretKind.TOKEN)
            ? store.accounts().tokenSalt()
            : null;
    return secrets.stream()
        .map(
            s ->
                new SecretRecord(
                    principal,
                    s.kind(),
                    s.kind() == SecretKind.PASSWORD
                        ? SecretHasher.hashPassword(s.value())
                        : SecretHasher.hashToken(s.value(), salt)))
        .toList();
  }

  @Override
  public void close() {
    store.close();
  }
}
