package dev.kasa.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.NodeHome;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.LinkRecord.Direction;
import dev.kasa.node.store.LinkStore;
import dev.kasa.stix.Tlp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code kasa serve} processes (each its own JVM on the launcher's classpath): alpha
 * publishes thousands of objects of every marking; bravo pulls them and relays to charlie. Bravo is
 * killed with SIGKILL in the middle of the transfer and started again on the same port. Every node
 * then holds exactly the objects it is entitled to: none lost, none twice, none leaked.
 */
class KilledNodeTest {
  private static final int OBJECTS = 6000;
  private static final String CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
  private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  private static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  private static final String RED_1_0 = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aNodeKilledMidTransferConvergesToExactlyWhatEachMayHold() throws Exception {
    Path alpha = node("alpha");
    Path bravo = node("bravo");
    Path charlie = node("charlie");
    int alphaPort = freePort();
    int bravoPort = freePort();
    String pub;
    var toBravo = new HashSet<String>();
    var toCharlie = new HashSet<String>();
    try (NodeAdmin a = admin(alpha)) {
      pub = a.addCollection("pub", "Published", null).id();
      a.addPartner("bravo", List.of(new Secret(SecretKind.PASSWORD, "bravo-at-alpha")));
      a.grant("bravo", "pub", true, false);
      var objects = new ArrayList<String>();
      var named = new ArrayList<String>();
      for (int i = 0; i < OBJECTS; i++) {
        String id = "indicator--" + UUID.nameUUIDFromBytes(("k" + i).getBytes());
        String marking =
            switch (i % 5) {
              case 0 -> CLEAR;
              case 1 -> GREEN;
              case 2 -> AMBER;
              case 3 -> RED_1_0;
              default -> null;
            };
        objects.add(indicator(id, marking));
        boolean redForBravo = i % 5 == 3 && i < 200;
        if (redForBravo) {
          named.add(id);
        }
        if (i % 5 != 3 || redForBravo) {
          toBravo.add(id); // ours: as granted; RED only to its named recipients
        }
        if (i % 5 == 0 || i % 5 == 1) {
          toCharlie.add(id); // received: CLEAR always, GREEN within a community, no more
        }
      }
      for (String id : named) {
        a.addRecipients(id, List.of("bravo"));
      }
      Path bundle = tmp.resolve("bundle.json");
      Files.writeString(
          bundle,
          "{\"type\":\"bundle\",\"id\":\"bundle--"
              + UUID.randomUUID()
              + "\",\"objects\":["
              + String.join(",", objects)
              + "]}");
      assertThat(a.addIntel("pub", List.of(bundle), Tlp.NONE, null).stored()).isEqualTo(OBJECTS);
    }
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    String fromAlpha;
    try (NodeAdmin b = admin(bravo)) {
      fromAlpha =
          b.addLink(
                  new LinkStore.Spec(
                      "alpha",
                      pub,
                      null,
                      Set.of(Direction.PULL),
                      "https://127.0.0.1:" + alphaPort + "/taxii2/",
                      "bravo",
                      SecretKind.PASSWORD,
                      secret(secrets, "bravo-at-alpha").toString(),
                      pem(alpha)))
              .id();
      b.addPartner("charlie", List.of(new Secret(SecretKind.PASSWORD, "charlie-at-bravo")));
      b.grant("charlie", fromAlpha, true, false);
      b.addToCommunity("allies", List.of("alpha", "charlie"));
    }
    String fromBravo;
    try (NodeAdmin c = admin(charlie)) {
      fromBravo =
          c.addLink(
                  new LinkStore.Spec(
                      "bravo",
                      fromAlpha,
                      null,
                      Set.of(Direction.PULL),
                      "https://127.0.0.1:" + bravoPort + "/taxii2/",
                      "charlie",
                      SecretKind.PASSWORD,
                      secret(secrets, "charlie-at-bravo").toString(),
                      pem(bravo)))
              .id();
    }

    serve(alpha, alphaPort);
    serve(charlie, freePort());
    Process b = serve(bravo, bravoPort);
    int atKill = -1;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      int n = versions(bravo, fromAlpha).size();
      if (n > 0) {
        atKill = n;
        break;
      }
      Thread.sleep(5);
    }
    b.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the store
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(atKill).as("bravo had begun to receive").isPositive();
    System.err.printf(
        "KilledNodeTest: bravo killed holding %d of %d; now %d%n",
        atKill, toBravo.size(), versions(bravo, fromAlpha).size());
    serve(bravo, bravoPort);

    assertThat(await(() -> Set.copyOf(versions(bravo, fromAlpha)).equals(toBravo)))
        .as("bravo converges to exactly what alpha may send it")
        .isTrue();
    assertThat(await(() -> Set.copyOf(versions(charlie, fromBravo)).equals(toCharlie)))
        .as("charlie converges to exactly what bravo may relay")
        .isTrue();
    assertThat(versions(bravo, fromAlpha)).doesNotHaveDuplicates().hasSize(toBravo.size());
    assertThat(versions(charlie, fromBravo)).doesNotHaveDuplicates().hasSize(toCharlie.size());
  }

  private Path node(String name) {
    Path dir = tmp.resolve(name);
    NodeHome.init(dir, name, List.of(), Clock.systemUTC());
    return dir;
  }

  private static NodeAdmin admin(Path dir) {
    return NodeAdmin.open(dir, Clock.systemUTC());
  }

  private static String pem(Path dir) {
    return NodeHome.open(dir).certificate().certificatePem();
  }

  private static Path secret(Path dir, String secret) throws Exception {
    Path f = dir.resolve(secret);
    Files.writeString(f, secret + "\n");
    return f;
  }

  private static int freePort() throws Exception {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process serve(Path dir, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.kasa.cli.Kasa",
            "serve",
            dir.toString(),
            "--listen",
            "127.0.0.1:" + port);
    pb.redirectError(tmp.resolve(dir.getFileName() + "-" + UUID.randomUUID() + ".err").toFile());
    Process p = pb.start();
    processes.add(p);
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("first line").startsWith("listening on https://127.0.0.1:");
    return p;
  }

  // Every version the collection holds, read from the node's store as an admin command would
  // (the server may be running or dead).
  private static List<String> versions(Path dir, String collection) {
    try (var store = NodeHome.open(dir).openStore(Clock.systemUTC())) {
      var q =
          new EntryQuery(
              Long.MIN_VALUE, 100_000, List.of(), List.of(), VersionSelector.ALL, List.of());
      return store.reader().page(collection, q, false, e -> true).orElseThrow().entries().stream()
          .map(e -> e.stixId())
          .toList();
    }
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  private static String indicator(String id, String marking) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
        + "\"name\":\"k\",\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\""
        + (marking == null ? "" : ",\"object_marking_refs\":[\"" + marking + "\"]")
        + "}";
  }
}
