package dev.kasa.event;

import static dev.kasa.event.Captures.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Windows event-data names with spaces ({@code Threat Name}) answer to the name without spaces
 * ({@code ThreatName}), and captured values keep the name as the event writes it.
 */
class SpacedNamesCaptureTest {
  private static final String EVTX =
      "{\"Event\":{\"System\":{\"EventID\":1116,\"Channel\":\"Microsoft-Windows-Windows"
          + " Defender/Operational\"},\"EventData\":{\"Threat Name\":\"HackTool:Win32/Mimikatz.D\","
          + "\"Source  Name\":\"Real-Time Protection\",\"Threat ID\":{\"#text\":\"2147\"}}}}\n"
          + "{\"Event\":{\"System\":{\"EventID\":8004},\"UserData\":{\"RuleAndFileData\":"
          + "{\"Policy Name\":\"EXE\",\"File Path\":\"C:\\\\x.exe\"}}}}\n";

  @Test
  void evtxEventDataAndUserDataNamesIgnoreSpaces() {
    var r =
        Captures.scanText(
            names("ThreatName", "SourceName", "ThreatID", "PolicyName", "FilePath"),
            EventFormat.EVTX_JSON,
            EVTX);
    assertThat(r.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "0 Threat Name=HackTool:Win32/Mimikatz.D",
            "1 Source  Name=Real-Time Protection",
            "2 Threat ID=2147");
    assertThat(r.of(2))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME, "3 Policy Name=EXE", "4 File Path=C:\\x.exe");
  }

  @Test
  void namesWrittenWithSpacesStillCaptureAndBothWaysGiveBothIds() {
    var r =
        Captures.scanText(
            names("Threat Name", "ThreatName", "Event.EventData.Threat Name"),
            EventFormat.EVTX_JSON,
            EVTX);
    assertThat(r.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "2 Event.EventData.Threat Name=HackTool:Win32/Mimikatz.D",
            "0 Threat Name=HackTool:Win32/Mimikatz.D",
            "1 Threat Name=HackTool:Win32/Mimikatz.D");
  }

  @Test
  void flatWindowsJsonNamesIgnoreSpacesAtTheTopAndUnderWinlogEventData() {
    String nxlog =
        "{\"EventID\":1116,\"Channel\":\"x\",\"Threat Name\":\"Mimikatz\",\"SourceName\":\"p\","
            + "\"Source Name\":\"Real-Time Protection\"}\n";
    var n = Captures.scanText(names("ThreatName", "SourceName"), EventFormat.WINDOWS_JSON, nxlog);
    assertThat(n.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "0 Threat Name=Mimikatz",
            "1 SourceName=p",
            "1 Source Name=Real-Time Protection");
    String winlogbeat =
        "{\"winlog\":{\"channel\":\"x\",\"event_data\":{\"Threat Name\":\"Mimikatz\"}}}\n";
    var w =
        Captures.scanText(
            names("winlog.event_data.ThreatName"), EventFormat.WINDOWS_JSON, winlogbeat);
    assertThat(w.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME, "0 winlog.event_data.Threat Name=Mimikatz");
  }

  @Test
  void objectsUnderSpacedNamesAreLookedUpWithoutSpacesAllTheWayDown() {
    String line =
        "{\"EventID\":1,\"Rule Data\":{\"Inner\":\"a\",\"Policy Name\":\"b\","
            + "\"List\":[{\"Deep Er\":\"c\"}]},\"RuleData\":{\"Inner\":\"d\"}}\n";
    var r =
        Captures.scanText(
            names("RuleData.Inner", "RuleData.PolicyName", "Rule Data.List.DeepEr"),
            EventFormat.WINDOWS_JSON,
            line);
    assertThat(r.of(1))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "0 Rule Data.Inner=a",
            "1 Rule Data.Policy Name=b",
            "2 Rule Data.List.Deep Er=c",
            "0 RuleData.Inner=d");
  }

  @Test
  void otherFormatsKeepSpacesInNames() {
    String line = "{\"Threat Name\":\"Mimikatz\"}\n";
    assertThat(Captures.scanText(names("ThreatName"), EventFormat.NDJSON, line).of(1))
        .containsExactly("TIME " + DecodedRecord.NO_TIME);
    assertThat(Captures.scanText(names("Threat Name"), EventFormat.NDJSON, line).of(1))
        .containsExactly("TIME " + DecodedRecord.NO_TIME, "0 Threat Name=Mimikatz");
  }

  @Test
  void everyFieldCaptureKeepsTheNamesAsWritten() {
    var r = Captures.scanText(new FieldCapture(List.of(), true), EventFormat.EVTX_JSON, EVTX);
    assertThat(r.of(1)).contains("-1 Threat Name=HackTool:Win32/Mimikatz.D");
  }

  /**
   * Oracle: every event-data name answers to its form without spaces (names that differ only by
   * spaces share that form) and is shown as written, in evtx_dump and flat Windows JSON alike.
   */
  @Property(tries = 300)
  void everyNameAnswersToItsFormWithoutSpaces(
      @ForAll("eventData") Map<String, String> data, @ForAll boolean evtx) {
    List<String> bare = new ArrayList<>();
    for (String k : data.keySet()) {
      String b = k.replace(" ", "");
      if (!b.isEmpty() && !bare.contains(b)) {
        bare.add(b);
      }
    }
    StringBuilder fields = new StringBuilder();
    List<String> expected = new ArrayList<>();
    expected.add("TIME " + DecodedRecord.NO_TIME);
    data.forEach(
        (k, v) -> {
          fields.append(fields.isEmpty() ? "" : ",").append('"').append(k).append("\":\"");
          fields.append(v).append('"');
          String b = k.replace(" ", "");
          if (!b.isEmpty()) {
            expected.add(bare.indexOf(b) + " " + k + "=" + v);
          }
        });
    String line =
        evtx
            ? "{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{" + fields + "}}}\n"
            : "{" + fields + "}\n";
    var r =
        Captures.scanText(
            FieldCapture.of(bare), evtx ? EventFormat.EVTX_JSON : EventFormat.WINDOWS_JSON, line);
    assertThat(r.of(1)).as(line).containsExactlyElementsOf(expected);
  }

  @Provide
  Arbitrary<Map<String, String>> eventData() {
    Arbitrary<String> names = Arbitraries.strings().withChars("AbC ").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> values = Arbitraries.strings().alpha().ofMaxLength(5);
    return Arbitraries.maps(names, values).ofMinSize(1).ofMaxSize(6).map(LinkedHashMap::new);
  }
}
