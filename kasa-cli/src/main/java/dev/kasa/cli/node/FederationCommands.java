package dev.kasa.cli.node;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.store.AuditEntry;
import dev.kasa.node.store.AuditLog;
import dev.kasa.node.store.LinkRecord;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import dev.kasa.node.store.Versions;
import dev.kasa.node.tls.NodeCertificate;
import dev.kasa.stix.StixTimestamp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The federation's admin commands over a node directory: {@code link add|remove|list}, {@code
 * community add|remove}, {@code recipients add|remove} and {@code audit}. Each works while the node
 * runs; the node sees the change within a second.
 */
public final class FederationCommands {
  private static final JsonFactory JSON = new JsonFactory();

  private FederationCommands() {}

  /** {@code kasa link add|remove|list}. */
  @Command(
      name = "link",
      mixinStandardHelpOptions = true,
      description = "Manage links to partners.")
  public static final class Link {
    private final PrintWriter out;
    private final Clock clock;

    public Link(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description =
            "Pull a partner's collection into one of ours and/or push one of ours to it. Does not"
                + " contact the partner (errors show in 'link list'); prints the local collection's"
                + " UUID alone.")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "PARTNER") String partner,
        @Option(
                names = "--url",
                required = true,
                paramLabel = "URL",
                description = "the partner's discovery URL (https://HOST:PORT/taxii2/) or API root")
            String url,
        @Option(
                names = "--collection",
                required = true,
                paramLabel = "REMOTE",
                description = "the partner's collection UUID")
            String remote,
        @Option(
                names = "--local",
                paramLabel = "LOCAL",
                description =
                    "our collection (name or UUID; default: a new one named PARTNER-REMOTE)")
            String local,
        @Option(names = "--pull", description = "pull REMOTE into LOCAL") boolean pull,
        @Option(names = "--push", description = "push LOCAL to REMOTE") boolean push,
        @Option(
                names = "--user",
                paramLabel = "NAME",
                description = "the user name the partner issued us (default: our node's name)")
            String user,
        @Mixin ClientSecret secret) {
      if (!pull && !push) {
        throw new KasaException(ErrorCode.USAGE, "give --pull, --push or both");
      }
      checkHttps(url);
      if (!remote.matches("[0-9a-fA-F-]{36}")) {
        throw new KasaException(
            ErrorCode.USAGE,
            "--collection must be the partner's collection UUID but is '" + remote + "'");
      }
      var directions = EnumSet.noneOf(Direction.class);
      if (pull) {
        directions.add(Direction.PULL);
      }
      if (push) {
        directions.add(Direction.PUSH);
      }
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        var spec =
            new LinkStore.Spec(
                partner,
                remote.toLowerCase(java.util.Locale.ROOT),
                local,
                directions,
                url,
                user == null ? admin.home().config().name() : user,
                secret.kind(),
                secret.file() == null ? null : secret.file().toAbsolutePath().toString(),
                secret.caPem());
        out.println(admin.addLink(spec).id());
      }
      return 0;
    }

    @Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove the link (both directions) to a partner's collection.")
    int remove(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "PARTNER") String partner,
        @Option(names = "--collection", required = true, paramLabel = "REMOTE") String remote) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.removeLink(partner, remote.toLowerCase(java.util.Locale.ROOT));
      }
      out.println("link to " + partner + "'s collection " + remote + " removed");
      return 0;
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List links with their state: last success, last error, checkpoint, behind.")
    int list(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Option(names = "--json", description = "one JSON object per line") boolean json) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        for (LinkRecord l : admin.links()) {
          Long behind =
              l.direction() == Direction.PUSH ? Long.valueOf(admin.outbox(l)) : l.state().behind();
          String checkpoint =
              l.direction() == Direction.PULL
                  ? l.state().checkpoint()
                  : l.state().pushCursor() > 0
                      ? Versions.taxiiTimestamp(l.state().pushCursor())
                      : null;
          if (json) {
            out.println(
                write(
                    g -> {
                      g.writeStartObject();
                      g.writeStringField("partner", l.partner());
                      g.writeStringField("remote", l.remote());
                      g.writeStringField("local", l.local().id());
                      g.writeStringField("local_name", l.local().alias());
                      g.writeStringField("direction", l.direction().word());
                      g.writeStringField("url", l.url());
                      g.writeStringField("last_success", time(l.state().lastSuccess()));
                      g.writeStringField("last_error", l.state().lastError());
                      g.writeStringField("checkpoint", checkpoint);
                      if (behind == null) {
                        g.writeNullField("behind");
                      } else {
                        g.writeNumberField("behind", behind);
                      }
                      g.writeEndObject();
                    }));
          } else {
            out.println(
                l.partner()
                    + " "
                    + l.direction().word()
                    + " remote "
                    + l.remote()
                    + " local "
                    + l.local().alias()
                    + ": last success "
                    + orDash(time(l.state().lastSuccess()))
                    + ", checkpoint "
                    + orDash(checkpoint)
                    + ", behind "
                    + (behind == null ? "-" : behind)
                    + (l.state().lastError() == null
                        ? ""
                        : ", last error: " + l.state().lastError()));
          }
        }
      }
      return 0;
    }
  }

  /** {@code kasa community add|remove}. */
  @Command(
      name = "community",
      mixinStandardHelpOptions = true,
      description = "Manage communities of partners (TLP:GREEN goes within a community).")
  public static final class Community {
    private final PrintWriter out;
    private final Clock clock;

    public Community(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Create community NAME or add partners to it.")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "NAME") String name,
        @Option(
                names = "--partner",
                required = true,
                paramLabel = "P",
                description = "a partner (repeatable)")
            List<String> partners) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.addToCommunity(name, partners);
      }
      out.println("community " + name + ": added " + String.join(", ", partners));
      return 0;
    }

    @Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove partners from community NAME, or (without --partner) the community.")
    int remove(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "NAME") String name,
        @Option(names = "--partner", paramLabel = "P", description = "a partner (repeatable)")
            List<String> partners) {
      List<String> ps = partners == null ? List.of() : partners;
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.removeFromCommunity(name, ps);
      }
      out.println(
          ps.isEmpty()
              ? "community " + name + " removed"
              : "community " + name + ": removed " + String.join(", ", ps));
      return 0;
    }
  }

  /** {@code kasa recipients add|remove}. */
  @Command(
      name = "recipients",
      mixinStandardHelpOptions = true,
      description = "Name the partners a TLP:RED object of ours goes to (every version of the id).")
  public static final class Recipients {
    private final PrintWriter out;
    private final Clock clock;

    public Recipients(PrintWriter out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Name partners as recipients of OBJECT_ID (also before it arrives).")
    int add(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "OBJECT_ID") String id,
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "PARTNER") List<String> partners) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.addRecipients(id, partners);
      }
      out.println(id + ": recipients " + String.join(", ", partners) + " added");
      return 0;
    }

    @Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Take partners off the named recipients of OBJECT_ID.")
    int remove(
        @Parameters(index = "0", paramLabel = "DIR") Path dir,
        @Parameters(index = "1", paramLabel = "OBJECT_ID") String id,
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "PARTNER") List<String> partners) {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        admin.removeRecipients(id, partners);
      }
      out.println(id + ": recipients " + String.join(", ", partners) + " removed");
      return 0;
    }
  }

  /** {@code kasa audit}. */
  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description =
          "Print the audit chain, one JSON line per entry; --verify checks the chain (exit 0 when"
              + " intact, else 3 naming the first bad entry).")
  public static final class Audit implements java.util.concurrent.Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--since", paramLabel = "T", description = "entries at or after T (RFC 3339)")
    String since;

    @Option(names = "--partner", paramLabel = "P", description = "entries about partner P")
    String partner;

    @Option(names = "--object", paramLabel = "ID", description = "entries carrying object ID")
    String object;

    @Option(names = "--verify", description = "check the hash chain instead of printing it")
    boolean verify;

    public Audit(PrintWriter out, PrintWriter err, Clock clock) {
      this.out = out;
      this.err = err;
      this.clock = clock;
    }

    @Override
    public Integer call() {
      try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
        if (verify) {
          Optional<String> problem = admin.audit().verify();
          if (problem.isPresent()) {
            err.println("kasa: the audit chain is broken: " + problem.get());
            return 3;
          }
          out.println("the audit chain is intact (" + admin.audit().lastSeq() + " entries)");
          return 0;
        }
        Long sinceMicros = null;
        if (since != null) {
          Instant t = StixTimestamp.parseInstant(since);
          if (t == null) {
            throw new KasaException(
                ErrorCode.USAGE,
                "--since must be a time such as 2024-01-02T03:04:05Z but is '" + since + "'");
          }
          sinceMicros = Versions.micros(t);
        }
        admin
            .audit()
            .read(new AuditLog.Filter(sinceMicros, partner, object), e -> out.println(line(e)));
      }
      return 0;
    }
  }

  /** One audit entry as a JSON line. */
  static String line(AuditEntry e) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("seq", e.seq());
          g.writeStringField("at", Versions.taxiiTimestamp(e.at()));
          g.writeStringField("kind", e.event().kind());
          g.writeStringField("principal", e.event().principal());
          g.writeStringField("collection", e.event().collection());
          g.writeStringField("rule", e.event().rule());
          g.writeArrayFieldStart("objects");
          for (String id : e.objects()) {
            g.writeString(id);
          }
          g.writeEndArray();
          if (e.event().detail() == null) {
            g.writeNullField("detail");
          } else {
            g.writeFieldName("detail");
            g.writeRawValue(e.event().detail());
          }
          g.writeStringField("hash", e.hash());
          g.writeEndObject();
        });
  }

  /** {@code --password-file F | --token-file F} and {@code --ca-file F} of a client. */
  static final class ClientSecret {
    @Option(
        names = "--password-file",
        paramLabel = "F",
        description = "a file whose first line is the password the partner issued us")
    Path passwordFile;

    @Option(
        names = "--token-file",
        paramLabel = "F",
        description = "a file whose first line is the token the partner issued us")
    Path tokenFile;

    @Option(
        names = "--ca-file",
        paramLabel = "F",
        description = "the partner's certificate to pin (from its 'kasa node cert')")
    Path caFile;

    dev.kasa.node.store.AccessState.SecretKind kind() {
      check();
      return passwordFile != null
          ? dev.kasa.node.store.AccessState.SecretKind.PASSWORD
          : tokenFile != null ? dev.kasa.node.store.AccessState.SecretKind.TOKEN : null;
    }

    Path file() {
      check();
      Path f = passwordFile != null ? passwordFile : tokenFile;
      if (f != null) {
        dev.kasa.node.Secrets.firstLine(f);
      }
      return f;
    }

    String secret() {
      Path f = file();
      return f == null ? null : dev.kasa.node.Secrets.firstLine(f);
    }

    String caPem() {
      if (caFile == null) {
        return null;
      }
      NodeCertificate.readCertificate(caFile);
      try {
        return Files.readString(caFile);
      } catch (IOException e) {
        throw new KasaException(ErrorCode.UNREADABLE_INPUT, "cannot read " + caFile + ": " + e);
      }
    }

    private void check() {
      if (passwordFile != null && tokenFile != null) {
        throw new KasaException(ErrorCode.USAGE, "give --password-file or --token-file, not both");
      }
    }
  }

  static void checkHttps(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new KasaException(ErrorCode.USAGE, "--url is not a URL: '" + url + "'");
    }
    if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new KasaException(
          ErrorCode.USAGE,
          "--url must be https://HOST:PORT/taxii2/ or an API root but is '" + url + "'");
    }
  }

  private static String time(Long micros) {
    return micros == null ? null : Versions.taxiiTimestamp(micros);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static String write(Body body) {
    var out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
