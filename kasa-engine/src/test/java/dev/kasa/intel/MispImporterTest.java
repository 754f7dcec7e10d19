package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MispImporterTest {
  private static final String FIXTURE = "misp/event.json";

  private static String fixture() {
    try (InputStream in = MispImporterTest.class.getResourceAsStream(FIXTURE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IntelLoaderCollector read(MispImporter importer, String json) {
    var sink = new IntelLoaderCollector();
    importer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "e.json", sink);
    return sink;
  }

  private static IntelLoaderCollector read(String json) {
    return read(new MispImporter(), json);
  }

  @Test
  void toIdsAttributesOfMatchableTypesBecomeIndicators() {
    var sink = read(fixture());
    assertThat(sink.indicators)
        .extracting(Indicator::type, Indicator::value)
        .containsExactly(
            tuple(ObservableType.IPV4, "203.0.113.7"),
            tuple(ObservableType.IPV6, "2001:db8::1"),
            tuple(ObservableType.DOMAIN, "evil.example"),
            tuple(ObservableType.IPV4, "198.51.100.0/24"),
            tuple(
                ObservableType.SHA256,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            tuple(ObservableType.URL, "https://login.evil.example/auth?x=1"),
            tuple(ObservableType.EMAIL, "ops@evil.example"),
            tuple(ObservableType.DOMAIN, "c2.evil.example"),
            tuple(ObservableType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            tuple(
                ObservableType.SHA512,
                "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
            tuple(ObservableType.DOMAIN, "no-uuid.example"),
            tuple(ObservableType.IPV4, "192.0.2.44"));
    assertThat(sink.values())
        .doesNotContain("deleted.example", "context.example", "d41d8cd98f00b204e9800998ecf8427e")
        .noneMatch(v -> v.contains("blog.example"));
  }

  @Test
  void countsContextAttributesAndEvents() {
    var counts =
        new MispImporter()
            .read(
                new ByteArrayInputStream(fixture().getBytes(StandardCharsets.UTF_8)),
                "e.json",
                new IntelLoaderCollector());
    // The link (even with to_ids), the text, and the object's domain without to_ids.
    assertThat(counts).isEqualTo(new MispImporter.Counts(1, 1, 12, 3));
  }

  @Test
  void reportsUnsupportedTypesAndInvalidValuesWithTheirJsonPath() {
    var sink = read(fixture());
    assertThat(sink.problems(ErrorCode.UNSUPPORTED_INTEL))
        .extracting(p -> p.where().toString(), Problem::message)
        .containsExactly(
            tuple(
                "e.json#Event.Attribute[9]",
                "MISP type 'regkey' cannot be matched: 'HKLM\\Software\\Ember'"),
            tuple("e.json#Event.Attribute[15]", "MISP type 'uri' cannot be matched: '/gate.php'"));
    assertThat(sink.problems(ErrorCode.INVALID_INPUT))
        .extracting(p -> p.where().toString())
        .containsExactly("e.json#Event.Attribute[10]", "e.json#Event.Attribute[16]");
    assertThat(sink.problems(ErrorCode.INVALID_INPUT).get(0).message()).contains("'not-a-hash'");
    assertThat(sink.problems(ErrorCode.INVALID_INPUT).get(1).message()).contains("'yesterday'");
  }

  @Test
  void idsComeFromAttributeUuidsAndCompositesShareOne() {
    var sink = read(fixture());
    assertThat(sink.byValue("203.0.113.7").id())
        .isEqualTo("indicator--a1b2c3d4-0001-4000-8000-000000000001");
    assertThat(sink.byValue("evil.example").id())
        .isEqualTo(sink.byValue("198.51.100.0/24").id())
        .isEqualTo("indicator--a1b2c3d4-0003-4000-8000-000000000003");
    var plain = new IntelLoaderCollector();
    new PlainListImporter()
        .read(
            new ByteArrayInputStream("no-uuid.example".getBytes(StandardCharsets.UTF_8)),
            "l",
            plain);
    assertThat(sink.byValue("no-uuid.example").id()).isEqualTo(plain.indicators.get(0).id());
  }

  @Test
  void validityIsAlwaysUnlessFirstSeenOrLastSeenSayOtherwise() {
    var sink = read(fixture());
    Indicator always = sink.byValue("203.0.113.7");
    assertThat(always.validFrom()).isEqualTo(Instant.EPOCH);
    assertThat(always.validUntil()).isNull();
    assertThat(always.revoked()).isFalse();
    Indicator windowed = sink.byValue("c2.evil.example");
    assertThat(windowed.validFrom()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(windowed.validUntil()).isEqualTo(Instant.parse("2026-02-28T12:00:01Z"));
  }

  @Test
  void lastSeenBeforeFirstSeenIsInvalid() {
    var sink =
        read(
            """
            {"Event": {"Attribute": [{"type": "domain", "to_ids": true, "value": "a.example",
              "first_seen": "2026-02-02T00:00:00Z", "last_seen": "2026-02-01T00:00:00Z"}]}}
            """);
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems(ErrorCode.INVALID_INPUT))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo("e.json#Event.Attribute[0]");
              assertThat(p.message()).contains("last_seen");
            });
  }

  @Test
  void mostRestrictiveTlpOfEventAndAttributeWins() {
    var sink = read(fixture());
    assertThat(sink.byValue("203.0.113.7").tlp()).isEqualTo(Tlp.AMBER);
    assertThat(sink.byValue("da39a3ee5e6b4b0d3255bfef95601890afd80709").tlp()).isEqualTo(Tlp.RED);
    assertThat(
            sink.byValue(
                    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
                .tlp())
        .isEqualTo(Tlp.AMBER);
  }

  @Test
  void untaggedEventsGetTheDefaultTlp() {
    String json =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"a.example\"}]}";
    assertThat(read(json).indicators.get(0).tlp()).isEqualTo(Tlp.NONE);
    var green = new MispImporter(Tlp.GREEN, MispImporter.DEFAULT_MAX_EVENT_BYTES);
    assertThat(read(green, json).indicators.get(0).tlp()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void confidenceComesFromEstimativeLanguageOrAdmiraltyTags() {
    var sink = read(fixture());
    assertThat(sink.byValue("203.0.113.7").confidence()).isEqualTo(85);
    assertThat(sink.byValue("da39a3ee5e6b4b0d3255bfef95601890afd80709").confidence()).isEqualTo(70);
    String untagged =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"a.example\"}]}";
    assertThat(read(untagged).indicators.get(0).confidence()).isEqualTo(-1);
  }

  @Test
  void galaxiesAndGalaxyTagsBecomeAttribution() {
    Attribution a = read(fixture()).byValue("203.0.113.7").attribution();
    assertThat(a.actors())
        .containsExactly(
            new Actor("Ember Bear", "intrusion-set--11111111-2222-4333-8444-555555555555", true),
            new Actor("Quiet Heron", null, false));
    assertThat(a.techniques()).containsExactly("T1566.002", "T1071.001");
    assertThat(a.malware()).containsExactly("WhisperGate");
    assertThat(a.campaigns()).isEmpty();
  }

  @Test
  void attributeGalaxiesAddToTheEventsAndIdenticalAttributionsAreShared() {
    var sink = read(fixture());
    assertThat(sink.byValue("da39a3ee5e6b4b0d3255bfef95601890afd80709").attribution().malware())
        .containsExactly("WhisperGate", "ShadowLock");
    assertThat(sink.byValue("203.0.113.7").attribution())
        .isSameAs(sink.byValue("evil.example").attribution())
        .isSameAs(sink.byValue("192.0.2.44").attribution());
  }

  @Test
  void mitreIntrusionSetsAreActorsWithTheirAttackIdStripped() {
    var sink =
        read(
            """
            {"Event": {"Galaxy": [{"type": "mitre-intrusion-set", "GalaxyCluster": [
                {"value": "APT16 - G0023", "uuid": "D6E88E18-81E8-4709-82D8-973095DA1E70"}]}],
              "Tag": [{"name": "misp-galaxy:mitre-intrusion-set=\\"APT16\\""},
                      {"name": "misp-galaxy:mitre-attack-pattern=\\"Phishing - T1566\\""},
                      {"name": "misp-galaxy:mitre-attack-pattern=\\"DLL Injection\\""},
                      {"name": "misp-galaxy:botnet=\\"Mirai\\""}],
              "Attribute": [{"type": "ip-dst", "to_ids": true, "value": "192.0.2.1"}]}}
            """);
    Attribution a = sink.indicators.get(0).attribution();
    assertThat(a.actors())
        .containsExactly(
            new Actor("APT16", "intrusion-set--d6e88e18-81e8-4709-82d8-973095da1e70", false));
    assertThat(a.techniques()).containsExactly("T1566");
    assertThat(a.malware()).containsExactly("Mirai");
  }

  @Test
  void readsListsResponseWrappersAndBareEvents() {
    String event =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"%s.example\"}]}";
    String list =
        "[{\"Event\": " + event.formatted("one") + "}, " + event.formatted("two") + ", 7]";
    var fromList = read(list);
    assertThat(fromList.values()).containsExactly("one.example", "two.example");
    assertThat(fromList.problems)
        .extracting(p -> p.where().toString())
        .containsExactly("e.json#[2]");
    var fromResponse = read("{\"response\": " + list.replace(", 7]", "]") + "}");
    assertThat(fromResponse.values()).containsExactly("one.example", "two.example");
    var bare =
        read(event.formatted("bare").replace("{\"Attribute\"", "{\"info\": \"x\", \"Attribute\""));
    assertThat(bare.values()).containsExactly("bare.example");
    assertThat(read("[]").indicators).isEmpty();
    var badPath = read("[" + event.formatted("x").replace("\"domain\"", "\"regkey\"") + "]");
    assertThat(badPath.problems.get(0).where().toString()).isEqualTo("e.json#[0].Attribute[0]");
  }

  @Test
  void compositeTypesYieldTheirAddressOrHashParts() {
    String attribute = "{\"type\": \"%s\", \"to_ids\": true, \"value\": \"%s\"}";
    String json =
        "{\"Attribute\": ["
            + String.join(
                ",",
                attribute.formatted("hostname|port", "C2.Evil.Example|8443"),
                attribute.formatted("ip-dst|port", "203.0.113.7|443"),
                attribute.formatted("filename|md5", "a|b.exe|D41D8CD98F00B204E9800998ECF8427E"),
                attribute.formatted("malware-sample", "x.exe|d41d8cd98f00b204e9800998ecf8427e"),
                attribute.formatted("email-dst", "Boss@Victim.Example"),
                attribute.formatted("filename|ssdeep", "x.exe|3:abc:def"),
                attribute.formatted("domain|ip", "only-one-part.example"))
            + "]}";
    var sink = read(json);
    assertThat(sink.indicators)
        .extracting(Indicator::type, Indicator::value)
        .containsExactly(
            tuple(ObservableType.DOMAIN, "c2.evil.example"),
            tuple(ObservableType.IPV4, "203.0.113.7"),
            tuple(ObservableType.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
            tuple(ObservableType.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
            tuple(ObservableType.EMAIL, "boss@victim.example"));
    assertThat(sink.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(
            tuple(ErrorCode.UNSUPPORTED_INTEL, "e.json#Attribute[5]"),
            tuple(ErrorCode.INVALID_INPUT, "e.json#Attribute[6]"));
  }

  @Test
  void addressAndPortAttributesKeepThePortAndItsSide() {
    String attribute = "{\"type\": \"%s\", \"to_ids\": true, \"value\": \"%s\"}";
    String json =
        "{\"Attribute\": ["
            + String.join(
                ",",
                attribute.formatted("ip-dst|port", "203.0.113.7|443"),
                attribute.formatted("ip-src|port", "2001:DB8::7|53"),
                attribute.formatted("ip-dst|port", "203.0.113.8|https"),
                attribute.formatted("ip-dst|port", "203.0.113.9|70000"),
                attribute.formatted("ip-dst", "203.0.113.10"))
            + "]}";
    var sink = read(json);
    assertThat(sink.indicators)
        .extracting(Indicator::value, Indicator::port)
        .containsExactly(
            tuple("203.0.113.7", new PortConstraint(PortConstraint.Side.DESTINATION, 443)),
            tuple("2001:db8::7", new PortConstraint(PortConstraint.Side.SOURCE, 53)),
            tuple("203.0.113.10", null));
    assertThat(sink.problems)
        .extracting(Problem::code, p -> p.where().toString(), Problem::message)
        .containsExactly(
            tuple(
                ErrorCode.INVALID_INPUT,
                "e.json#Attribute[2]",
                "not a valid port (0 to 65535): 'https'"),
            tuple(
                ErrorCode.INVALID_INPUT,
                "e.json#Attribute[3]",
                "not a valid port (0 to 65535): '70000'"));
  }

  @Test
  void objectAttributesAreReadAndNamedByTheirPath() {
    var sink =
        read(
            """
            {"Event": {"Object": [{"Attribute": [
                {"type": "ip-dst", "to_ids": true, "value": "192.0.2.1"},
                {"type": "mutex", "to_ids": true, "value": "m"}]}]}}
            """);
    assertThat(sink.values()).containsExactly("192.0.2.1");
    assertThat(sink.problems)
        .extracting(p -> p.where().toString())
        .containsExactly("e.json#Event.Object[0].Attribute[1]");
  }

  @Test
  void anEventOverTheSizeLimitIsSkippedAndItsNeighboursRead() {
    String small =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"ok.example\"}]}";
    String big =
        "{\"info\": ["
            + "\"xxxxxxxx\",".repeat(500)
            + "\"x\"], \"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\":"
            + " \"big.example\"}]}";
    var sink = read(new MispImporter(Tlp.NONE, 1000), "[" + small + "," + big + "," + small + "]");
    assertThat(sink.values()).containsExactly("ok.example", "ok.example");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.where().toString()).isEqualTo("e.json#[1]");
              assertThat(p.message()).contains("larger than 1000 bytes");
            });
    var bare = read(new MispImporter(Tlp.NONE, 1000), big);
    assertThat(bare.indicators).isEmpty();
    assertThat(bare.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("larger"));
  }

  @Test
  void aStringLongerThanTheEventLimitEndsTheDocument() {
    String small =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"ok.example\"}]}";
    String huge = "{\"info\": \"" + "x".repeat(5000) + "\"}";
    var sink = read(new MispImporter(Tlp.NONE, 1000), "[" + small + "," + huge + "," + small + "]");
    assertThat(sink.values()).containsExactly("ok.example");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains("String value length");
            });
  }

  @Test
  void malformedJsonIsReportedAndWhatCameBeforeStands() {
    String event =
        "{\"Attribute\": [{\"type\": \"domain\", \"to_ids\": true, \"value\": \"a.example\"}]}";
    var sink = read("[" + event + ", {\"Attribute\": [tru");
    assertThat(sink.values()).containsExactly("a.example");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).startsWith("malformed JSON");
            });
    assertThat(read("\"just a string\"").problems).hasSize(1);
  }

  @Test
  void readsAFeedDirectoryThroughItsManifest(@TempDir Path dir) throws IOException {
    String a = "0b6a3c9e-1f2d-4c55-9a6e-000000000001";
    String b = "0b6a3c9e-1f2d-4c55-9a6e-000000000002";
    String missing = "0b6a3c9e-1f2d-4c55-9a6e-000000000003";
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"%s\": {\"info\": \"a\"}, \"%s\": {\"info\": \"b\"}, \"%s\": {}}"
            .formatted(a, b, missing));
    String event =
        "{\"Event\": {\"Attribute\": [{\"type\": \"ip-dst\", \"to_ids\": true, \"value\":"
            + " \"%s\"}]}}";
    Files.writeString(dir.resolve(a + ".json"), event.formatted("192.0.2.1"));
    Files.writeString(dir.resolve(b + ".json"), event.formatted("192.0.2.2"));
    Files.writeString(dir.resolve("not-listed.json"), event.formatted("192.0.2.3"));
    var sink = new IntelLoaderCollector();
    MispImporter.Counts counts = new MispImporter().readFeed(dir, sink);
    assertThat(sink.values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(counts.files()).isEqualTo(2);
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.UNREADABLE_INPUT);
              assertThat(p.where().toString()).endsWith(missing + ".json");
            });
    assertThat(sink.indicators.get(0).id()).startsWith("indicator--");
    assertThat(List.of(a, b)).hasSize(2);
  }

  @Property
  void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
    var sink = new IntelLoaderCollector();
    new MispImporter(Tlp.NONE, 200).read(new ByteArrayInputStream(bytes), "fuzz", sink);
    assertThat(sink.problems).allSatisfy(p -> assertThat(p.where().toString()).startsWith("fuzz"));
  }

  @Property
  void neverThrowsOnMutatedEvents(@ForAll @Size(max = 40) List<Integer> cuts) {
    byte[] event = fixture().getBytes(StandardCharsets.UTF_8);
    for (int cut : cuts) {
      event[Math.floorMod(cut, event.length)] = (byte) (cut >>> 8);
    }
    new MispImporter().read(new ByteArrayInputStream(event), "fuzz", new IntelLoaderCollector());
  }
}
