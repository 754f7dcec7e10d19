package dev.kasa.node.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Importing assets: every bad row named by file:line, the good rows kept. */
class AssetFilesTest {
  @Test
  void csvKeepsGoodRowsAndNamesEveryBadOne() {
    String csv =
        """
        name,kind,addresses,hostnames,owner,sector,criticality,tags
        base7,base,10.7.0.0/16;2001:db8:7::/48,,J6,defense,5,nato;north
        grid-scada,network,10.20.0.0/24,"scada.grid.example",Grid Co,energy,4,ics
        bad-cidr,network,10.0.0.1/8,,,energy,3,
        bad-sector,host,10.0.0.9,,,farming,3,
        bad-crit,host,10.0.0.9,,,energy,9,
        summit-web,service,192.0.2.80,www.summit.example,,major-event,2,
        """;
    var r = AssetFiles.read("assets.csv", csv);
    assertThat(r.assets())
        .extracting(Asset::name)
        .containsExactly("base7", "grid-scada", "summit-web");
    assertThat(r.assets().getFirst().addresses())
        .extracting(Cidr::toString)
        .containsExactly("10.7.0.0/16", "2001:db8:7::/48");
    assertThat(r.assets().getFirst().tags()).containsExactly("nato", "north");
    assertThat(r.problems()).hasSize(3);
    assertThat(r.problems().get(0)).startsWith("assets.csv:4: ").contains("host bits");
    assertThat(r.problems().get(1)).startsWith("assets.csv:5: ").contains("farming");
    assertThat(r.problems().get(2)).startsWith("assets.csv:6: ").contains("criticality");
  }

  @Test
  void yamlTakesTheSameFieldsWithListsEitherWay() {
    String yaml =
        """
        - name: base7
          kind: base
          addresses: [10.7.0.0/16]
          sector: defense
          criticality: 5
        - name: broken
          kind: castle
          sector: defense
          criticality: 2
        - name: summit
          kind: service
          hostnames: www.summit.example;api.summit.example
          sector: major-event
          criticality: 3
          tags: [public]
        """;
    var r = AssetFiles.read("assets.yml", yaml);
    assertThat(r.assets()).extracting(Asset::name).containsExactly("base7", "summit");
    assertThat(r.assets().get(1).hostnames())
        .isEqualTo(List.of("www.summit.example", "api.summit.example"));
    assertThat(r.problems())
        .singleElement()
        .asString()
        .startsWith("assets.yml:6: ")
        .contains("castle");
  }

  @Test
  void aYamlFileWhoseMappingMergesItselfIsRefusedNotLoopedOn() {
    String yaml = "- &a\n  name: loop\n  <<: *a\n";
    var r =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30), () -> AssetFiles.read("loop.yml", yaml));
    assertThat(r.assets()).isEmpty();
    assertThat(r.problems()).singleElement().asString().startsWith("loop.yml:3: ").contains("*a");
  }
}
