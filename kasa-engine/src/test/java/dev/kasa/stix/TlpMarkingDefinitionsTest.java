package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The standard TLP definitions Kasa writes into bundles are valid and say their own level. */
class TlpMarkingDefinitionsTest {
  private static final List<String> STANDARD =
      List.of(
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  @Test
  void everyStandardIdHasAValidDefinitionOfItsLevel() {
    for (String id : STANDARD) {
      StixMarkingDefinition m = TlpMarkingDefinitions.of(id).orElseThrow();
      assertThat(m.id()).isEqualTo(id);
      assertThat(StixValidator.validate(m, "objects[0]")).as(id).isEmpty();
      String level = Tlp.ofMarkingId(id).orElseThrow().label();
      assertThat(Tlp.ofLabel(m.name()).orElseThrow().label()).isEqualTo(level);
    }
  }

  @Test
  void theTlp2AndTlp1FormsAreThoseOfTheirSpecifications() {
    String amberStrict =
        StixWriter.toJson(
            TlpMarkingDefinitions.of("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003")
                .orElseThrow());
    assertThat(amberStrict)
        .isEqualTo(
            "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":"
                + "\"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003\","
                + "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER+STRICT\","
                + "\"extensions\":{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
                + "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber+strict\"}}}");
    String white =
        StixWriter.toJson(
            TlpMarkingDefinitions.of("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")
                .orElseThrow());
    assertThat(white)
        .isEqualTo(
            "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":"
                + "\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\","
                + "\"created\":\"2017-01-20T00:00:00.000Z\",\"name\":\"TLP:WHITE\","
                + "\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"white\"}}");
  }

  @Test
  void otherIdsHaveNone() {
    assertThat(TlpMarkingDefinitions.of("marking-definition--00000000-0000-4000-8000-000000000000"))
        .isEmpty();
  }
}
