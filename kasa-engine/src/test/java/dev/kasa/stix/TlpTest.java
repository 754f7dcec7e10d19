package dev.kasa.stix;

import static dev.kasa.stix.StixJson.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An object's TLP: standard ids only, object and granular markings, the most restrictive wins. */
class TlpTest {
  static final String TLP1_WHITE = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
  static final String TLP1_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
  static final String TLP1_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
  static final String TLP1_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
  static final String TLP2_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
  static final String TLP2_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  static final String TLP2_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  static final String TLP2_AMBER_STRICT =
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
  static final String TLP2_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
  static final String CUSTOM = "marking-definition--0000aaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

  private static StixCommon marked(List<String> refs, String granularJson) {
    JsonNode granular;
    try {
      granular = granularJson == null ? null : new ObjectMapper().readTree(granularJson);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return new StixCommon(
        "indicator",
        "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade",
        "2.1",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        refs,
        granular);
  }

  private static String granular(String ref, String... selectors) {
    return "{\"marking_ref\":\""
        + ref
        + "\",\"selectors\":[\""
        + String.join("\",\"", selectors)
        + "\"]}";
  }

  // FIRST, TLP 2.0: "TLP:WHITE is now TLP:CLEAR"; GREEN, AMBER and RED keep their meaning, and
  // AMBER+STRICT is new (TLP 1.0 AMBER does not become it).
  @ParameterizedTest
  @CsvSource({
    TLP1_WHITE + ", CLEAR, " + TLP2_CLEAR,
    TLP1_GREEN + ", GREEN, " + TLP2_GREEN,
    TLP1_AMBER + ", AMBER, " + TLP2_AMBER,
    TLP1_RED + ", RED, " + TLP2_RED
  })
  void tlp10MapsToTlp20AsFirstDefines(String tlp1Id, Tlp level, String tlp2Id) {
    assertThat(Tlp.ofMarkingId(tlp1Id)).contains(level);
    assertThat(level.markingId()).contains(tlp2Id);
    assertThat(Tlp.ofMarkingId(tlp2Id)).contains(level);
  }

  @Test
  void labelsOfBothVersionsReadAsTlp20() {
    assertThat(Tlp.ofLabel("TLP:WHITE")).contains(Tlp.CLEAR);
    assertThat(Tlp.ofLabel("clear")).contains(Tlp.CLEAR);
    assertThat(Tlp.ofLabel("amber")).contains(Tlp.AMBER);
    assertThat(Tlp.ofLabel("TLP:AMBER+STRICT")).contains(Tlp.AMBER_STRICT);
    assertThat(Tlp.ofLabel("purple")).isEmpty();
    assertThat(Tlp.AMBER_STRICT.markingId()).contains(TLP2_AMBER_STRICT);
    assertThat(Tlp.NONE.markingId()).isEmpty();
  }

  @Test
  void anUnmarkedObjectOrOneWithOtherMarkingsOnlyHasNoTlp() {
    assertThat(Tlp.of(marked(null, null))).isEqualTo(Tlp.NONE);
    assertThat(Tlp.of(marked(List.of(CUSTOM), granular(CUSTOM, "name")))).isEqualTo(Tlp.NONE);
  }

  @Test
  void theMostRestrictiveOfObjectAndGranularMarkingsWinsWhateverTheSelectors() {
    assertThat(Tlp.of(marked(List.of(TLP2_GREEN, TLP1_AMBER), null))).isEqualTo(Tlp.AMBER);
    assertThat(Tlp.of(marked(List.of(TLP2_GREEN), "[" + granular(TLP2_RED, "description") + "]")))
        .isEqualTo(Tlp.RED);
    assertThat(
            Tlp.of(
                marked(
                    null,
                    "["
                        + granular(TLP2_AMBER_STRICT, "pattern")
                        + ","
                        + granular(TLP1_WHITE, "name", "labels.[0]")
                        + "]")))
        .isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.of(marked(List.of(TLP2_RED), "[" + granular(TLP1_WHITE, "name") + "]")))
        .isEqualTo(Tlp.RED);
  }

  @Test
  void granularLanguageMarkingsAndOddShapesAreNoTlp() {
    assertThat(Tlp.of(marked(null, "[{\"lang\":\"en\",\"selectors\":[\"name\"]}]")))
        .isEqualTo(Tlp.NONE);
    assertThat(Tlp.of(marked(null, "[{\"marking_ref\":5,\"selectors\":[\"name\"]}]")))
        .isEqualTo(Tlp.NONE);
    assertThat(Tlp.of(marked(null, "{\"marking_ref\":\"" + TLP2_RED + "\"}"))).isEqualTo(Tlp.NONE);
  }

  @Test
  void markingRefsListObjectThenGranularOnce() {
    assertThat(
            marked(
                    List.of(TLP2_GREEN),
                    "[" + granular(TLP2_GREEN, "a") + "," + granular(CUSTOM, "b") + "]")
                .markingRefs())
        .containsExactly(TLP2_GREEN, CUSTOM);
    assertThat(marked(null, null).markingRefs()).isEmpty();
    assertThat(marked(List.of(TLP2_RED, CUSTOM, TLP2_RED), null).markingRefs())
        .containsExactly(TLP2_RED, CUSTOM);
  }

  private static String definition(String id, String body) {
    return "{`type`:`marking-definition`,`spec_version`:`2.1`,`id`:`"
        + id
        + "`,`created`:`2017-01-20T00:00:00.000Z`"
        + body
        + "}";
  }

  @Test
  void theStandardDefinitionsAsPublishedAreValid() {
    assertThat(
            errorsOf(
                definition(
                    TLP1_WHITE,
                    ",`name`:`TLP:WHITE`,`definition_type`:`tlp`,`definition`:{`tlp`:`white`}")))
        .isEmpty();
    assertThat(
            errorsOf(
                definition(
                    TLP2_AMBER_STRICT,
                    ",`name`:`TLP:AMBER+STRICT`,`extensions`:{`"
                        + Tlp.TLP2_EXTENSION
                        + "`:{`extension_type`:`property-extension`,`tlp_2_0`:`amber+strict`}}")))
        .isEmpty();
  }

  @Test
  void aTlpDefinitionUnderAnotherIdIsInvalid() {
    assertThat(
            errorsOf(definition(CUSTOM, ",`definition_type`:`tlp`,`definition`:{`tlp`:`green`}")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(Problems.stixId(e)).isEqualTo(CUSTOM);
              assertThat(Problems.stixPath(e)).isEqualTo("objects[0].definition_type");
              assertThat(e.message())
                  .contains("not one of the standard TLP 1.0 or 2.0 marking definitions");
            });
    assertThat(
            errorsOf(
                definition(
                    CUSTOM,
                    ",`extensions`:{`"
                        + Tlp.TLP2_EXTENSION
                        + "`:{`extension_type`:`property-extension`,`tlp_2_0`:`clear`}}")))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].extensions");
    assertThat(
            errorsOf(
                definition(
                    CUSTOM,
                    ",`name`:`tlp:amber`,`definition_type`:`statement`,`definition`:{`statement`:`x`}")))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].name");
    assertThat(
            errorsOf(
                definition(
                    CUSTOM,
                    ",`name`:`Copyright`,`definition_type`:`statement`,`definition`:{`statement`:`x`}")))
        .isEmpty();
  }

  @Test
  void aStandardIdStatingAnotherLevelIsInvalid() {
    assertThat(
            errorsOf(definition(TLP1_GREEN, ",`definition_type`:`tlp`,`definition`:{`tlp`:`red`}")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(Problems.stixPath(e)).isEqualTo("objects[0].definition.tlp");
              assertThat(e.message()).contains("standard TLP:GREEN").contains("red");
            });
    assertThat(
            errorsOf(
                definition(
                    TLP2_CLEAR,
                    ",`extensions`:{`"
                        + Tlp.TLP2_EXTENSION
                        + "`:{`extension_type`:`property-extension`,`tlp_2_0`:`green`}}")))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].extensions");
  }
}
