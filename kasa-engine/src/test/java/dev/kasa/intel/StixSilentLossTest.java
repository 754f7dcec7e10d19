package dev.kasa.intel;

import static dev.kasa.intel.StixBundleImporterTest.I1;
import static dev.kasa.intel.StixBundleImporterTest.I2;
import static dev.kasa.intel.StixBundleImporterTest.indicator;
import static dev.kasa.intel.StixBundleImporterTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.intel.StixBundleImporterTest.Collect;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a bundle says about markings, validity and revocation is never lost without a word; a TLP
 * that cannot be read never leaves an indicator less restricted.
 */
class StixSilentLossTest {
  static final String CUSTOM = "marking-definition--0000aaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
  static final String TLP1_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
  static final String TLP1_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

  static String marking(String id, String body) {
    return "{`type`:`marking-definition`,`spec_version`:`2.1`,`id`:`"
        + id
        + "`,`created`:`2017-01-20T00:00:00.000Z`"
        + body
        + "}";
  }

  static String markedBy(String... refs) {
    return ",`object_marking_refs`:[`" + String.join("`,`", refs) + "`]";
  }

  static Collect importJson(String json) {
    var sink = new Collect();
    new StixBundleImporter()
        .read(
            new ByteArrayInputStream(json.replace('`', '"').getBytes(StandardCharsets.UTF_8)),
            "b.json",
            sink);
    return sink;
  }

  @ParameterizedTest
  @ValueSource(strings = {"{`a`:1}", "`objects`", "5", "null", "true"})
  void objectsThatIsNotAListIsReported(String objects) {
    Collect c = importJson("{`type`:`bundle`,`objects`:" + objects + "}");
    assertThat(c.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.where().toString()).isEqualTo("b.json#objects");
              assertThat(p.message()).contains("list");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ",`definition_type`:`tlp`,`definition`:{`tlp`:`reddish`}",
        ",`definition_type`:`tlp`,`definition`:{`tlp`:`white`}",
        ",`definition_type`:`TLP`,`definition`:{`tlp`:`green`}",
        ",`definition_type`:`tlp`,`definition`:{}",
        ",`name`:`TLP:PURPLE`,`definition_type`:`statement`,`definition`:{`statement`:`x`}",
        ",`name`:`TLP:CLEAR`,`extensions`:{`extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`:"
            + "{`extension_type`:`property-extension`,`tlp_2_0`:`clear`}}"
      })
  void aTlpDefinedUnderAnotherIdIsRejectedNeverReadAndItsIndicatorsAreTakenAsRed(String body) {
    Collect c =
        run(
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", markedBy(CUSTOM)),
            marking(CUSTOM, body));
    assertThat(c.indicators).singleElement().satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
    assertThat(c.problems)
        .satisfiesExactly(
            p -> {
              assertThat(p.where().toString()).startsWith("b.json#objects[1].");
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains(CUSTOM).contains("standard TLP");
            },
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INTEL_WARNING);
              assertThat(p.message())
                  .contains(CUSTOM)
                  .contains("1 indicator")
                  .contains("rejected")
                  .contains("TLP:RED");
            });
  }

  @Test
  void aMarkingMissingFromTheBundleIsNoTlpAndChangesNothing() {
    Collect c =
        run(
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", markedBy(CUSTOM)),
            indicator(I2, "[ipv4-addr:value = '1.2.3.5']", markedBy(CUSTOM, TLP1_RED)));
    assertThat(c.indicators).extracting(Indicator::tlp).containsExactly(Tlp.NONE, Tlp.RED);
    assertThat(c.problems).isEmpty();
  }

  @Test
  void aStatementMarkingIsNotATlpAndChangesNothing() {
    Collect c =
        run(
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", markedBy(CUSTOM)),
            marking(CUSTOM, ",`definition_type`:`statement`,`definition`:{`statement`:`(c) x`}"));
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators)
        .singleElement()
        .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.NONE));
  }

  @Test
  void aStandardTlpMarkingIsReadFromItsIdEvenWhenTheBundleRestatesItWrongly() {
    Collect c =
        run(
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", markedBy(TLP1_GREEN)),
            marking(TLP1_GREEN, ",`definition_type`:`tlp`,`definition`:{`tlp`:`white`}"));
    assertThat(c.indicators)
        .singleElement()
        .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.GREEN));
    assertThat(c.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains("standard TLP:GREEN").contains("white");
            });
  }

  @Test
  void aTlpInGranularMarkingsRestrictsTheWholeIndicator() {
    Collect c =
        run(
            indicator(
                I1,
                "[ipv4-addr:value = '1.2.3.4']",
                ",`granular_markings`:[{`marking_ref`:`"
                    + TLP1_RED
                    + "`,`selectors`:[`pattern`]}]"));
    assertThat(c.problems).isEmpty();
    assertThat(c.indicators).singleElement().satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
  }

  @Test
  void aRevokedVersionRevokesEveryVersionOfItsId() {
    String later =
        indicator(I1, "[ipv4-addr:value = '1.2.3.5']", ",`revoked`:true")
            .replace("`modified`:`2024-01-01T00:00:00Z`", "`modified`:`2024-02-01T00:00:00Z`");
    for (String[] order :
        new String[][] {
          {indicator(I1, "[ipv4-addr:value = '1.2.3.4']", ""), later},
          {later, indicator(I1, "[ipv4-addr:value = '1.2.3.4']", "")}
        }) {
      Collect c = run(order);
      assertThat(c.indicators).hasSize(2).allSatisfy(i -> assertThat(i.revoked()).isTrue());
    }
  }

  @Test
  void aRevokedVersionWithAPatternKasaCannotHoldStillRevokesTheOthers() {
    Collect c =
        run(
            indicator(I1, "[ipv4-addr:value = '1.2.3.4']", ""),
            indicator(I1, "[file:size > 5]", ",`revoked`:true")
                .replace("`modified`:`2024-01-01T00:00:00Z`", "`modified`:`2024-02-01T00:00:00Z`"));
    assertThat(c.indicators).singleElement().satisfies(i -> assertThat(i.revoked()).isTrue());
  }
}
