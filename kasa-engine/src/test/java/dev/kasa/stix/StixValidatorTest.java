package dev.kasa.stix;

import static dev.kasa.stix.StixJson.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problems;
import org.junit.jupiter.api.Test;

class StixValidatorTest {
  static final String ID = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String HEAD =
      "`type`:`indicator`,`spec_version`:`2.1`,`id`:`"
          + ID
          + "`,"
          + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`";
  static final String OK_IND =
      HEAD
          + ",`pattern`:`[ipv4-addr:value = '1.2.3.4']`,`pattern_type`:`stix`,"
          + "`valid_from`:`2024-01-01T00:00:00Z`";

  @Test
  void aValidIndicatorHasNoErrors() {
    assertThat(errorsOf("{" + OK_IND + "}")).isEmpty();
  }

  @Test
  void missingIndicatorPropertiesAreAllReportedTogetherWithIdAndPath() {
    assertThat(errorsOf("{" + HEAD + "}"))
        .extracting(Problems::stixPath, Problems::stixId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("objects[0].pattern", ID),
            org.assertj.core.groups.Tuple.tuple("objects[0].pattern_type", ID),
            org.assertj.core.groups.Tuple.tuple("objects[0].valid_from", ID));
  }

  @Test
  void idMustBeTypeDashDashUuidOfTheSameType() {
    assertThat(errorsOf("{" + OK_IND.replace(ID, "indicator--not-a-uuid") + "}"))
        .singleElement()
        .satisfies(e -> assertThat(Problems.stixPath(e)).isEqualTo("objects[0].id"));
    assertThat(
            errorsOf(
                "{" + OK_IND.replace(ID, "malware--a932fcc6-e032-476c-826f-cb970a5a1ade") + "}"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("does not start with its type"));
  }

  @Test
  void timestampsMustBeRfc3339UtcAndModifiedNotBeforeCreated() {
    assertThat(
            errorsOf(
                "{"
                    + OK_IND.replace(
                        "`valid_from`:`2024-01-01T00:00:00Z`", "`valid_from`:`2024-01-01 00:00:00`")
                    + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].valid_from");
    assertThat(
            errorsOf(
                "{"
                    + OK_IND.replace(
                        "`modified`:`2024-01-01T00:00:00Z`", "`modified`:`2023-01-01T00:00:00Z`")
                    + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].modified");
  }

  @Test
  void validUntilMustBeAfterValidFromAndConfidenceInRange() {
    assertThat(errorsOf("{" + OK_IND + ",`valid_until`:`2024-01-01T00:00:00Z`,`confidence`:101}"))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder("objects[0].valid_until", "objects[0].confidence");
  }

  @Test
  void referencesMustPointAtTheRightTypes() {
    assertThat(
            errorsOf(
                "{"
                    + OK_IND
                    + ",`created_by_ref`:`malware--a932fcc6-e032-476c-826f-cb970a5a1ade`"
                    + ",`object_marking_refs`:[`identity--a932fcc6-e032-476c-826f-cb970a5a1ade`]"
                    + ",`granular_markings`:[{`marking_ref`:`tool--a932fcc6-e032-476c-826f-cb970a5a1ade`,`selectors`:[`name`]}]}"))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder(
            "objects[0].created_by_ref",
            "objects[0].object_marking_refs[0]",
            "objects[0].granular_markings[0].marking_ref");
  }

  @Test
  void wrongJsonTypesAreErrors() {
    assertThat(errorsOf("{" + OK_IND + ",`labels`:`c2`,`revoked`:`yes`}"))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder("objects[0].labels", "objects[0].revoked");
  }

  @Test
  void relationshipNeedsTypeAndRefsAndSightingNeedsAnSdo() {
    String rel =
        "{`type`:`relationship`,`spec_version`:`2.1`,"
            + "`id`:`relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`}";
    assertThat(errorsOf(rel))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder(
            "objects[0].relationship_type", "objects[0].source_ref", "objects[0].target_ref");
    String sighting =
        "{`type`:`sighting`,`spec_version`:`2.1`,"
            + "`id`:`sighting--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`sighting_of_ref`:`ipv4-addr--44298a74-ba52-4f0c-87a3-1824e67d7fad`,`count`:-1}";
    assertThat(errorsOf(sighting))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder("objects[0].sighting_of_ref", "objects[0].count");
  }

  @Test
  void requiredPropertiesOfOtherTypes() {
    String common =
        "`spec_version`:`2.1`,`created`:`2024-01-01T00:00:00Z`,"
            + "`modified`:`2024-01-01T00:00:00Z`,`id`:`";
    String uuid = "--44298a74-ba52-4f0c-87a3-1824e67d7fad`";
    assertThat(errorsOf("{`type`:`intrusion-set`," + common + "intrusion-set" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].name");
    assertThat(errorsOf("{`type`:`malware`," + common + "malware" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].is_family");
    assertThat(errorsOf("{`type`:`report`," + common + "report" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder(
            "objects[0].name", "objects[0].published", "objects[0].object_refs");
    assertThat(errorsOf("{`type`:`ipv4-addr`,`id`:`ipv4-addr" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].value");
    assertThat(errorsOf("{`type`:`identity`,`id`:`identity" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactlyInAnyOrder("objects[0].created", "objects[0].modified", "objects[0].name");
    assertThat(errorsOf("{`id`:`identity" + uuid + "}"))
        .extracting(Problems::stixPath)
        .containsExactly("objects[0].type");
  }

  @Test
  void stix20IndicatorWithoutSpecVersionOrPatternTypeIsAccepted() {
    String v20 =
        "{`type`:`indicator`,`id`:`"
            + ID
            + "`,`created`:`2017-01-01T00:00:00.000Z`,"
            + "`modified`:`2017-01-01T00:00:00.000Z`,`labels`:[`malicious-activity`],"
            + "`pattern`:`[url:value = 'http://x.example/']`,`valid_from`:`2017-01-01T00:00:00Z`}";
    assertThat(errorsOf(v20)).isEmpty();
    String malware20 =
        "{`type`:`malware`,`id`:`malware--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`created`:`2017-01-01T00:00:00.000Z`,`modified`:`2017-01-01T00:00:00.000Z`,`name`:`X`}";
    assertThat(errorsOf(malware20)).isEmpty();
  }
}
