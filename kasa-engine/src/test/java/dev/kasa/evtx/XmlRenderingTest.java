package dev.kasa.evtx;

import static dev.kasa.evtx.Fixtures.data;
import static dev.kasa.evtx.Fixtures.eventData;
import static dev.kasa.evtx.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.XmlNode;
import dev.kasa.evtxwriter.XmlNode.Attribute;
import dev.kasa.evtxwriter.XmlNode.Element;
import dev.kasa.evtxwriter.XmlNode.Substitution;
import dev.kasa.evtxwriter.XmlNode.Text;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Records render as XML the way Windows shows events. */
class XmlRenderingTest {
  private static String xml(byte[] file) {
    Decoded d = Decoded.of(file, RecordFormat.XML);
    assertThat(d.problems).isEmpty();
    assertThat(d.records).hasSize(1);
    return d.records.get(0);
  }

  @Test
  void aSysmonEventLooksAsInTheEventViewer() {
    assertThat(xml(Fixtures.oneEvent(Fixtures.processData(3))))
        .isEqualTo(
            """
            <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
              <System>
                <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"/>
                <EventID>1</EventID>
                <Version>5</Version>
                <Level>4</Level>
                <Task>1</Task>
                <Opcode>0</Opcode>
                <Keywords>0x8000000000000000</Keywords>
                <TimeCreated SystemTime="2025-11-27T07:40:11.1653245Z"/>
                <EventRecordID>1</EventRecordID>
                <Correlation/>
                <Execution ProcessID="3544" ThreadID="4272"/>
                <Channel>Microsoft-Windows-Sysmon/Operational</Channel>
                <Computer>host-1</Computer>
                <Security UserID="S-1-5-18"/>
              </System>
              <EventData>
                <Data Name="RuleName">-</Data>
                <Data Name="ProcessGuid">{00000000-0000-0003-0000-00000000005D}</Data>
                <Data Name="ProcessId">1003</Data>
                <Data Name="Image">C:\\Windows\\System32\\cmd3.exe</Data>
                <Data Name="CommandLine">cmd.exe /c echo xxx</Data>
                <Data Name="LogonId">0x3ea</Data>
              </EventData>
            </Event>
            """);
  }

  @Test
  void arraysRepeatTheirElementAndNullOptionalsDropIt() {
    Template t =
        eventData(
            data("Strings", 0, ValueType.STRING),
            new Element(
                "Data",
                List.of(new Attribute("Name", new Text("Gone"))),
                List.of(Substitution.optional(1, ValueType.STRING))),
            data("Text", 2, ValueType.STRING));
    String x =
        xml(
            record(
                t,
                List.of(
                    Value.stringArray(List.of("one", "two")),
                    Value.nul(),
                    Value.string("a<b & \"c\" "))));
    assertThat(x)
        .isEqualTo(
            """
            <Event>
              <EventData>
                <Data Name="Strings">one</Data>
                <Data Name="Strings">two</Data>
                <Data Name="Text">a&lt;b &amp; "c" </Data>
              </EventData>
            </Event>
            """);
  }

  @Test
  void referencesCdataAndProcessingInstructionsAreWrittenOut() {
    Template t =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event",
                List.of(new Attribute("a", List.of(new Text("x"), new XmlNode.EntityRef("quot")))),
                List.of(
                    new Element(
                        "Note",
                        new Text("a"),
                        new XmlNode.EntityRef("amp"),
                        new XmlNode.CharRef(169)),
                    new Element("Script", new XmlNode.CData("x < y")),
                    new XmlNode.ProcessingInstruction("target", "data"))));
    assertThat(xml(record(t, List.of())))
        .isEqualTo(
            """
            <Event a="x&quot;">
              <Note>a&amp;&#169;</Note>
              <Script><![CDATA[x < y]]></Script>
              <?target data?>
            </Event>
            """);
  }
}
