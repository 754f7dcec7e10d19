package dev.kasa.cli.node;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.link.TaxiiClient;
import dev.kasa.node.tls.NodeCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kasa taxii get|put}: a TAXII 2.1 client for any TAXII 2.1 server. */
@Command(
    name = "taxii",
    mixinStandardHelpOptions = true,
    description = "Read or write a collection of any TAXII 2.1 server.")
public final class TaxiiCommand {
  private static final JsonFactory JSON = new JsonFactory();
  private final PrintWriter out;

  public TaxiiCommand(PrintWriter out) {
    this.out = out;
  }

  /** The server and how to reach it. */
  static final class Server {
    @Parameters(
        index = "0",
        paramLabel = "URL",
        description = "the discovery URL (https://HOST:PORT/taxii2/) or an API root URL")
    String url;

    @Option(
        names = "--collection",
        required = true,
        paramLabel = "ID",
        description = "the collection's id")
    String collection;

    @Option(names = "--user", paramLabel = "U", description = "the user name (HTTP Basic)")
    String user;

    @Mixin FederationCommands.ClientSecret secret;

    TaxiiClient client() {
      FederationCommands.checkHttps(url);
      var kind = secret.kind();
      if (kind == dev.kasa.node.store.AccessState.SecretKind.PASSWORD && user == null) {
        throw new KasaException(ErrorCode.USAGE, "--password-file needs --user");
      }
      String pem = secret.caPem();
      return new TaxiiClient(
          URI.create(url),
          new TaxiiClient.Credentials(user == null ? "" : user, kind, secret.secret()),
          pem == null ? null : NodeCertificate.parseCertificate(pem),
          TaxiiClient.Options.DEFAULT);
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Write the collection's objects (all pages) to stdout as one STIX bundle.")
  int get(
      @Mixin Server server,
      @Option(
              names = "--added-after",
              paramLabel = "T",
              description = "only objects added after T (a TAXII timestamp)")
          String addedAfter) {
    TaxiiClient client = server.client();
    var bundle = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(bundle)) {
      g.writeStartObject();
      g.writeStringField("type", "bundle");
      g.writeStringField("id", "bundle--" + UUID.randomUUID());
      g.writeArrayFieldStart("objects");
      String after = addedAfter;
      String next = null;
      while (true) {
        TaxiiClient.Page page = client.objects(server.collection, after, next, 1000);
        copyObjects(page.body(), g);
        if (!page.more()) {
          break;
        }
        if (page.next() == null && page.dateAddedLast() == null) {
          throw new KasaException(
              ErrorCode.INVALID_INPUT, "the server says more but gives no next and no date added");
        }
        next = page.next();
        after = page.dateAddedLast() != null ? page.dateAddedLast() : after;
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.INVALID_INPUT, "the server's page is not JSON: " + e.getMessage(), e);
    }
    out.println(bundle);
    return 0;
  }

  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description =
          "Post each bundle FILE to the collection; print each status's counts. Exits 0 only when"
              + " every object succeeded, else 3.")
  int put(
      @Mixin Server server,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE") List<Path> files) {
    TaxiiClient client = server.client();
    boolean all = true;
    for (Path f : files) {
      byte[] envelope;
      try {
        envelope = envelope(Files.readAllBytes(f));
      } catch (IOException e) {
        throw new KasaException(
            ErrorCode.UNREADABLE_INPUT, "cannot read " + f + ": " + e.getMessage(), e);
      }
      TaxiiClient.Status s = client.add(server.collection, envelope);
      out.println(
          f
              + ": status "
              + s.status()
              + ", total "
              + s.total()
              + ", success "
              + s.success()
              + ", failure "
              + s.failure()
              + ", pending "
              + s.pending());
      all &= s.failure() == 0 && s.pending() == 0 && s.success() == s.total();
    }
    return all ? 0 : 3;
  }

  // The "objects" of a bundle or envelope, as a TAXII envelope.
  static byte[] envelope(byte[] bundle) throws IOException {
    var buf = new ByteArrayOutputStream(bundle.length + 32);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeArrayFieldStart("objects");
      copyObjects(bundle, g);
      g.writeEndArray();
      g.writeEndObject();
    }
    return buf.toByteArray();
  }

  private static void copyObjects(byte[] body, JsonGenerator g) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("objects") && v == JsonToken.START_ARRAY) {
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            g.copyCurrentStructure(p);
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
