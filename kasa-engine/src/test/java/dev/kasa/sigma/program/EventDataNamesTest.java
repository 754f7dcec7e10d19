package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows Defender (and other providers) name event data with spaces ({@code Threat Name}); Sigma
 * rules write them without ({@code ThreatName}). Spaces are not part of an event-data name for
 * matching, in every Windows layout, and matches still show the name as the event writes it.
 */
class EventDataNamesTest {
  @TempDir Path dir;

  private static final String RULE =
      """
      title: Mimikatz found by Defender
      id: 6b0b8a4e-2f5d-4c1e-9a37-0d8e1c2f3a41
      level: high
      logsource:
        product: windows
        service: windefend
      detection:
        selection:
          EventID: 1116
          ThreatName|contains: 'Mimikatz'
          SourceName: 'Real-Time Protection'
          ProcessName|endswith: '\\explorer.exe'
        condition: selection
      """;

  private SigmaProgram compile(String rules, LogSourceMap map) throws IOException {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, rules);
    RuleSet set = RuleLoader.load(List.of(file));
    assertThat(set.problems()).isEmpty();
    SigmaProgram program = SigmaProgram.compile(set, map, Placeholders.NONE, r -> Set.of());
    assertThat(program.problems()).isEmpty();
    return program;
  }

  private static Path fixture(String name) {
    try {
      return Path.of(EventDataNamesTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<SigmaMatch> sweep(SigmaProgram p, String fixture) {
    return ProgramHarness.run(p, fixture(fixture), null);
  }

  @Test
  void aRuleOnThreatNameFiresOnThreatNameInEvtxDumpPrettyAndLines() throws IOException {
    SigmaProgram p = compile(RULE, LogSourceMap.defaults());
    for (String f : List.of("defender_evtx_pretty.json", "defender_evtx_lines.json")) {
      List<SigmaMatch> m = sweep(p, f);
      assertThat(m).as(f).hasSize(1);
      assertThat(m.get(0).fields())
          .as("matches show the names as the event writes them")
          .extracting(SigmaMatch.Field::name)
          .containsExactlyInAnyOrder("EventID", "Threat Name", "Source Name", "Process Name");
    }
  }

  @Test
  void aRuleOnThreatNameFiresOnNxlogFlatJson() throws IOException {
    SigmaProgram p = compile(RULE, LogSourceMap.defaults());
    List<SigmaMatch> m = sweep(p, "defender_nxlog.json");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).fields())
        .extracting(SigmaMatch.Field::name)
        .contains("Threat Name", "Source Name", "Process Name");
  }

  @Test
  void aRuleOnThreatNameFiresOnWinlogbeatEventDataMappedByTheUser() throws IOException {
    // Winlogbeat keeps System fields under winlog.*; a user's map says where they are.
    LogSourceMap map =
        LogSourceMap.defaults()
            .extendedBy(
                LogSourceMap.parse(
                    """
                    logsources:
                      windefend-winlogbeat:
                        logsource: {product: windows, service: windefend}
                        sources: [windows-json]
                        conditions:
                          winlog.channel: Microsoft-Windows-Windows Defender/Operational
                        fields:
                          EventID: winlog.event_id
                          ThreatName: winlog.event_data.ThreatName
                          SourceName: winlog.event_data.Source Name
                          ProcessName: winlog.event_data.ProcessName
                    """,
                    "winlogbeat.yml"));
    SigmaProgram p = compile(RULE, map);
    List<SigmaMatch> m = sweep(p, "defender_winlogbeat.json");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).fields())
        .extracting(SigmaMatch.Field::name)
        .contains(
            "winlog.event_data.Threat Name",
            "winlog.event_data.Source Name",
            "winlog.event_data.Process Name");
  }

  @Test
  void theDefaultAntivirusMappingToThreatNameStillWorks() throws IOException {
    String antivirus =
        """
        title: Defender saw a hack tool
        id: 9d3c2b1a-0f4e-4d5c-8b6a-7e9f0a1b2c3d
        logsource:
          category: antivirus
        detection:
          selection:
            Signature|startswith: 'HackTool:'
          condition: selection
        """;
    SigmaProgram p = compile(antivirus, LogSourceMap.defaults());
    for (String f :
        List.of("defender_evtx_pretty.json", "defender_evtx_lines.json", "defender_nxlog.json")) {
      assertThat(sweep(p, f)).as(f).hasSize(1);
    }
  }
}
