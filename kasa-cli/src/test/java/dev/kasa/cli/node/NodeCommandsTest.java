package dev.kasa.cli.node;

import static dev.kasa.cli.CliRun.kasa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.cli.CliRun;
import dev.kasa.node.NodeHome;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.node.tls.NodeCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's admin commands, run in-process as a user types them. */
class NodeCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path node() {
    Path dir = tmp.resolve("alpha");
    CliRun r =
        kasa(
            "node",
            "init",
            dir.toString(),
            "--name",
            "alpha",
            "--host",
            "alpha.example",
            "--host",
            "10.1.2.3");
    assertThat(r.status()).as(r.err()).isZero();
    return dir;
  }

  private Path secret(String name, String value) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, value + "\nsecond line is ignored\n");
    return f;
  }

  @Test
  void initMakesANodeDirectoryAndCertPrintsAPinnableCertificate() throws Exception {
    Path dir = node();
    assertThat(Files.readString(dir.resolve("kasa.yml")))
        .contains("# ", "name: alpha", "identity: identity--");
    JsonNode identity = JSON.readTree(dir.resolve("identity.json").toFile());
    assertThat(identity.get("type").asText()).isEqualTo("identity");
    assertThat(UUID.fromString(identity.get("id").asText().substring(10)).version()).isEqualTo(4);
    assertThat(Files.exists(dir.resolve("store.db"))).isTrue();
    CliRun cert = kasa("node", "cert", dir.toString());
    assertThat(cert.status()).isZero();
    assertThat(cert.out()).startsWith("-----BEGIN CERTIFICATE-----");
    var x509 =
        (X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(cert.out().getBytes(StandardCharsets.US_ASCII)));
    assertThat(
            x509.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
        .contains("localhost", "127.0.0.1", "alpha.example", "10.1.2.3")
        .anyMatch(n -> n.startsWith("0:0:0:0:0:0:0:1"));
    assertThat(x509).isEqualTo(NodeCertificate.read(dir.resolve("tls")).certificate());
    // Made once: init refuses a directory that is not empty.
    CliRun again = kasa("node", "init", dir.toString(), "--name", "alpha");
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err().strip().lines()).hasSize(1).first().asString().contains("not empty");
  }

  @Test
  void collectionAddPrintsTheUuidAloneAndEveryCommandTakesTheName() throws Exception {
    Path dir = node();
    CliRun c = kasa("collection", "add", dir.toString(), "shared", "--title", "Shared intel");
    assertThat(c.status()).as(c.err()).isZero();
    assertThat(c.out())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\R");
    String uuid = c.out().strip();
    assertThat(
            kasa(
                    "partner",
                    "add",
                    dir.toString(),
                    "bravo",
                    "--password-file",
                    secret("pw", "s3cret").toString())
                .status())
        .isZero();
    assertThat(kasa("grant", dir.toString(), "bravo", "shared", "--read", "--write").status())
        .isZero();
    assertThat(kasa("revoke", dir.toString(), "bravo", uuid, "--write").status()).isZero();
    try (Store store = NodeHome.open(dir).openStore(Clock.systemUTC())) {
      assertThat(store.accounts().state().grants())
          .extracting(g -> g.collectionId() + " " + g.read() + " " + g.write())
          .containsExactly(uuid + " true false");
      // Secrets are kept only as salted slow hashes.
      assertThat(store.accounts().state().secrets())
          .allSatisfy(
              s ->
                  assertThat(s.hash())
                      .startsWith("pbkdf2-sha256$600000$")
                      .doesNotContain("s3cret"));
    }
  }

  @Test
  void badInputIsOneLineWithTheUsageExitStatus() throws Exception {
    Path dir = node();
    Path pw = secret("pw", "pw");
    List<String[]> bad =
        List.of(
            new String[] {
              "user", "add", dir.toString(), "x", "--role", "boss", "--password-file", pw.toString()
            },
            new String[] {"user", "add", dir.toString(), "x", "--role", "admin"},
            new String[] {
              "user",
              "add",
              dir.toString(),
              "x",
              "--role",
              "admin",
              "--password-file",
              tmp.resolve("missing").toString()
            },
            new String[] {"partner", "add", dir.toString(), "bad name!"},
            new String[] {"grant", dir.toString(), "nobody", "c", "--read"},
            new String[] {"grant", dir.toString(), "nobody", "c"},
            new String[] {"collection", "add", dir.toString(), "c", "--title", ""},
            new String[] {
              "collection", "add", tmp.resolve("not-a-node").toString(), "c", "--title", "T"
            },
            new String[] {"intel", "add", dir.toString(), "nope", pw.toString()},
            new String[] {"intel", "add", dir.toString(), "c", pw.toString(), "--tlp", "purple"},
            new String[] {"serve", dir.toString(), "--listen", "nowhere"});
    kasa("collection", "add", dir.toString(), "c", "--title", "C");
    for (String[] args : bad) {
      CliRun r = kasa(args);
      assertThat(r.status()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("kasa: ");
    }
    // The same name cannot be both a partner and a user.
    kasa("partner", "add", dir.toString(), "bravo");
    CliRun clash =
        kasa(
            "user",
            "add",
            dir.toString(),
            "bravo",
            "--role",
            "analyst",
            "--token-file",
            pw.toString());
    assertThat(clash.status()).isEqualTo(2);
    assertThat(clash.err()).contains("share one namespace");
  }

  @Test
  void intelAddStoresBundlesMispListsAndSigmaRulesMarkedWithTlp() throws Exception {
    Path dir = node();
    String col = kasa("collection", "add", dir.toString(), "mine", "--title", "Ours").out().strip();
    String marked = "indicator--" + UUID.randomUUID();
    String unmarked = "indicator--" + UUID.randomUUID();
    Path bundle = tmp.resolve("bundle.json");
    Files.writeString(
        bundle,
        "{\"type\":\"bundle\",\"id\":\"bundle--"
            + UUID.randomUUID()
            + "\",\"objects\":["
            + indicatorJson(
                marked,
                ",\"object_marking_refs\":[\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\"]")
            + ","
            + indicatorJson(unmarked, "")
            + ",{\"type\":\"indicator\",\"id\":\"bad\"}]}");
    Path list = tmp.resolve("blocklist.txt");
    Files.writeString(list, "# base CERT blocklist\n203.0.113.9\nevil.example\n");
    Path misp = tmp.resolve("event.json");
    Files.writeString(
        misp,
        "{\"Event\":{\"uuid\":\""
            + UUID.randomUUID()
            + "\",\"info\":\"phish\",\"date\":\"2026-01-02\",\"Tag\":[{\"name\":\"tlp:green\"}],"
            + "\"Attribute\":[{\"uuid\":\""
            + UUID.randomUUID()
            + "\",\"type\":\"domain\",\"category\":\"Network"
            + " activity\",\"to_ids\":true,\"value\":\"phish.example\",\"timestamp\":\"1767312000\"}]}}");
    String ruleId = UUID.randomUUID().toString();
    Path sigma = tmp.resolve("rules.yml");
    Files.writeString(
        sigma,
        "title: Office spawns shell\nid: "
            + ruleId
            + "\n"
            + "logsource:\n"
            + "  product: windows\n"
            + "  category: process_creation\n"
            + "detection:\n"
            + "  selection:\n"
            + "    ParentImage|endswith: '\\\\winword.exe'\n"
            + "  condition: selection\n"
            + "level: high\n");
    CliRun r =
        kasa(
            "intel",
            "add",
            dir.toString(),
            "mine",
            bundle.toString(),
            list.toString(),
            misp.toString(),
            sigma.toString(),
            "--tlp",
            "amber");
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(3); // one object refused
    assertThat(r.err()).contains("refused").contains("objects[2]");
    assertThat(r.out()).contains("6 objects stored");
    try (Store store = NodeHome.open(dir).openStore(Clock.systemUTC())) {
      var q =
          new EntryQuery(
              Long.MIN_VALUE, 100, List.of(), List.of(), EntryQuery.VersionSelector.ALL, List.of());
      List<StoredEntry> all = store.reader().page(col, q, true, e -> true).orElseThrow().entries();
      assertThat(all).hasSize(6);
      assertThat(
              all.stream()
                  .filter(e -> e.stixId().equals(marked))
                  .findFirst()
                  .orElseThrow()
                  .tlp()
                  .label())
          .isEqualTo("red");
      assertThat(
              all.stream()
                  .filter(e -> e.stixId().equals(unmarked))
                  .findFirst()
                  .orElseThrow()
                  .tlp()
                  .label())
          .isEqualTo("amber");
      JsonNode rule =
          JSON.readTree(
              all.stream()
                  .filter(e -> e.stixId().equals("indicator--" + ruleId))
                  .findFirst()
                  .orElseThrow()
                  .body());
      assertThat(rule.get("pattern_type").asText()).isEqualTo("sigma");
      assertThat(rule.get("pattern").asText()).contains("winword.exe", "id: " + ruleId);
      List<String> patterns =
          all.stream().map(e -> new String(e.body(), StandardCharsets.UTF_8)).toList();
      assertThat(patterns).anyMatch(p -> p.contains("[ipv4-addr:value = '203.0.113.9']"));
      assertThat(patterns).anyMatch(p -> p.contains("[domain-name:value = 'phish.example']"));
      // The MISP event's own TLP:GREEN wins over --tlp.
      assertThat(
              all.stream()
                  .filter(
                      e -> new String(e.body(), StandardCharsets.UTF_8).contains("phish.example"))
                  .findFirst()
                  .orElseThrow()
                  .tlp()
                  .label())
          .isEqualTo("green");
    }
    // Publishing the same list again adds nothing.
    CliRun again = kasa("intel", "add", dir.toString(), col, list.toString());
    assertThat(again.out()).contains("0 objects stored, 2 already held");
  }

  @Test
  void intelAddKeepsWhatAMispEventsGalaxiesSayStandsBehindItsIndicators() throws Exception {
    Path dir = node();
    String col = kasa("collection", "add", dir.toString(), "misp", "--title", "MISP").out().strip();
    Path misp = tmp.resolve("galaxy-event.json");
    try (var in =
        NodeCommandsTest.class.getResourceAsStream(
            "/dev/kasa/cli/demo/intel/harbor-summit-security.misp.json")) {
      Files.write(misp, in.readAllBytes());
    }
    CliRun r = kasa("intel", "add", dir.toString(), col, misp.toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    CliRun again = kasa("intel", "add", dir.toString(), col, misp.toString());
    assertThat(again.out()).contains("0 objects stored");
    try (Store store = NodeHome.open(dir).openStore(Clock.systemUTC())) {
      var q =
          new EntryQuery(
              Long.MIN_VALUE,
              1000,
              List.of(),
              List.of(),
              EntryQuery.VersionSelector.ALL,
              List.of());
      List<JsonNode> all = new java.util.ArrayList<>();
      for (StoredEntry e : store.reader().page(col, q, true, e -> true).orElseThrow().entries()) {
        all.add(JSON.readTree(e.body()));
      }
      JsonNode actor =
          all.stream()
              .filter(o -> o.get("type").asText().equals("intrusion-set"))
              .filter(o -> o.get("name").asText().equals("Storm Halberd"))
              .findFirst()
              .orElseThrow();
      assertThat(actor.get("resource_level").asText()).isEqualTo("government");
      String actorId = actor.get("id").asText();
      java.util.Set<String> indicators =
          all.stream()
              .filter(o -> o.get("type").asText().equals("indicator"))
              .map(o -> o.get("id").asText())
              .collect(java.util.stream.Collectors.toSet());
      List<JsonNode> toActor =
          all.stream()
              .filter(o -> o.get("type").asText().equals("relationship"))
              .filter(o -> o.get("target_ref").asText().equals(actorId))
              .toList();
      assertThat(toActor).isNotEmpty();
      assertThat(toActor)
          .allSatisfy(
              rel -> {
                assertThat(rel.get("relationship_type").asText()).isEqualTo("indicates");
                assertThat(indicators).contains(rel.get("source_ref").asText());
              });
      assertThat(all)
          .filteredOn(o -> o.get("type").asText().equals("attack-pattern"))
          .extracting(o -> o.get("external_references").get(0).get("external_id").asText())
          .contains("T1566.002");
    }
  }

  private static String indicatorJson(String id, String extra) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\""
        + extra
        + "}";
  }
}
