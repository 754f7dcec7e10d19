package dev.kasa.node.link;

import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.RelayUnmarked;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.store.Store;
import dev.kasa.node.taxii.ServedCollections;
import dev.kasa.stix.StixReaderLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A node without a server: its directory and store, and the same sharing seam, served collections,
 * intake and link context as {@code kasa serve} builds them. Set up with {@link #admin()} first,
 * then {@link #open()}; links then run one round at a time, in process ({@link InProcessPartner}).
 */
final class InProcessNode implements AutoCloseable {
  /** Large batches, so that one round moves everything a link has. */
  static final LinkTiming TIMING =
      new LinkTiming(
          Duration.ofMillis(10),
          Duration.ofMillis(10),
          Duration.ofMillis(20),
          1000,
          1000,
          TaxiiClient.Options.DEFAULT);

  private final String name;
  private final Path dir;
  private Store store;
  private SharingPolicy sharing;
  private ServedCollections served;
  private ObjectIntake intake;
  private Authenticator auth;
  private LinkContext ctx;

  private InProcessNode(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  static InProcessNode create(Path parent, String name, RelayUnmarked relay) {
    Path dir = parent.resolve(name);
    NodeHome.init(dir, name, List.of(), Clock.systemUTC());
    try {
      Path yml = dir.resolve("kasa.yml");
      String text = Files.readString(yml);
      Files.writeString(
          yml, text.replace("relay-unmarked: none", "relay-unmarked: " + relay.word()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new InProcessNode(name, dir);
  }

  String name() {
    return name;
  }

  NodeAdmin admin() {
    return NodeAdmin.open(dir, Clock.systemUTC());
  }

  /** Opens the store and builds the node's parts from what the admin set up. */
  void open() {
    NodeHome home = NodeHome.open(dir);
    store = home.openStore(Clock.systemUTC());
    sharing = new SharingPolicy(NodeServer.agreements(store, home.config()));
    served = new ServedCollections(store, sharing);
    intake = new ObjectIntake(StixReaderLimits.DEFAULT);
    auth = new Authenticator(store.accounts().state(), Clock.systemUTC());
    ctx =
        new LinkContext(
            store,
            sharing,
            auth::recipient,
            intake,
            TIMING,
            new PrintStream(OutputStream.nullOutputStream()));
  }

  Store store() {
    return store;
  }

  ServedCollections served() {
    return served;
  }

  ObjectIntake intake() {
    return intake;
  }

  Authenticator auth() {
    return auth;
  }

  LinkContext context() {
    return ctx;
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }
}
