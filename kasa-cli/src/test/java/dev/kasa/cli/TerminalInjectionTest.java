package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs, intelligence and rules cannot drive the analyst's terminal: control characters (C0, DEL,
 * C1) and bidirectional overrides from them are printed escaped in every text output, and escaped
 * as {@code \\uXXXX} in JSON.
 */
class TerminalInjectionTest {
  /** What must never reach a terminal raw; newlines are the output's own. */
  private static final Pattern CONTROL =
      Pattern.compile(
          "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029"
              + "\\u202a-\\u202e\\u2066-\\u2069]");

  // Retitles the window, clears the screen, recolours (C1 CSI) and reverses the text.
  private static final String HOSTILE = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202egnp.exe";

  @TempDir Path dir;
  Path intel;
  Path sigma;
  Path logs;

  @BeforeEach
  void hostileFiles() throws IOException {
    intel = dir.resolve("intel");
    sigma = dir.resolve("sigma");
    logs = dir.resolve("logs");
    Files.createDirectories(intel);
    Files.createDirectories(sigma);
    Files.createDirectories(logs);
    Files.writeString(
        intel.resolve("bundle.json"),
        """
        {"type": "bundle", "id": "bundle--1d1d1d1d-0000-4000-8000-000000000001", "objects": [
          {"type": "indicator", "spec_version": "2.1",
           "id": "indicator--1d1d1d1d-0000-4000-8000-000000000002",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
           "pattern": "[domain-name:value = 'evil.example']", "pattern_type": "stix",
           "valid_from": "2026-01-01T00:00:00Z"},
          {"type": "threat-actor", "spec_version": "2.1",
           "id": "threat-actor--1d1d1d1d-0000-4000-8000-000000000003",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
           "name": "ACTOR \\u001b]0;owned\\u0007\\u009b31m\\u202eLIVE"},
          {"type": "relationship", "spec_version": "2.1",
           "id": "relationship--1d1d1d1d-0000-4000-8000-000000000004",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
           "relationship_type": "indicates",
           "source_ref": "indicator--1d1d1d1d-0000-4000-8000-000000000002",
           "target_ref": "threat-actor--1d1d1d1d-0000-4000-8000-000000000003"},
          {"type": "indicator", "spec_version": "2.1",
           "id": "indicator--1d1d1d1d-0000-4000-8000-000000000005",
           "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
           "pattern": "[x-\\u001b[2Jthing:value = 'a']", "pattern_type": "stix",
           "valid_from": "2026-01-01T00:00:00Z"}
        ]}
        """);
    Files.writeString(
        sigma.resolve("rule.yml"),
        """
        title: "Hostile \\e]0;owned\\a\\e[2J title \\u202e"
        id: 1d1d1d1d-0000-4000-8000-000000000010
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                CommandLine|contains: 'evil'
            condition: selection
        level: high
        """);
    String event =
        "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-11-20T08:00:00Z\"}}},\"EventData\":{\"CommandLine\":\"evil"
            + " \\u001b]0;owned\\u0007\\u009b31m\\u202egnp\"}}}\n";
    Files.writeString(logs.resolve("sysmon" + HOSTILE + ".json"), event);
    Files.writeString(
        logs.resolve("dns" + HOSTILE + ".json"),
        "{\"ts\":1795161600,\"uid\":\"C1\",\"query\":\"evil.example\"}\n{\"bad\u001b[2J\n");
    Files.createSymbolicLink(logs.resolve("gone" + HOSTILE), dir.resolve("nowhere"));
  }

  private static void assertNoControl(String text) {
    assertThat(CONTROL.matcher(text.replace("\n", "")).find())
        .as("raw control characters in:\n" + text)
        .isFalse();
  }

  @Test
  void theTableAndTheSummaryEscapeControlCharacters() {
    CliRun run =
        CliRun.kasa(
            "scan", "--intel", intel.toString(), "--sigma", sigma.toString(), logs.toString());
    assertThat(run.out()).contains("evil.example").contains("Hostile");
    assertNoControl(run.out());
    assertNoControl(run.err());
    assertThat(run.out()).contains("\\x1b]0;owned\\x07").contains("\\u202e");
    assertThat(run.err()).contains("gone\\x1b]0;owned\\x07");
  }

  @Test
  void rulesCheckEscapesControlCharacters() throws IOException {
    Files.writeString(
        sigma.resolve("bad.yml"),
        """
        title: "Bad \\e[2J"
        logsource:
            product: windows
        detection:
            selection:
                "CommandLine|\\e]0;x\\acontains": 'evil'
            condition: selection
        """);
    CliRun run = CliRun.kasa("rules", "check", sigma.toString());
    assertThat(run.out()).contains("\\x1b]0;x\\x07");
    assertNoControl(run.out());
    assertNoControl(run.err());
  }

  @Test
  void jsonOutputsEscapeWhatJsonAllowsRaw() {
    for (String format : new String[] {"jsonl", "stix"}) {
      CliRun run =
          CliRun.kasa(
              "scan",
              "--intel",
              intel.toString(),
              "--sigma",
              sigma.toString(),
              "--format",
              format,
              "--identity",
              "Base \u009b7",
              logs.toString());
      assertNoControl(run.out());
      assertNoControl(run.err());
      if (format.equals("jsonl")) {
        JsonNode sigmaLine =
            run.jsonLines().stream()
                .filter(l -> l.get("kind").asText().equals("sigma"))
                .findFirst()
                .orElseThrow();
        assertThat(sigmaLine.get("fields").get("CommandLine").asText())
            .isEqualTo("evil \u001b]0;owned\u0007\u009b31m\u202egnp");
      } else {
        assertThat(run.json().get("objects").get(0).get("name").asText()).isEqualTo("Base \u009b7");
      }
    }
  }
}
