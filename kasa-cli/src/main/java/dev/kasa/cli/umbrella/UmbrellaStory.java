package dev.kasa.cli.umbrella;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sighting.SightedDay;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.SightingModel;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The umbrella demo's story, told with real traffic between three nodes: alpha (a US command)
 * publishes, bravo (an allied Japanese defense unit) pulls alpha and relays to charlie (a power
 * utility), which pulls bravo. Each step waits for what it shows and fails when it does not come.
 * What it measured and the ids it used are written to {@code story.json} in the demo directory.
 */
final class UmbrellaStory implements AutoCloseable {
  static final String ADMIN = "soc";
  static final String SENSOR = "sensor";
  private static final long WAIT_NANOS = 90_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final Path base;
  private final Clock clock;
  private final String adminPassword;
  private final DemoNode alpha;
  private final DemoNode bravo;
  private final DemoNode charlie;
  private final ObjectNode facts = JSON.createObjectNode();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private String pub;
  private String atBravo;
  private String atCharlie;

  UmbrellaStory(PrintWriter out, Path base, Clock clock) {
    this.out = out;
    this.base = base;
    this.clock = clock;
    this.adminPassword = secret();
    String sensorPassword = secret();
    write("soc.pw", adminPassword + "\n");
    write("sensor.pw", sensorPassword + "\n");
    write("bravo.pw", secret() + "\n");
    write("charlie.pw", secret() + "\n");
    alpha = new DemoNode("alpha", base.resolve("alpha"), clock, adminPassword, sensorPassword);
    bravo = new DemoNode("bravo", base.resolve("bravo"), clock, adminPassword, sensorPassword);
    charlie =
        new DemoNode("charlie", base.resolve("charlie"), clock, adminPassword, sensorPassword);
    labels.put(DemoIntel.C2_ID, "the C2 indicator");
    labels.put(DemoIntel.RULE_ID, "the Sigma rule");
    labels.put(DemoIntel.AMBER_ID, "the AMBER indicator");
    labels.put(DemoIntel.RED_ID, "the RED indicator");
  }

  String adminPassword() {
    return adminPassword;
  }

  List<DemoNode> nodes() {
    return List.of(alpha, bravo, charlie);
  }

  /** Sets the nodes up, starts them and tells the story; throws when a step does not happen. */
  void tell() {
    out.println("Kasa umbrella demo: three organisations, each running its own node.");
    out.println("  alpha    a US command: publishes intelligence");
    out.println("  bravo    a Japanese defense unit, allied: pulls alpha, relays to charlie");
    out.println("  charlie  a power utility: pulls bravo");
    out.println("  working directory: " + base);
    out.println();
    setUp();
    arm();
    sightingBack();
    amberNotRelayed();
    redStaysHome();
    audit();
    write("story.json", facts.toPrettyString() + "\n");
  }

  private void setUp() {
    out.println("1. Each node is made and given its people and agreements (the kasa commands):");
    for (DemoNode n : nodes()) {
      run(n, "node init DIR --name {}", n.name());
      run(n, "user add DIR {} --role admin --password-file {}", ADMIN, file("soc.pw"));
      run(n, "user add DIR {} --role sensor --password-file {}", SENSOR, file("sensor.pw"));
    }
    pub = run(alpha, "collection add DIR pub --title {}", "alpha's intelligence").strip();
    run(alpha, "partner add DIR bravo --password-file {}", file("bravo.pw"));
    run(alpha, "grant DIR bravo pub --read");
    run(bravo, "partner add DIR alpha");
    run(bravo, "partner add DIR charlie --password-file {}", file("charlie.pw"));
    run(bravo, "community add DIR allies --partner alpha --partner charlie");
    for (DemoNode n : nodes()) {
      write(n.name() + ".pem", n.kasa("node", "cert", "DIR"));
      n.start();
    }
    out.println("   The nodes listen on free ports of 127.0.0.1 (HTTPS, TAXII 2.1):");
    for (DemoNode n : nodes()) {
      out.printf("     %-8s %s%n", n.name(), n.url());
    }
    String link = "link add DIR {} --url {} --collection {} --pull --password-file {} --ca-file {}";
    atBravo =
        run(
                bravo,
                link,
                "alpha",
                alpha.url() + "/taxii2/",
                pub,
                file("bravo.pw"),
                file("alpha.pem"))
            .strip();
    run(bravo, "grant DIR charlie {} --read", atBravo);
    atCharlie =
        run(
                charlie,
                link,
                "bravo",
                bravo.url() + "/taxii2/",
                atBravo,
                file("charlie.pw"),
                file("bravo.pem"))
            .strip();
    await("the links' first rounds", () -> DemoAudit.linked(bravo) && DemoAudit.linked(charlie));
    out.println("   Both links have made their first round.");
    out.println();
  }

  private void arm() {
    out.println("2. alpha publishes a C2 server's address and a Sigma rule, TLP:GREEN:");
    write("intel/gridsync-c2.json", DemoIntel.C2);
    write("intel/gridsync-dns.yml", DemoIntel.RULE);
    Map<String, Instant> matched;
    Map<String, Instant> stored = new LinkedHashMap<>();
    try (var sensors = new ArmingProbe(List.of(bravo, charlie), clock)) {
      String c2 = file("intel/gridsync-c2.json");
      run(alpha, "intel add DIR pub {} {} --tlp green", c2, file("intel/gridsync-dns.yml"));
      // The publish is when alpha stored the objects: their date_added (its clock, as ours).
      stored.put("conn", dateAdded(DemoIntel.C2_ID));
      stored.put("dns", dateAdded(DemoIntel.RULE_ID));
      matched = sensors.await(WAIT_NANOS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.INTERNAL, "interrupted", e);
    }
    out.println(
        "   bravo's and charlie's sensors send their traffic (a connection to "
            + DemoIntel.C2_IP
            + ", a lookup of cdn.gridsync-update.example) to their node's POST /kasa/v1/events"
            + " every 20 ms:");
    ObjectNode armed = facts.putObject("armed_ms");
    for (DemoNode n : List.of(bravo, charlie)) {
      for (String log : List.of("conn", "dns")) {
        String key = n.name() + " " + log;
        Duration d = Duration.between(stored.get(log), matched.get(key));
        long ms = Math.max(0, d.toMillis());
        armed.put(key, ms);
        out.printf(
            "     %-8s matched %-16s %6.2f s after alpha stored it%n",
            n.name(), log.equals("conn") ? "the C2 indicator" : "the Sigma rule", ms / 1e3);
      }
    }
    out.println(
        "   (bravo got both from alpha's collection over its link; charlie from bravo, which relays"
            + " GREEN to partners sharing its community 'allies' with alpha. A delay runs from the"
            + " object's date_added at alpha to the node's first answer with a hit on it.)");
    out.println();
  }

  private Instant dateAdded(String id) {
    JsonNode m =
        DemoNode.json(alpha.get("/taxii2/api/collections/" + pub + "/manifest/?match[id]=" + id));
    for (JsonNode o : m.path("objects")) {
      return Instant.parse(o.path("date_added").asText());
    }
    throw stuck(id + " in alpha's manifest");
  }

  private void sightingBack() {
    out.println("3. charlie's hit goes back to alpha as a STIX sighting:");
    JsonNode finding = null;
    for (JsonNode f : DemoNode.json(charlie.get("/kasa/v1/findings?limit=1000")).path("findings")) {
      if (f.path("object").path("id").asText().equals(DemoIntel.C2_ID)) {
        finding = f;
      }
    }
    if (finding == null) {
      throw stuck("charlie's finding of the C2 indicator");
    }
    var model = new SightingModel(new Sighter.Identified(charlie.identity()), clock);
    var sighting =
        model.first(SightedDay.of(DemoIntel.C2_ID, Tlp.GREEN, clock.instant(), false)).toStix();
    String id = sighting.id();
    labels.put(id, "charlie's sighting");
    facts.put("sighting", id);
    write(
        "intel/charlie-sighting.json",
        "{\"type\":\"bundle\",\"id\":\"bundle--"
            + id.substring("sighting--".length())
            + "\",\"objects\":["
            + StixWriter.toJson(sighting)
            + "]}\n");
    out.println(
        "   charlie's finding (GET /kasa/v1/findings) names the object it came from: "
            + finding.path("object").path("id").asText());
    run(charlie, "intel add DIR {} {}", atCharlie, file("intel/charlie-sighting.json"));
    long made = System.nanoTime();
    await("the sighting at bravo", () -> bravo.holds(atBravo, id));
    long atB = System.nanoTime() - made;
    await("the sighting at alpha", () -> alpha.holds(pub, id));
    long atA = System.nanoTime() - made;
    facts.put("sighting_at_bravo_ms", atB / 1_000_000);
    facts.put("sighting_at_alpha_ms", atA / 1_000_000);
    out.printf(
        "   %s reached bravo after %.1f s and alpha after %.1f s: each pull link POSTs sightings"
            + " back to where what they sight came from.%n%n",
        id, atB / 1e9, atA / 1e9);
  }

  private void amberNotRelayed() {
    out.println("4. alpha shares an AMBER indicator with bravo:");
    write("intel/amber.json", DemoIntel.AMBER);
    run(alpha, "intel add DIR pub {} --tlp amber", file("intel/amber.json"));
    await("the AMBER indicator at bravo", () -> bravo.holds(atBravo, DemoIntel.AMBER_ID));
    out.println("   bravo holds it.");
    await(
        "bravo refusing the AMBER indicator to charlie",
        () -> !DemoAudit.refusals(bravo, DemoIntel.AMBER_ID).isEmpty());
    if (charlie.holds(atCharlie, DemoIntel.AMBER_ID)) {
      throw new KasaException(ErrorCode.INTERNAL, "charlie holds the AMBER indicator");
    }
    facts.put("amber", DemoIntel.AMBER_ID);
    out.println(
        "   charlie's link asked bravo for what is new; bravo held it back ("
            + String.join(", ", DemoAudit.refusals(bravo, DemoIntel.AMBER_ID))
            + "): AMBER is for the receiving partner only. charlie does not hold it.");
    out.println();
  }

  private void redStaysHome() {
    out.println("5. alpha stores a RED indicator and names no one for it:");
    write("intel/red.json", DemoIntel.RED);
    run(alpha, "intel add DIR pub {} --tlp red", file("intel/red.json"));
    await(
        "alpha refusing the RED indicator to bravo",
        () -> !DemoAudit.refusals(alpha, DemoIntel.RED_ID).isEmpty());
    if (bravo.holds(atBravo, DemoIntel.RED_ID) || charlie.holds(atCharlie, DemoIntel.RED_ID)) {
      throw new KasaException(ErrorCode.INTERNAL, "the RED indicator left alpha");
    }
    facts.put("red", DemoIntel.RED_ID);
    out.println(
        "   bravo's link asked alpha for what is new; alpha held it back ("
            + String.join(", ", DemoAudit.refusals(alpha, DemoIntel.RED_ID))
            + "). It stays home until 'kasa recipients add' names a partner.");
    out.println();
  }

  private void audit() {
    out.println("6. Every crossing and every refusal is in each node's hash-chained audit log:");
    ObjectNode counts = facts.putObject("audit_entries");
    for (DemoNode n : nodes()) {
      counts.put(n.name(), DemoAudit.print(out, n, labels));
      n.kasa("audit", "DIR", "--verify");
    }
    out.println(
        "   (kasa audit DIR --object ID prints these entries whole; --verify checks each chain:"
            + " all three intact.)");
    out.println();
  }

  /**
   * Prints and runs {@code kasa LINE}: LINE's words, each {@code {}} taken by the next of {@code
   * values}, {@code DIR} standing for the node's directory.
   */
  private String run(DemoNode n, String line, String... values) {
    String[] args = line.split(" ");
    var shown = new StringBuilder("   $ kasa");
    int next = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("{}")) {
        args[i] = values[next++];
      }
      String a = args[i];
      String s =
          a.equals("DIR")
              ? n.name()
              : a.startsWith(base + "/") ? a.substring(base.toString().length() + 1) : a;
      shown.append(' ').append(s.contains(" ") || s.contains("'") ? "\"" + s + "\"" : s);
    }
    out.println(shown);
    out.flush();
    return n.kasa(args);
  }

  private void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw stuck(what);
      }
      sleep(50);
    }
  }

  private static KasaException stuck(String what) {
    return new KasaException(
        ErrorCode.IO_FAILURE, "the demo waited 90 s for " + what + " in vain (see node.log)");
  }

  private String file(String name) {
    return base.resolve(name).toString();
  }

  private void write(String name, String text) {
    try {
      Path p = base.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String secret() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KasaException(ErrorCode.INTERNAL, "interrupted", e);
    }
  }

  @Override
  public void close() {
    for (DemoNode n : nodes()) {
      n.close();
    }
  }
}
