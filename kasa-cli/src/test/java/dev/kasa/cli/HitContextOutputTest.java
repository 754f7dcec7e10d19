package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hit says who and where its event is about (host, both ends, the event's own ids) and where
 * its intelligence came from, so that two hits on one value from a STIX bundle and a MISP event
 * read differently in every format.
 */
class HitContextOutputTest {
  @TempDir Path dir;
  Path stix;
  Path attack;
  Path misp;
  Path log;

  @BeforeEach
  void write() throws IOException {
    stix =
        Files.writeString(
            dir.resolve("partner.json"),
            """
            {"type":"bundle","id":"bundle--6f1c2a90-3b1e-4c1d-9a57-0d8e5b2f4a11","objects":[
            {"type":"identity","spec_version":"2.1","id":"identity--1b7e3f5a-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
             "created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","name":"Partner CERT",
             "identity_class":"organization"},
            {"type":"indicator","spec_version":"2.1","id":"indicator--2c8f4a6b-3d5e-4f70-9b1c-1d2e3f4a5b6c",
             "created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","name":"C2 node",
             "created_by_ref":"identity--1b7e3f5a-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
             "pattern":"[ipv4-addr:value = '203.0.113.7']","pattern_type":"stix",
             "valid_from":"2025-01-01T00:00:00Z"},
            {"type":"report","spec_version":"2.1","id":"report--3d9a5b7c-4e6f-4081-8c2d-2e3f4a5b6c7d",
             "created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","name":"Op Lantern",
             "published":"2025-01-01T00:00:00Z",
             "object_refs":["indicator--2c8f4a6b-3d5e-4f70-9b1c-1d2e3f4a5b6c"]},
            {"type":"relationship","spec_version":"2.1","id":"relationship--4e0b6c8d-5f70-4192-9d3e-3f4a5b6c7d80",
             "created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","relationship_type":"indicates",
             "source_ref":"indicator--2c8f4a6b-3d5e-4f70-9b1c-1d2e3f4a5b6c",
             "target_ref":"attack-pattern--7a1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"}]}
            """);
    attack =
        Files.writeString(
            dir.resolve("attack.json"),
            """
            {"type":"bundle","id":"bundle--8b2d3e4f-5061-4728-9bac-1d2e3f4a5b6c","objects":[
            {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--7a1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
             "created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z",
             "name":"Application Layer Protocol",
             "external_references":[{"source_name":"mitre-attack","external_id":"T1071"}]}]}
            """);
    misp =
        Files.writeString(
            dir.resolve("event.json"),
            """
            {"Event":{"info":"Phishing wave","uuid":"5e0b6c8d-5f70-4192-9d3e-3f4a5b6c7d8e",
             "date":"2025-01-01","timestamp":"1735689600","Orgc":{"name":"CERT-X"},
             "Attribute":[{"type":"ip-dst","category":"Network activity","to_ids":true,
              "uuid":"6f1c7d9e-6081-42a3-8e4f-4a5b6c7d8e9f","timestamp":"1735689600",
              "value":"203.0.113.7","comment":"beacon"}]}}
            """);
    log =
        Files.writeString(
            dir.resolve("conn.log"),
            "{\"ts\":1748822400.0,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.5\",\"id.orig_p\":49152,"
                + "\"id.resp_h\":\"203.0.113.7\",\"id.resp_p\":443,\"proto\":\"tcp\"}\n");
  }

  private CliRun scan(String format) {
    CliRun run =
        CliRun.kasa(
            "scan",
            "-i",
            stix.toString(),
            "-i",
            attack.toString(),
            "-i",
            misp.toString(),
            "-f",
            format,
            log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  @Test
  void jsonLinesCarryTheEventContextAndTheProvenanceOfEachIndicator() {
    List<JsonNode> hits = scan("jsonl").jsonLines();
    assertThat(hits).hasSize(2);
    for (JsonNode h : hits) {
      assertThat(h.get("context").toString())
          .isEqualTo(
              "{\"source\":{\"ip\":\"10.0.0.5\",\"port\":49152},"
                  + "\"destination\":{\"ip\":\"203.0.113.7\",\"port\":443},"
                  + "\"fields\":{\"uid\":\"C1\"}}");
    }
    JsonNode fromStix =
        hits.stream().filter(h -> h.get("provenance").has("name")).findFirst().orElseThrow();
    assertThat(fromStix.get("provenance").get("source").asText()).isEqualTo(stix.toString());
    assertThat(fromStix.get("provenance").get("producer").asText()).isEqualTo("Partner CERT");
    assertThat(fromStix.get("provenance").get("name").asText()).isEqualTo("C2 node");
    assertThat(fromStix.get("provenance").get("reports").toString()).contains("Op Lantern");
    // The indicates relationship resolves to an attack pattern of another bundle.
    assertThat(fromStix.get("indicator").get("techniques").toString()).isEqualTo("[\"T1071\"]");
    assertThat(fromStix.get("indicator").get("technique_names").toString())
        .isEqualTo("{\"T1071\":\"Application Layer Protocol\"}");
    JsonNode fromMisp =
        hits.stream().filter(h -> h.get("provenance").has("misp")).findFirst().orElseThrow();
    assertThat(fromMisp.get("provenance").get("producer").asText()).isEqualTo("CERT-X");
    assertThat(fromMisp.get("provenance").get("misp").toString())
        .isEqualTo(
            "{\"event_info\":\"Phishing"
                + " wave\",\"event_uuid\":\"5e0b6c8d-5f70-4192-9d3e-3f4a5b6c7d8e\",\"category\":\"Network"
                + " activity\",\"comment\":\"beacon\"}");
  }

  @Test
  void csvHasEndpointAndProvenanceColumns() {
    List<String> rows = scan("csv").out().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.subList(1, 3))
        .allSatisfy(r -> assertThat(r).contains(",10.0.0.5:49152,203.0.113.7:443,id.resp_h,"))
        .anySatisfy(r -> assertThat(r).endsWith(",Partner CERT,C2 node,Op Lantern"))
        .anySatisfy(r -> assertThat(r).endsWith(",CERT-X,,Phishing wave"));
  }

  @Test
  void theTableHasAHostColumnAndAnIntelLinePerHit() throws IOException {
    Files.writeString(
        log,
        "{\"ts\":1748822400.0,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.5\",\"id.resp_h\":\"203.0.113.7\"}\n");
    Path eve =
        Files.writeString(
            dir.resolve("eve.json"),
            "{\"timestamp\":\"2025-06-02T00:00:00Z\",\"event_type\":\"flow\",\"host\":\"sensor-7\","
                + "\"src_ip\":\"10.0.0.5\",\"dest_ip\":\"203.0.113.7\",\"flow_id\":1}\n");
    // Wide enough that no intel line is cut.
    CliRun run =
        CliRun.kasaOn(
            new dev.kasa.cli.report.Terminal(400, false),
            "scan",
            "-i",
            stix.toString(),
            "-i",
            attack.toString(),
            "-i",
            misp.toString(),
            eve.toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).contains(" HOST ");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains(" sensor-7 ").contains(" dest_ip "));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l.strip())
                    .isEqualTo(
                        "intel: partner.json by Partner CERT · C2 node · report Op Lantern"
                            + " · T1071 Application Layer Protocol"))
        .anySatisfy(
            l ->
                assertThat(l.strip())
                    .isEqualTo(
                        "intel: event.json by CERT-X · event \"Phishing wave\" · Network activity"
                            + " · beacon"));
  }
}
