package dev.kasa.event;

import static dev.kasa.event.Captures.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvtxCaptureTest {
  private static final String PRETTY = Scans.fixture("capture/evtx_pretty.json");

  @Test
  void systemAndEventDataFieldsHaveShortNames() {
    var r =
        Captures.scan(
            names(
                "Image",
                "CommandLine",
                "EventID",
                "Provider_Name",
                "TimeCreated_SystemTime",
                "Security_UserID",
                "Execution_ProcessID",
                "Channel",
                "Correlation",
                "ProcessId"),
            null,
            PRETTY);
    assertThat(r.records()).containsExactly("2 RECORD", "45 RECORD", "74 RECORD", "90 RECORD");
    assertThat(r.of(2))
        .containsExactly(
            "TIME 1704164645678",
            "3 Provider_Name=Microsoft-Windows-Sysmon",
            "2 EventID=1",
            "4 TimeCreated_SystemTime=2024-01-02T03:04:05.678901Z",
            "8 Correlation=<null>",
            "6 Execution_ProcessID=3544",
            "7 Channel=Microsoft-Windows-Sysmon/Operational",
            "5 Security_UserID=S-1-5-18",
            "0 Image=C:\\Windows\\System32\\cmd.exe",
            "1 CommandLine=cmd.exe /c \"echo café\"",
            "9 ProcessId=4460");
  }

  @Test
  void eventIdWithQualifiersIsItsText() {
    var r = Captures.scan(names("EventID", "EventID_Qualifiers"), null, PRETTY);
    assertThat(r.of(45))
        .containsExactly("TIME 1704164700000", "1 EventID_Qualifiers=16384", "0 EventID=7036");
  }

  @Test
  void unnamedDataIsData() {
    var r = Captures.scan(names("Data"), null, PRETTY);
    assertThat(r.of(45))
        .containsExactly("TIME 1704164700000", "0 Data=Windows Update", "0 Data=running");
    assertThat(r.of(90)).containsExactly("TIME " + DecodedRecord.NO_TIME, "0 Data=only text");
  }

  @Test
  void userDataFieldsAreNamedUnderTheirElement() {
    var r =
        Captures.scan(
            names("SubjectUserName", "SubjectDomainName", "EventID", "xmlns"), null, PRETTY);
    assertThat(r.of(74))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "2 EventID=1102",
            "3 xmlns=http://manifests.microsoft.com/win/2004/08/windows/eventlog",
            "0 SubjectUserName=admin",
            "1 SubjectDomainName=BASE");
  }

  @Test
  void fullPathsMatchTooAndCollisionsGiveBothEntries() {
    var r =
        Captures.scan(
            names(
                "Computer",
                "Event.System.Computer",
                "Event.UserData.LogFileCleared.SubjectUserName"),
            null,
            PRETTY);
    assertThat(r.of(2))
        .containsExactly(
            "TIME 1704164645678",
            "1 Event.System.Computer=ws1.base.local",
            "0 Computer=ws1.base.local",
            "0 Computer=from-event-data");
    assertThat(r.of(74))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "2 Event.UserData.LogFileCleared.SubjectUserName=admin");
  }

  @Test
  void allModeUsesCanonicalNames() {
    var r = Captures.scan(new FieldCapture(List.of("Image"), true), null, PRETTY);
    assertThat(r.of(45))
        .containsExactly(
            "TIME 1704164700000",
            "-1 Provider_Name=Service Control Manager",
            "-1 EventID_Qualifiers=16384",
            "-1 EventID=7036",
            "-1 TimeCreated_SystemTime=2024-01-02T03:05:00Z",
            "-1 Data=Windows Update",
            "-1 Data=running",
            "-1 Binary=770075006100");
    assertThat(r.of(74))
        .containsExactly(
            "TIME " + DecodedRecord.NO_TIME,
            "-1 EventID=1102",
            "-1 xmlns=http://manifests.microsoft.com/win/2004/08/windows/eventlog",
            "-1 SubjectUserName=admin",
            "-1 SubjectDomainName=BASE");
    assertThat(r.of(2))
        .startsWith(
            "TIME 1704164645678",
            "-1 Event.#attributes.xmlns=http://schemas.microsoft.com/win/2004/08/events/event",
            "-1 Provider_Name=Microsoft-Windows-Sysmon",
            "-1 Provider_Guid=5770385F-C22A-43E0-BF4C-06F5698FFBD9")
        .contains("0 Image=C:\\Windows\\System32\\cmd.exe")
        .doesNotContain("-1 Image=C:\\Windows\\System32\\cmd.exe");
  }

  @Test
  void oneLineEvtxCapturesTheSame() {
    String line =
        "{\"Event\":{\"System\":{\"EventID\":4688,\"TimeCreated\":{\"#attributes\":"
            + "{\"SystemTime\":\"2024-01-02T03:04:05Z\"}}},\"EventData\":{\"NewProcessName\":"
            + "\"C:\\\\a.exe\"}}}\n"
            + "{\"Event\":{\"System\":{\"EventID\":4688}\n"
            + "{\"Event\":{\"System\":{\"EventID\":4624}}}\n";
    var r = Captures.scanText(names("EventID", "NewProcessName"), EventFormat.EVTX_JSON, line);
    assertThat(r.of(1))
        .containsExactly("TIME 1704164645000", "0 EventID=4688", "1 NewProcessName=C:\\a.exe");
    assertThat(r.malformed()).singleElement().asString().startsWith("2 MALFORMED");
    assertThat(r.of(3)).containsExactly("TIME " + DecodedRecord.NO_TIME, "0 EventID=4624");
  }

  @Test
  void malformedPrettyObjectIsReportedAndTheNextOneKept() {
    String text =
        "{\n  \"Event\": {\n    \"System\": {\"EventID\": 1,}\n  }\n}\n"
            + "{\n  \"Event\": {\n    \"System\": {\"EventID\": 2}\n  }\n}\n";
    var r = Captures.scanText(names("EventID"), EventFormat.EVTX_JSON, text);
    assertThat(r.malformed()).singleElement().asString().startsWith("1 MALFORMED");
    assertThat(r.of(6)).containsExactly("TIME " + DecodedRecord.NO_TIME, "0 EventID=2");
  }
}
