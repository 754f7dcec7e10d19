package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static byte[] fixture() throws Exception {
    try (InputStream in = StixRoundTripTest.class.getResourceAsStream("/stix/all-types.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void everyModelledTypeDecodesIntoItsRecord() throws Exception {
    List<Problem> errors = new ArrayList<>();
    StixBundle b = StixReader.readBundle(new ByteArrayInputStream(fixture()), "t", errors);
    assertThat(errors).isEmpty();
    assertThat(b.objects())
        .extracting(o -> o.getClass().getSimpleName())
        .containsExactly(
            "StixIdentity",
            "StixMarkingDefinition",
            "StixIndicator",
            "StixSighting",
            "StixObservedData",
            "StixIntrusionSet",
            "StixThreatActor",
            "StixCampaign",
            "StixMalware",
            "StixTool",
            "StixAttackPattern",
            "StixRelationship",
            "StixReport",
            "StixGrouping",
            "StixIpv4Addr",
            "StixIpv6Addr",
            "StixDomainName",
            "StixUrl",
            "StixEmailAddr",
            "StixFile",
            "StixUnknownObject",
            "StixUnknownObject");
    var i = (StixIndicator) b.objects().get(2);
    assertThat(i.pattern()).isEqualTo("[ipv4-addr:value = '198.51.100.7']");
    assertThat(i.validFrom().text()).isEqualTo("2024-01-02T00:00:00Z");
    assertThat(i.common().confidence()).isEqualTo(80);
    assertThat(i.common().externalReferences().get(0).other()).containsKey("hashes");
    assertThat(i.other()).containsKeys("kill_chain_phases", "lang", "x_acme_score");
    assertThat(((StixFile) b.objects().get(19)).hashes()).containsKey("SHA-256");
  }

  @Test
  void eachObjectWritesBackTheSameJson() throws Exception {
    JsonNode original = MAPPER.readTree(fixture()).get("objects");
    StixBundle b =
        StixReader.readBundle(new ByteArrayInputStream(fixture()), "t", new ArrayList<>());
    for (int k = 0; k < original.size(); k++) {
      assertThat(StixWriter.toTree(b.objects().get(k)))
          .as("objects[%d]", k)
          .isEqualTo(original.get(k));
    }
  }

  @Test
  void bundleRoundTripKeepsBundlePropertiesAndIsStable() throws Exception {
    StixBundle b =
        StixReader.readBundle(new ByteArrayInputStream(fixture()), "t", new ArrayList<>());
    var out = new ByteArrayOutputStream();
    StixWriter.writeBundle(b, out);
    assertThat(MAPPER.readTree(out.toByteArray())).isEqualTo(MAPPER.readTree(fixture()));
    StixBundle again =
        StixReader.readBundle(new ByteArrayInputStream(out.toByteArray()), "t", new ArrayList<>());
    assertThat(again).isEqualTo(b);
  }

  @Test
  void unknownTypeKeepsPropertyOrder() throws Exception {
    StixBundle b =
        StixReader.readBundle(new ByteArrayInputStream(fixture()), "t", new ArrayList<>());
    String json = StixWriter.toJson(b.objects().get(20));
    assertThat(json)
        .contains("\"nested\":{\"deep\":[{\"a\":1},[2,\"b\"]],\"big\":12345678901234567890");
  }
}
