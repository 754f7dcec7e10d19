package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixBundleImporterTest {
  static final String I1 = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String I2 = "indicator--b932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String IS = "intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29";
  static final String TA = "threat-actor--9a8a0d25-7636-429b-a99e-b2a73cd0f11f";
  static final String CA = "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  static final String MW = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b";
  static final String AP = "attack-pattern--7e33a43e-e34b-40ec-89da-36c9bb2cacd5";
  static final String TIMES =
      "`spec_version`:`2.1`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`";

  static final class Collect implements IntelSink {
    final List<Indicator> indicators = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void indicator(Indicator indicator) {
      indicators.add(indicator);
    }

    @Override
    public void problem(Problem problem) {
      problems.add(problem);
    }
  }

  static String indicator(String id, String pattern, String extra) {
    return "{`type`:`indicator`,`id`:`"
        + id
        + "`,"
        + TIMES
        + ",`pattern`:`"
        + pattern
        + "`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`"
        + extra
        + "}";
  }

  static String sdo(String id, String extra) {
    String type = id.substring(0, id.indexOf("--"));
    return "{`type`:`" + type + "`,`id`:`" + id + "`," + TIMES + extra + "}";
  }

  static String rel(int n, String type, String from, String to, String extra) {
    return "{`type`:`relationship`,`id`:`relationship--44298a74-ba52-4f0c-87a3-1824e67d7f"
        + String.format("%02d", n)
        + "`,"
        + TIMES
        + ",`relationship_type`:`"
        + type
        + "`,`source_ref`:`"
        + from
        + "`,`target_ref`:`"
        + to
        + "`"
        + extra
        + "}";
  }

  static Collect run(String... objects) {
    String json =
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
            + "\"objects\":["
            + String.join(",", objects).replace('`', '"')
            + "]}";
    var sink = new Collect();
    new StixBundleImporter()
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "b.json", sink);
    return sink;
  }

  @Test
  void subsetPatternYieldsOneIndicatorPerObservableWithNormalisedValues() {
    Collect c =
        run(
            indicator(
                I1,
                "[ipv4-addr:value = '198.51.100.7'] OR "
                    + "[domain-name:value = 'EVIL.example.' OR file:hashes.'SHA-256' = '"
                    + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']",
                ""));
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators).extracting(Indicator::id).containsOnly(I1);
    assertThat(c.indicators)
        .extracting(Indicator::type, Indicator::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ObservableType.IPV4, "198.51.100.7"),
            org.assertj.core.groups.Tuple.tuple(ObservableType.DOMAIN, "evil.example"),
            org.assertj.core.groups.Tuple.tuple(
                ObservableType.SHA256,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    Indicator i = c.indicators.get(0);
    assertThat(i.validFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(i.validUntil()).isNull();
    assertThat(i.confidence()).isEqualTo(-1);
    assertThat(i.revoked()).isFalse();
    assertThat(i.tlp()).isEqualTo(Tlp.NONE);
    assertThat(i.attribution()).isSameAs(Attribution.NONE);
  }

  @Test
  void validityRevokedAndConfidenceAreCarried() {
    Collect c =
        run(
            indicator(
                I1,
                "[url:value = 'HTTP://Evil.example:80/a']",
                ",`valid_until`:`2025-01-01T00:00:00.5Z`,`revoked`:true,`confidence`:75"));
    Indicator i = c.indicators.get(0);
    assertThat(i.value()).isEqualTo("http://evil.example/a");
    assertThat(i.validUntil()).isEqualTo(Instant.parse("2025-01-01T00:00:00.5Z"));
    assertThat(i.revoked()).isTrue();
    assertThat(i.confidence()).isEqualTo(75);
  }

  @Test
  void otherPatternsAreReportedNeverDropped() {
    Collect c =
        run(
            indicator(
                I1, "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'x.example']", ""),
            indicator(I2, "[ipv4-addr:value = '1.2.3.4'", ""),
            "{`type`:`indicator`,`id`:`indicator--c932fcc6-e032-476c-826f-cb970a5a1ade`,"
                + TIMES
                + ",`pattern`:`title:"
                + " x`,`pattern_type`:`sigma`,`valid_from`:`2024-01-01T00:00:00Z`}",
            indicator(
                "indicator--d932fcc6-e032-476c-826f-cb970a5a1ade",
                "[ipv4-addr:value = '999.1.1.1']",
                ""));
    assertThat(c.indicators).isEmpty();
    assertThat(c.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.PATTERN_PENDING, "b.json#objects[0].pattern"),
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.INVALID_INPUT, "b.json#objects[1].pattern"),
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.UNSUPPORTED_INTEL, "b.json#objects[2].pattern_type"),
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.INVALID_INPUT, "b.json#objects[3].pattern"));
    assertThat(c.problems.get(0).message()).contains(I1).contains("AND");
    assertThat(c.problems.get(1).message()).contains(I2).contains("column 29");
    assertThat(c.problems.get(3).message()).contains("999.1.1.1").contains("ipv4-addr:value");
  }

  @Test
  void invalidObjectsAreReportedWithPathAndIdAndTheRestIsImported() {
    Collect c =
        run(
            "{`type`:`indicator`,`id`:`" + I2 + "`," + TIMES + ",`pattern_type`:`stix`}",
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", ""));
    assertThat(c.indicators).hasSize(1);
    assertThat(c.problems)
        .extracting(p -> p.where().toString())
        .containsExactlyInAnyOrder("b.json#objects[0].pattern", "b.json#objects[0].valid_from");
    assertThat(c.problems).allSatisfy(p -> assertThat(p.message()).contains(I2));
  }

  @Test
  void tlpFromStandardIdsOfObjectAndGranularMarkingsMostRestrictiveWins() {
    String tlp10Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    String tlp20Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    String tlp20Red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    String statement = "marking-definition--0000aaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    Collect c =
        run(
            indicator(
                I1,
                "[ipv4-addr:value = '1.2.3.4']",
                ",`object_marking_refs`:[`" + tlp20Green + "`,`" + tlp10Amber + "`]"),
            indicator(
                I2,
                "[ipv4-addr:value = '1.2.3.5']",
                ",`object_marking_refs`:[`"
                    + statement
                    + "`],`granular_markings`:[{`marking_ref`:`"
                    + tlp20Red
                    + "`,`selectors`:[`description`]}]"),
            indicator(
                "indicator--c932fcc6-e032-476c-826f-cb970a5a1ade",
                "[ipv4-addr:value = '1.2.3.6']",
                ",`object_marking_refs`:[`" + statement + "`]"),
            "{`type`:`marking-definition`,`spec_version`:`2.1`,`id`:`"
                + statement
                + "`,`created`:`2017-01-20T00:00:00.000Z`,`definition_type`:`statement`,"
                + "`definition`:{`statement`:`(c) a partner`}}");
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators)
        .extracting(Indicator::tlp)
        .containsExactly(Tlp.AMBER, Tlp.RED, Tlp.NONE);
  }

  @Test
  void attributionThroughRelationshipsInAnyOrderIsSharedAndIgnoresRevoked() {
    Collect c =
        run(
            rel(1, "indicates", I1, IS, ""),
            rel(2, "indicates", I2, IS, ""),
            rel(3, "indicates", I1, MW, ""),
            rel(4, "indicates", I2, MW, ""),
            rel(5, "indicates", I1, AP, ""),
            rel(6, "indicates", I2, AP, ""),
            rel(7, "indicates", I1, TA, ",`revoked`:true"),
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", ""),
            indicator(I2, "[ipv4-addr:value = '1.2.3.5']", ""),
            sdo(IS, ",`name`:`Cold Harbor`,`resource_level`:`government`"),
            sdo(TA, ",`name`:`Grey Gull`,`threat_actor_types`:[`nation-state`]"),
            sdo(MW, ",`name`:`NetTide`,`is_family`:true"),
            sdo(
                AP,
                ",`name`:`Web Protocols`,`external_references`:[{`source_name`:`capec`,"
                    + "`external_id`:`CAPEC-1`},{`source_name`:`mitre-attack`,`external_id`:`T1071.001`}]"));
    assertThat(c.problems).isEmpty();
    Attribution a = c.indicators.get(0).attribution();
    assertThat(a.actors()).containsExactly(new Actor("Cold Harbor", IS, true));
    assertThat(a.malware()).containsExactly("NetTide");
    assertThat(a.techniques()).containsExactly("T1071.001");
    assertThat(c.indicators.get(1).attribution()).isSameAs(a);
  }

  @Test
  void campaignFollowsItsAttributedToActorAndRevokedActorsAreIgnored() {
    Collect c =
        run(
            indicator(I1, "[domain-name:value = 'a.example']", ""),
            indicator(I2, "[domain-name:value = 'b.example']", ""),
            rel(1, "indicates", I1, CA, ""),
            rel(2, "attributed-to", CA, TA, ""),
            rel(3, "indicates", I2, IS, ""),
            sdo(CA, ",`name`:`Operation Low Tide`"),
            sdo(TA, ",`name`:`Grey Gull`,`threat_actor_types`:[`criminal`]"),
            sdo(IS, ",`name`:`Old Set`,`revoked`:true"));
    Attribution a = c.indicators.get(0).attribution();
    assertThat(a.campaigns()).containsExactly("Operation Low Tide");
    assertThat(a.actors()).containsExactly(new Actor("Grey Gull", TA, false));
    assertThat(c.indicators.get(1).attribution()).isSameAs(Attribution.NONE);
  }

  @Test
  void stix20IndicatorIsImported() {
    Collect c =
        run(
            "{`type`:`indicator`,`id`:`"
                + I1
                + "`,`created`:`2017-01-01T00:00:00.000Z`,"
                + "`modified`:`2017-01-01T00:00:00.000Z`,`labels`:[`malicious-activity`],"
                + "`pattern`:`[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']`,"
                + "`valid_from`:`2017-01-01T00:00:00Z`}");
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators)
        .extracting(Indicator::value)
        .containsExactly("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void malformedJsonMidBundleIsAProblemAndEarlierIndicatorsAreKept() {
    String json =
        ("{`type`:`bundle`,`objects`:["
                + indicator(I1, "[ipv4-addr:value = '1.2.3.4']", "")
                + ",{`a`:")
            .replace('`', '"');
    var sink = new Collect();
    new StixBundleImporter()
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "b.json", sink);
    assertThat(sink.indicators).hasSize(1);
    assertThat(sink.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("malformed JSON"));
  }

  @Test
  void upperCaseUuidIsReportedNotThrown() {
    Collect c =
        run(
            indicator(
                I1.toUpperCase().replace("INDICATOR", "indicator"),
                "[ipv4-addr:value = '1.2.3.4']",
                ""));
    assertThat(c.indicators).isEmpty();
    assertThat(c.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.where().toString()).isEqualTo("b.json#objects[0].id"));
  }

  @Test
  void inputThatIsNotAnObjectThrows() {
    assertThatThrownBy(
            () ->
                new StixBundleImporter()
                    .read(
                        new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)),
                        "b.json",
                        new Collect()))
        .isInstanceOf(KasaException.class);
  }
}
