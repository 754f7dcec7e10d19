package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SigmaHQ-style rule on {@code ThreatName} fires on Defender events that write {@code Threat
 * Name}, and the output shows the event's own name.
 */
class SpacedEventDataNamesTest {
  @TempDir Path dir;

  @Test
  void aDefenderDetectionFiresInEveryWindowsFormatAndJsonLinesShowThreatName() throws IOException {
    Path rule = dir.resolve("defender.yml");
    Files.writeString(
        rule,
        """
        title: Defender reports a credential dumper
        id: 2a7c9e41-5b3d-4f60-8c12-9e0d4b6a7f35
        level: high
        logsource:
          product: windows
          service: windefend
        detection:
          selection:
            EventID: 1116
            ThreatName|contains: 'Mimikatz'
          condition: selection
        """);
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.writeString(
        logs.resolve("a-evtx.json"),
        """
        Record 1
        {
          "Event": {
            "System": {
              "EventID": 1116,
              "Channel": "Microsoft-Windows-Windows Defender/Operational",
              "TimeCreated": {"#attributes": {"SystemTime": "2024-03-05T10:11:12Z"}}
            },
            "EventData": {
              "Threat Name": "HackTool:Win32/Mimikatz.D",
              "Source Name": "Real-Time Protection"
            }
          }
        }
        """);
    Files.writeString(
        logs.resolve("b-nxlog.json"),
        "{\"EventTime\":\"2024-03-05 10:11:12\",\"Channel\":\"Microsoft-Windows-Windows"
            + " Defender/Operational\",\"EventID\":1116,\"Threat"
            + " Name\":\"HackTool:Win32/Mimikatz.D\"}\n");
    CliRun run =
        CliRun.kasa("scan", "--sigma", rule.toString(), "--format", "jsonl", logs.toString());
    assertThat(run.status()).as(run.err()).isZero();
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).as(run.out()).hasSize(2);
    for (JsonNode line : lines) {
      assertThat(line.get("fields").get("Threat Name").asText())
          .isEqualTo("HackTool:Win32/Mimikatz.D");
      assertThat(line.get("fields").has("ThreatName")).isFalse();
    }
  }
}
