package dev.kasa.cli.node;

import static dev.kasa.cli.CliRun.kasa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.cli.CliRun;
import dev.kasa.node.NodeConfig;
import dev.kasa.node.NodeHome;
import dev.kasa.node.NodeServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa link|community|recipients|audit|taxii}, run in-process as a user types them. */
class FederationCommandsTest {
  @TempDir Path tmp;

  private Path node(String name) {
    Path dir = tmp.resolve(name);
    CliRun r = kasa("node", "init", dir.toString(), "--name", name);
    assertThat(r.status()).as(r.err()).isZero();
    return dir;
  }

  private Path file(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void linkAddPrintsTheLocalCollectionAndListShowsItsState() throws Exception {
    Path alpha = node("alpha");
    Path bravoCert = file("bravo.pem", kasa("node", "cert", node("bravo").toString()).out());
    Path pw = file("pw", "issued-to-alpha\n");
    String remote = UUID.randomUUID().toString();
    CliRun add =
        kasa(
            "link",
            "add",
            alpha.toString(),
            "bravo",
            "--url",
            "https://127.0.0.1:9/taxii2/",
            "--collection",
            remote,
            "--pull",
            "--password-file",
            pw.toString(),
            "--ca-file",
            bravoCert.toString());
    assertThat(add.status()).as(add.err()).isZero();
    assertThat(UUID.fromString(add.out().strip()).version()).isEqualTo(4);
    CliRun list = kasa("link", "list", alpha.toString(), "--json");
    assertThat(list.status()).as(list.err()).isZero();
    List<JsonNode> links = list.jsonLines();
    assertThat(links).hasSize(1);
    JsonNode l = links.get(0);
    assertThat(l.get("partner").asText()).isEqualTo("bravo");
    assertThat(l.get("remote").asText()).isEqualTo(remote);
    assertThat(l.get("local").asText()).isEqualTo(add.out().strip());
    assertThat(l.get("direction").asText()).isEqualTo("pull");
    assertThat(l.get("last_success").isNull()).isTrue();
    assertThat(l.get("last_error").isNull()).isTrue();
    assertThat(l.get("checkpoint").isNull()).isTrue();
    assertThat(l.get("behind").isNull()).isTrue();

    // --push needs the partner's read grant on LOCAL: a usage error, nothing changed.
    CliRun push =
        kasa(
            "link",
            "add",
            alpha.toString(),
            "bravo",
            "--url",
            "https://127.0.0.1:9/taxii2/",
            "--collection",
            remote,
            "--push");
    assertThat(push.status()).isEqualTo(2);
    assertThat(push.err()).contains("no read grant");
    assertThat(kasa("link", "list", alpha.toString(), "--json").jsonLines()).hasSize(1);
    // No option skips verification; the URL must be https.
    assertThat(
            kasa(
                    "link",
                    "add",
                    alpha.toString(),
                    "bravo",
                    "--url",
                    "http://127.0.0.1:9/taxii2/",
                    "--collection",
                    remote,
                    "--pull")
                .status())
        .isEqualTo(2);

    CliRun remove = kasa("link", "remove", alpha.toString(), "bravo", "--collection", remote);
    assertThat(remove.status()).as(remove.err()).isZero();
    assertThat(kasa("link", "list", alpha.toString(), "--json").out()).isBlank();
  }

  @Test
  void communitiesRecipientsAndTheAuditChain() throws Exception {
    Path alpha = node("alpha");
    Path pw = file("pw", "pw\n");
    for (String p : List.of("bravo", "charlie")) {
      assertThat(
              kasa("partner", "add", alpha.toString(), p, "--password-file", pw.toString())
                  .status())
          .isZero();
    }
    assertThat(
            kasa(
                    "community",
                    "add",
                    alpha.toString(),
                    "allies",
                    "--partner",
                    "bravo",
                    "--partner",
                    "charlie")
                .status())
        .isZero();
    assertThat(kasa("community", "add", alpha.toString(), "allies", "--partner", "nobody").status())
        .isEqualTo(2);
    assertThat(
            kasa("community", "remove", alpha.toString(), "allies", "--partner", "charlie")
                .status())
        .isZero();
    assertThat(kasa("community", "remove", alpha.toString(), "allies").status()).isZero();
    assertThat(kasa("community", "remove", alpha.toString(), "allies").status()).isEqualTo(2);
    String red = "indicator--" + UUID.randomUUID();
    assertThat(kasa("recipients", "add", alpha.toString(), red, "bravo").status()).isZero();
    assertThat(kasa("recipients", "add", alpha.toString(), "not-an-id", "bravo").status())
        .isEqualTo(2);
    assertThat(kasa("recipients", "remove", alpha.toString(), red, "bravo").status()).isZero();

    CliRun audit = kasa("audit", alpha.toString());
    assertThat(audit.status()).isZero();
    List<String> kinds = audit.jsonLines().stream().map(e -> e.get("kind").asText()).toList();
    assertThat(kinds)
        .containsSubsequence(
            "partner-add",
            "partner-add",
            "community-add",
            "community-remove",
            "community-remove",
            "recipients-add",
            "recipients-remove");
    List<JsonNode> aboutRed = kasa("audit", alpha.toString(), "--object", red).jsonLines();
    assertThat(aboutRed).hasSize(2);
    assertThat(kasa("audit", alpha.toString(), "--partner", "charlie").jsonLines())
        .extracting(e -> e.get("kind").asText())
        .containsExactly("partner-add", "community-add", "community-remove");
    assertThat(kasa("audit", alpha.toString(), "--since", "2999-01-01T00:00:00Z").out()).isBlank();
    CliRun verify = kasa("audit", alpha.toString(), "--verify");
    assertThat(verify.status()).as(verify.err()).isZero();

    // Someone with the database file rewrites entry 3 behind the triggers' back.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + alpha.resolve("store.db"))) {
      c.createStatement().execute("DROP TRIGGER audit_no_update");
      c.createStatement().execute("UPDATE audit_entry SET principal = 'mallory' WHERE seq = 3");
    }
    CliRun broken = kasa("audit", alpha.toString(), "--verify");
    assertThat(broken.status()).isEqualTo(3);
    assertThat(broken.err()).contains("entry 3");
  }

  @Test
  void taxiiPutAndGetTalkToAServer() throws Exception {
    Path alpha = node("alpha");
    Path pw = file("admin-pw", "admin-password\n");
    assertThat(
            kasa(
                    "user",
                    "add",
                    alpha.toString(),
                    "admin",
                    "--role",
                    "admin",
                    "--password-file",
                    pw.toString())
                .status())
        .isZero();
    String col = kasa("collection", "add", alpha.toString(), "pub", "--title", "Pub").out().strip();
    Path cert = file("alpha.pem", kasa("node", "cert", alpha.toString()).out());
    String id = "indicator--" + UUID.randomUUID();
    Path good =
        file(
            "good.json",
            "{\"type\":\"bundle\",\"id\":\"bundle--"
                + UUID.randomUUID()
                + "\",\"objects\":[{"
                + "\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
                + id
                + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value"
                + " = '203.0.113.9']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-01T00:00:00Z\"}]}");
    Path bad = file("bad.json", "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\"}]}");
    try (var server =
        NodeServer.start(
            NodeHome.open(alpha),
            new NodeConfig.Listen("127.0.0.1", 0),
            Clock.systemUTC(),
            new PrintStream(System.err, true, StandardCharsets.UTF_8))) {
      String url = server.url() + "/taxii2/";
      String[] auth = {
        "--collection",
        col,
        "--user",
        "admin",
        "--password-file",
        pw.toString(),
        "--ca-file",
        cert.toString()
      };
      CliRun put = kasa(concat(new String[] {"taxii", "put", url}, auth, good.toString()));
      assertThat(put.status()).as(put.err()).isZero();
      assertThat(put.out()).contains("total 1, success 1, failure 0, pending 0");
      CliRun refused = kasa(concat(new String[] {"taxii", "put", url}, auth, bad.toString()));
      assertThat(refused.status()).isEqualTo(3);
      assertThat(refused.out()).contains("failure 1");
      CliRun get = kasa(concat(new String[] {"taxii", "get", url}, auth));
      assertThat(get.status()).as(get.err()).isZero();
      JsonNode bundle = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get.out());
      assertThat(bundle.get("type").asText()).isEqualTo("bundle");
      assertThat(bundle.get("objects")).hasSize(1);
      assertThat(bundle.get("objects").get(0).get("id").asText()).isEqualTo(id);
      // Without the pinned certificate the system's authorities do not know a self-signed node.
      CliRun unpinned =
          kasa(
              "taxii",
              "get",
              url,
              "--collection",
              col,
              "--user",
              "admin",
              "--password-file",
              pw.toString());
      assertThat(unpinned.status()).isNotZero();
    }
  }

  private static String[] concat(String[] head, String[] mid, String... tail) {
    var out = new java.util.ArrayList<String>(List.of(head));
    out.addAll(List.of(mid));
    out.addAll(List.of(tail));
    return out.toArray(String[]::new);
  }
}
