package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.SightingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kasa scan --format stix} writes the engine's sighting model: one sighting per indicator
 * and UTC day, ids and {@code created} that do not move from one run to the next, {@code modified}
 * from the clock, the indicator's TLP.
 */
class SightingOutputTest {
  static final String IND = "indicator--0f3a4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b";
  static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

  @TempDir Path dir;
  Path intel;

  @BeforeEach
  void intel() throws IOException {
    // TLP on the pattern only (a granular marking): the whole indicator, and its sightings, are
    // AMBER.
    intel =
        Files.writeString(
            dir.resolve("intel.json"),
            ("{`type`:`bundle`,`id`:`bundle--1a2b3c4d-5e6f-4a0b-8c1d-2e3f4a5b6c7d`,`objects`:[{"
                    + "`type`:`indicator`,`spec_version`:`2.1`,`id`:`"
                    + IND
                    + "`,`created`:`2026-01-01T00:00:00Z`,`modified`:`2026-01-01T00:00:00Z`,"
                    + "`pattern`:`[ipv4-addr:value = '203.0.113.77']`,`pattern_type`:`stix`,"
                    + "`valid_from`:`2026-01-01T00:00:00Z`,`object_marking_refs`:[`"
                    + GREEN
                    + "`],`granular_markings`:[{`marking_ref`:`"
                    + AMBER
                    + "`,`selectors`:[`pattern`]}]}]}")
                .replace('`', '"'));
  }

  private Path log(String name, String... times) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String t : times) {
      b.append("{\"ts\":")
          .append(Instant.parse(t).getEpochSecond())
          .append(",\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"203.0.113.77\"}\n");
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  private List<JsonNode> sightings(Instant now, Path log) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Kasa.run(
            new String[] {
              "scan",
              "--intel",
              intel.toString(),
              "--format",
              "stix",
              "--input-format",
              "zeek-json",
              "--identity",
              "Base 7 SOC",
              log.toString()
            },
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            Clock.fixed(now, ZoneOffset.UTC));
    assertThat(status).as(err.toString()).isZero();
    List<JsonNode> s = new ArrayList<>();
    for (JsonNode o : new ObjectMapper().readTree(out.toString()).get("objects")) {
      if (o.get("type").asText().equals("sighting")) {
        s.add(o);
      }
    }
    return s;
  }

  @Test
  void oneSightingPerUtcDayWhoseIdAndCreatedStayWhileTheCountMoves() throws IOException {
    Instant run1 = Instant.parse("2026-11-22T09:00:00Z");
    Instant run2 = Instant.parse("2026-11-23T10:30:00Z");
    Path first =
        log("a.json", "2026-11-20T23:59:58Z", "2026-11-20T08:00:00Z", "2026-11-21T00:00:01Z");
    Path more =
        log(
            "b.json",
            "2026-11-20T23:59:58Z",
            "2026-11-20T08:00:00Z",
            "2026-11-21T00:00:01Z",
            "2026-11-20T12:00:00Z");
    List<JsonNode> before = sightings(run1, first);
    List<JsonNode> after = sightings(run2, more);

    SightingModel model = new SightingModel(Sighter.organisation("Base 7 SOC"), Clock.systemUTC());
    assertThat(before)
        .extracting(s -> s.get("id").asText())
        .containsExactly(
            model.idOf(IND, LocalDate.parse("2026-11-20"), false),
            model.idOf(IND, LocalDate.parse("2026-11-21"), false));
    assertThat(after)
        .extracting(s -> s.get("id").asText())
        .containsExactlyElementsOf(before.stream().map(s -> s.get("id").asText()).toList());
    assertThat(before).extracting(s -> s.get("count").asInt()).containsExactly(2, 1);
    assertThat(after).extracting(s -> s.get("count").asInt()).containsExactly(3, 1);
    assertThat(before)
        .extracting(s -> s.get("created").asText())
        .containsExactly("2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z");
    assertThat(after)
        .extracting(s -> s.get("created").asText())
        .containsExactly("2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z");
    assertThat(before)
        .allSatisfy(
            s -> assertThat(s.get("modified").asText()).isEqualTo("2026-11-22T09:00:00.000Z"));
    assertThat(after)
        .allSatisfy(
            s -> assertThat(s.get("modified").asText()).isEqualTo("2026-11-23T10:30:00.000Z"));
    assertThat(before.get(0).get("first_seen").asText()).isEqualTo("2026-11-20T08:00:00.000Z");
    assertThat(before.get(0).get("last_seen").asText()).isEqualTo("2026-11-20T23:59:58.000Z");
    assertThat(before)
        .allSatisfy(
            s -> {
              assertThat(s.get("object_marking_refs").get(0).asText()).isEqualTo(AMBER);
              assertThat(s.get("object_marking_refs")).hasSize(1);
              assertThat(s.get("created_by_ref").asText())
                  .isEqualTo(Sighter.organisation("Base 7 SOC").identity().orElseThrow());
            });
  }
}
