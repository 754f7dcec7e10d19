package dev.kasa.cli.node;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.admin.IntelPublisher;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.stix.Tlp;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The admin commands over a node directory: {@code partner add}, {@code user add}, {@code
 * collection add}, {@code grant}, {@code revoke}, {@code intel add}. Each works while the node
 * runs; the node sees the change within a second.
 */
public final class AdminCommands {
  private AdminCommands() {}

  /** {@code kasa partner add}. */
  @Command(name = "partner", mixinStandardHelpOptions = true, description = "Manage partners.")
  public static final class Partner {
    private final PrintWriter out;
    private final Clock clock;

    public Partner(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
            "Add a partner (HTTP Basic uses NAME as the user name), or add secrets to one. Without"
                + " a secret: a partner we only connect to.")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "NAME") String name,
        @Mixin SecretOptions secrets) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.addPartner(name, secrets.secrets());
      }
      out.println("partner " + name + " added");
      return 0;
    }
  }

  /** {@code kasa user add}. */
  @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the node's users.")
  public static final class User {
    private final PrintWriter out;
    private final Clock clock;

    public User(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
            "Add a local user: an admin reads and writes every collection and manages the node, an"
                + " analyst reads findings and intel, a sensor posts events.")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "NAME") String name,
        @Option(names = "--role", required = true, paramLabel = "admin|analyst|sensor") String role,
        @Mixin SecretOptions secrets) {
      Role r =
          switch (role.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "analyst" -> Role.ANALYST;
            case "sensor" -> Role.SENSOR;
            default ->
                throw new KasaException(
                    ErrorCode.USAGE,
                    "--role must be admin, analyst or sensor but is '" + role + "'");
          };
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.addUser(name, r, secrets.secrets());
      }
      out.println("user " + name + " (" + r.name().toLowerCase(Locale.ROOT) + ") added");
      return 0;
    }
  }

  /** {@code kasa collection add}. */
  @Command(
      name = "collection",
      mixinStandardHelpOptions = true,
      description = "Manage collections.")
  public static final class Collection {
    private final PrintWriter out;
    private final Clock clock;

    public Collection(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
            "Create a collection with a new UUID and print the UUID alone; NAME is a local alias"
                + " every command accepts in place of it.")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "NAME") String name,
        @Option(names = "--title", required = true, paramLabel = "T") String title,
        @Option(names = "--description", paramLabel = "D") String description) {
      CollectionRecord c;
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        c = admin.addCollection(name, title, description);
      }
      out.println(c.id());
      return 0;
    }
  }

  /** Which permissions a grant or revoke names: at least one. */
  static final class Permissions {
    @Option(names = "--read", description = "read (GET objects, manifest, versions)")
    boolean read;

    @Option(names = "--write", description = "write (POST objects)")
    boolean write;
  }

  /** {@code kasa grant}. */
  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description = "Grant a partner read and/or write on a collection (UUID or name).")
  public static final class Grant implements java.util.concurrent.Callable<Integer> {
    private final PrintWriter out;
    private final Clock clock;

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Parameters(index = "1", paramLabel = "PARTNER")
    String partner;

    @Parameters(index = "2", paramLabel = "COLLECTION")
    String collection;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Permissions permissions;

    public Grant(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Override
    public Integer call() {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.grant(partner, collection, permissions.read, permissions.write);
      }
      out.println("granted " + names(permissions) + " on " + collection + " to " + partner);
      return 0;
    }
  }

  /** {@code kasa revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a partner's read and/or write on a collection (UUID or name).")
  public static final class Revoke implements java.util.concurrent.Callable<Integer> {
    private final PrintWriter out;
    private final Clock clock;

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Parameters(index = "1", paramLabel = "PARTNER")
    String partner;

    @Parameters(index = "2", paramLabel = "COLLECTION")
    String collection;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Permissions permissions;

    public Revoke(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Override
    public Integer call() {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.revoke(partner, collection, permissions.read, permissions.write);
      }
      out.println("revoked " + names(permissions) + " on " + collection + " from " + partner);
      return 0;
    }
  }

  /** {@code kasa intel add}. */
  @Command(name = "intel", mixinStandardHelpOptions = true, description = "Publish intelligence.")
  public static final class Intel {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    public Intel(PrintWriter out, PrintWriter err, Clock clock) {
      this.out = out;
      this.err = err;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
            "Store what a local user publishes into a collection: STIX bundles, MISP events, plain"
                + " lists, Sigma YAML (each rule an indicator with pattern_type sigma).")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "COLLECTION") String collection,
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "FILE") List<Path> files,
        @Option(
                names = "--tlp",
                paramLabel = "clear|green|amber|amber+strict|red",
                description = "the marking for objects whose input carries none")
            String tlp,
        @Option(
                names = "--user",
                paramLabel = "NAME",
                description = "the local user publishing (default: the operator)")
            String user) {
      Tlp level = Tlp.NONE;
      if (tlp != null) {
        level =
            Tlp.ofLabel(tlp)
                .orElseThrow(
                    () ->
                        new KasaException(
                            ErrorCode.USAGE,
                            "--tlp must be clear, green, amber, amber+strict or red but is '"
                                + tlp
                                + "'"));
      }
      IntelPublisher.Report r;
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        r = admin.addIntel(collection, files, level, user);
      }
      r.problems().forEach(p -> err.println("kasa: refused " + p));
      out.println(
          r.stored()
              + " objects stored, "
              + r.present()
              + " already held, "
              + r.problems().size()
              + " refused");
      return r.problems().isEmpty() ? 0 : 3;
    }
  }

  private static String names(Permissions p) {
    return p.read && p.write ? "read and write" : p.read ? "read" : "write";
  }
}
