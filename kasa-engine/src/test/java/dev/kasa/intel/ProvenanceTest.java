package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an indicator says about where it comes from (its {@link Provenance}) and who gave us its
 * version (its {@link Origin}), for every format, and what importers say about versions.
 */
class ProvenanceTest {
  static final String I1 = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String I2 = "indicator--b932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String ID = "identity--0b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c";

  @TempDir Path dir;

  /** Keeps versions (and their observables) as delivered. */
  static final class Versions implements IntelSink {
    final List<IntelVersion> versions = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void version(IntelVersion version) {
      versions.add(version);
    }

    @Override
    public void indicator(Indicator indicator) {
      throw new AssertionError("importers deliver versions: " + indicator);
    }

    @Override
    public void problem(Problem problem) {
      problems.add(problem);
    }

    Indicator only(String id) {
      List<Indicator> found =
          versions.stream()
              .filter(v -> v.id().equals(id))
              .flatMap(v -> v.observables().stream())
              .toList();
      assertThat(found).as(id).hasSize(1);
      return found.get(0);
    }
  }

  Versions load(String... files) {
    var sink = new Versions();
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of(files), sink);
    assertThat(sink.problems).isEmpty();
    return sink;
  }

  String write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json.replace('`', '"')).toString();
  }

  static String indicator(String id, String modified, String extra) {
    return "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`"
        + id
        + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`"
        + modified
        + "`,`pattern`:`[domain-name:value = 'evil.example']`,`pattern_type`:`stix`,"
        + "`valid_from`:`2024-01-01T00:00:00Z`"
        + extra
        + "}";
  }

  static String bundle(String... objects) {
    return "{`type`:`bundle`,`id`:`bundle--0d2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c`,`objects`:["
        + String.join(",", objects)
        + "]}";
  }

  @Test
  void aStixIndicatorSaysItsProducerNameReportsAndGroupingsFromAnyBundleOfTheLoad()
      throws IOException {
    String indicators =
        write(
            "indicators.json",
            bundle(
                indicator(
                    I1,
                    "2024-01-01T00:00:00Z",
                    ",`name`:`Beacon domain`,`created_by_ref`:`" + ID + "`"),
                indicator(I2, "2024-01-01T00:00:00Z", ",`created_by_ref`:`" + ID + "`")));
    String context =
        write(
            "context.json",
            bundle(
                "{`type`:`identity`,`spec_version`:`2.1`,`id`:`"
                    + ID
                    + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
                    + "`name`:`Allied Cyber Command`,`identity_class`:`organization`}",
                container("report", "Storm Halberd wave 2", I1),
                container("grouping", "Harbor summit", I1, I2),
                container("grouping", null, I2)));
    Versions v = load(indicators, context);
    Provenance p1 = v.only(I1).provenance();
    assertThat(p1.source()).isEqualTo(indicators);
    assertThat(p1.producer()).isEqualTo("Allied Cyber Command");
    assertThat(p1.name()).isEqualTo("Beacon domain");
    assertThat(p1.reports()).containsExactly("Storm Halberd wave 2");
    assertThat(p1.groupings()).containsExactly("Harbor summit");
    assertThat(p1.misp()).isNull();
    Provenance p2 = v.only(I2).provenance();
    assertThat(p2.name()).isNull();
    assertThat(p2.reports()).isEmpty();
    assertThat(p2.groupings()).as("a grouping without a name, by its id").hasSize(2);
    assertThat(p2.groupings().get(0)).isEqualTo("Harbor summit");
    assertThat(p2.groupings().get(1)).startsWith("grouping--");
    assertThat(v.only(I1).origin()).isEqualTo(Origin.file(indicators));
  }

  /** A report or grouping ({@code name} null: none) listing {@code refs}. */
  static String container(String type, String name, String... refs) {
    String id =
        type
            + "--"
            + String.format("%08x", (type + name).hashCode())
            + "-7c8e-4f9a-8b1c-2d3e4f5a6b7c";
    return "{`type`:`"
        + type
        + "`,`spec_version`:`2.1`,`id`:`"
        + id
        + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`"
        + (name == null ? "" : ",`name`:`" + name + "`")
        + (type.equals("report")
            ? ",`report_types`:[`threat-report`],`published`:`2024-01-01T00:00:00Z`"
            : ",`context`:`suspicious-activity`")
        + ",`object_refs`:[`"
        + String.join("`,`", refs)
        + "`]}";
  }

  @Test
  void aProducerThatIsNotLoadedIsNamedByItsId() throws IOException {
    Versions v =
        load(
            write(
                "b.json",
                bundle(indicator(I1, "2024-01-01T00:00:00Z", ",`created_by_ref`:`" + ID + "`"))));
    assertThat(v.only(I1).provenance().producer()).isEqualTo(ID);
  }

  @Test
  void onlyTheNewestVersionOfAReportCounts() throws IOException {
    String r1 = container("report", "Wave", I1, I2);
    String r2 =
        r1.replace("`modified`:`2024-01-01T00:00:00Z`", "`modified`:`2024-02-01T00:00:00Z`")
            .replace("`" + I1 + "`,", "");
    Versions v =
        load(
            write(
                "b.json",
                bundle(
                    r2,
                    indicator(I1, "2024-01-01T00:00:00Z", ""),
                    indicator(I2, "2024-01-01T00:00:00Z", ""),
                    r1)));
    assertThat(v.only(I1).provenance().reports()).isEmpty();
    assertThat(v.only(I2).provenance().reports()).containsExactly("Wave");
  }

  @Test
  void aStixVersionCarriesItsModifiedTimeAndAPendingPatternStillGivesAVersion() throws IOException {
    String pending =
        indicator(I2, "2024-03-01T00:00:00.123Z", "")
            .replace(
                "[domain-name:value = 'evil.example']",
                "[domain-name:value = 'a.example'] FOLLOWEDBY [domain-name:value = 'b.example']");
    var sink = new Versions();
    new IntelLoader(IntelLoader.Options.defaults())
        .load(
            List.of(write("b.json", bundle(indicator(I1, "2024-02-01T00:00:00Z", ""), pending))),
            sink);
    assertThat(sink.versions)
        .extracting(IntelVersion::id, IntelVersion::modified, x -> x.observables().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(I1, Instant.parse("2024-02-01T00:00:00Z"), 1),
            org.assertj.core.groups.Tuple.tuple(I2, Instant.parse("2024-03-01T00:00:00.123Z"), 0));
    assertThat(sink.problems).extracting(Problem::code).containsExactly(ErrorCode.PATTERN_PENDING);
  }

  @Test
  void aRevocationInOneFileRevokesTheVersionsOfAnother() throws IOException {
    String first = write("a.json", bundle(indicator(I1, "2024-01-01T00:00:00Z", "")));
    String second =
        write(
            "b.json",
            bundle(
                indicator(I1, "2024-02-01T00:00:00Z", ",`revoked`:true")
                    .replace("'evil.example'", "'other.example'")));
    Versions v = load(first, second);
    assertThat(v.versions).hasSize(2).allMatch(IntelVersion::revoked);
  }

  @Test
  void aMispAttributeSaysItsEventOrgCategoryAndCommentAndItsTimestampIsItsVersion()
      throws IOException {
    String misp =
        write(
            "e.json",
            "{`Event`:{`uuid`:`3f2b8c1e-5d4a-4e7b-9c1d-2a6b8e0f4c37`,`info`:`Phishing wave`,"
                + "`timestamp`:`1763460000`,`Orgc`:{`name`:`Summit SOC`},`Org`:{`name`:`Host`},"
                + "`Attribute`:[{`uuid`:`4a1c2e3f-6b7d-4e8f-9a0b-1c2d3e4f5a6b`,`type`:`domain`,"
                + "`category`:`Network activity`,`comment`:`Fake portal`,`to_ids`:true,"
                + "`timestamp`:`1763470000`,`value`:`tickets.example`},"
                + "{`uuid`:`5b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c`,`type`:`ip-dst`,`to_ids`:true,"
                + "`comment`:``,`value`:`203.0.113.80`}]}}");
    Versions v = load(misp);
    String a1 = "indicator--4a1c2e3f-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
    String a2 = "indicator--5b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c";
    Provenance p = v.only(a1).provenance();
    assertThat(p.source()).isEqualTo(misp);
    assertThat(p.producer()).isEqualTo("Summit SOC");
    assertThat(p.misp())
        .isEqualTo(
            new Provenance.MispContext(
                "Phishing wave",
                "3f2b8c1e-5d4a-4e7b-9c1d-2a6b8e0f4c37",
                "Network activity",
                "Fake portal"));
    assertThat(v.only(a2).provenance().misp().comment()).isNull();
    assertThat(v.only(a2).provenance().misp().category()).isNull();
    assertThat(v.versions)
        .extracting(IntelVersion::modified)
        .containsExactly(Instant.ofEpochSecond(1763470000L), Instant.ofEpochSecond(1763460000L));
  }

  @Test
  void anUnreadableMispTimestampIsAWarningAndTheEventsStands() throws IOException {
    String misp =
        write(
            "e.json",
            "{`Event`:{`info`:`x`,`timestamp`:`1763460000`,`Attribute`:[{`type`:`domain`,"
                + "`to_ids`:true,`timestamp`:`yesterday`,`value`:`tickets.example`}]}}");
    var sink = new Versions();
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of(misp), sink);
    assertThat(sink.versions)
        .extracting(IntelVersion::modified)
        .containsExactly(Instant.ofEpochSecond(1763460000L));
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INTEL_WARNING);
              assertThat(p.where().toString()).endsWith("#Event.Attribute[0].timestamp");
              assertThat(p.message()).contains("\"yesterday\"");
            });
  }

  @Test
  void aPlainListValueIsAVersionOfItsOwnAsOfTheEpochFromItsFile() throws IOException {
    String list = write("l.txt", "evil.example\n");
    Versions v = load(list);
    IntelVersion only = v.versions.get(0);
    assertThat(only.modified()).isEqualTo(Instant.EPOCH);
    assertThat(only.origin()).isEqualTo(Origin.file(list));
    assertThat(only.observables().get(0).provenance()).isEqualTo(Provenance.of(list));
  }

  @Test
  void aSinkThatTakesIndicatorsSeesTheObservablesOfRevokedVersionsAsRevoked() {
    Indicator i =
        new Indicator(
            I1,
            dev.kasa.observable.ObservableType.DOMAIN,
            "evil.example",
            Instant.EPOCH,
            null,
            false,
            -1,
            dev.kasa.stix.Tlp.NONE,
            Attribution.NONE,
            Origin.file("f"),
            Provenance.of("f"));
    var seen = new IntelLoaderCollector();
    seen.version(new IntelVersion(I1, Instant.EPOCH, true, Origin.file("f"), List.of(i)));
    assertThat(seen.indicators).singleElement().matches(Indicator::revoked);
  }
}
