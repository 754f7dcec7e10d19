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
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Records render as the JSON the Rust evtx_dump writes (its rules, on writer-made files). */
class JsonRenderingTest {
  private static String json(byte[] file) {
    Decoded d = Decoded.of(file, RecordFormat.JSON);
    assertThat(d.problems).isEmpty();
    assertThat(d.records).hasSize(1);
    return d.records.get(0);
  }

  private static String eventDataJson(byte[] file) {
    String j = json(file);
    String prefix = "{\"Event\":{\"EventData\":";
    assertThat(j).startsWith(prefix).endsWith("}}");
    return j.substring(prefix.length(), j.length() - 2);
  }

  @Test
  void theSystemSectionIsShapedAsEvtxDumpWritesIt() {
    String j = json(Fixtures.oneEvent(Fixtures.processData(3)));
    assertThat(j)
        .isEqualTo(
            "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
                + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\","
                + "\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\"}},\"EventID\":1,\"Version\":5,"
                + "\"Level\":4,\"Task\":1,\"Opcode\":0,\"Keywords\":\"0x8000000000000000\","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2025-11-27T07:40:11.165324Z\"}},"
                + "\"EventRecordID\":1,\"Correlation\":null,\"Execution\":{\"#attributes\":"
                + "{\"ProcessID\":3544,\"ThreadID\":4272}},\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"Computer\":\"host-1\",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},"
                + "\"EventData\":{\"RuleName\":\"-\",\"ProcessGuid\":\"00000000-0000-0003-0000-00000000005D\","
                + "\"ProcessId\":1003,\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd3.exe\",\"CommandLine\":\"cmd.exe"
                + " /c echo xxx\",\"LogonId\":\"0x3ea\"}}}");
  }

  @Test
  void everyValueTypeHasEvtxDumpsText() {
    byte[] file =
        new Fixtures.Fields()
            .add("Int8", ValueType.INT8, Value.int8(-5))
            .add("UInt8", ValueType.UINT8, Value.uint8(250))
            .add("Int16", ValueType.INT16, Value.int16(-300))
            .add("UInt16", ValueType.UINT16, Value.uint16(65000))
            .add("Int32", ValueType.INT32, Value.int32(-70000))
            .add("UInt32", ValueType.UINT32, Value.uint32(4000000000L))
            .add("Int64", ValueType.INT64, Value.int64(-5000000000L))
            .add("UInt64", ValueType.UINT64, Value.uint64(-1))
            .add("Real32", ValueType.REAL32, Value.real32(1.5f))
            .add("Real64", ValueType.REAL64, Value.real64(-2.25))
            .add("Big", ValueType.REAL64, Value.real64(1e30))
            .add("Small", ValueType.REAL64, Value.real64(0.0001))
            .add("One", ValueType.REAL64, Value.real64(1.0))
            .add("Bool", ValueType.BOOL, Value.bool(true))
            .add("False", ValueType.BOOL, Value.bool(false))
            .add("Binary", ValueType.BINARY, Value.binary(new byte[] {1, 2, -1}))
            .add("Guid", ValueType.GUID, Value.guid(Fixtures.SYSMON))
            .add("SizeT", ValueType.SIZE_T, Value.sizeT(0x1234, 8))
            .add("SizeT4", ValueType.SIZE_T, Value.sizeT(0xabc, 4))
            .add("FileTime", ValueType.FILETIME, Value.fileTime(Fixtures.T0))
            .add(
                "SysTime",
                ValueType.SYSTEMTIME,
                Value.systemTime(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000)))
            .add("Sid", ValueType.SID, Value.sid("S-1-5-21-1-2-3-500"))
            .add("Hex32", ValueType.HEX_INT32, Value.hexInt32(0xbeef))
            .add("Hex64", ValueType.HEX_INT64, Value.hexInt64(0x8000000000000000L))
            .add("Ansi", ValueType.ANSI_STRING, Value.ansiString("caf\u00e9 \u20ac"))
            .add("Strings", ValueType.STRING, Value.stringArray(List.of("one", "two")))
            .add(
                "Ints",
                ValueType.INT32,
                Value.array(ValueType.INT32, List.of(Value.int32(1), Value.int32(-2))))
            .add(
                "Guids",
                ValueType.GUID,
                Value.array(ValueType.GUID, List.of(Value.guid(new UUID(1, 2)))))
            .add(
                "Sids",
                ValueType.SID,
                new Value.Scalar(0x93, concat(sid("S-1-5-18"), sid("S-1-5-32-544"))))
            .add("Empty", ValueType.STRING, Value.string(""))
            .add("Trailing", ValueType.STRING, Value.string("cmd.exe /c x  \t"))
            .add("Escapes", ValueType.STRING, Value.string("a\"b\\c\nd\u0001\u00e9\ud83d\ude00"))
            .add("Nul", ValueType.STRING, Value.string("before\0after"))
            .file();
    assertThat(eventDataJson(file))
        .isEqualTo(
            "{\"Int8\":-5,\"UInt8\":250,\"Int16\":-300,\"UInt16\":65000,\"Int32\":-70000,"
                + "\"UInt32\":4000000000,\"Int64\":-5000000000,\"UInt64\":18446744073709551615,"
                + "\"Real32\":\"1.5\",\"Real64\":\"-2.25\",\"Big\":\"1e30\",\"Small\":\"0.0001\","
                + "\"One\":\"1.0\",\"Bool\":true,\"False\":false,\"Binary\":\"0102FF\","
                + "\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\",\"SizeT\":\"0x1234\","
                + "\"SizeT4\":\"0xabc\",\"FileTime\":\"2025-11-27T07:40:10.165324Z\","
                + "\"SysTime\":\"2024-02-29T23:59:58.123000Z\",\"Sid\":\"S-1-5-21-1-2-3-500\",\"Hex32\":\"0xbeef\",\"Hex64\":\"0x8000000000000000\",\"Ansi\":\"caf\u00e9"
                + " \u20ac\",\"Strings\":\"one,two\",\"Ints\":\"1,-2\","
                + "\"Guids\":\"00000000-0000-0001-0000-000000000002\",\"Sids\":\"S-1-5-18,S-1-5-32-544\",\"Empty\":\"\",\"Trailing\":\"cmd.exe"
                + " /c x\",\"Escapes\":\"a\\\"b\\\\c\\n"
                + "d\\u0001\u00e9\ud83d\ude00\",\"Nul\":\"before\"}");
  }

  private static byte[] sid(String s) {
    return ((Value.Scalar) Value.sid(s)).bytes();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void anOptionalNullSubstitutionLeavesTheElementEmpty() {
    Template t =
        eventData(
            new Element(
                "Data",
                List.of(new Attribute("Name", new Text("Gone"))),
                List.of(Substitution.optional(0, ValueType.STRING))),
            data("Kept", 1, ValueType.STRING));
    assertThat(eventDataJson(record(t, List.of(Value.nul(), Value.string("k")))))
        .isEqualTo("{\"Gone\":\"\",\"Kept\":\"k\"}");
  }

  @Test
  void repeatedElementsGetNumberedKeysAndUnnamedDataIsGathered() {
    Template t =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event",
                new Element(
                    "EventData",
                    new Element("Data", new Text("x")),
                    new Element("Data", Substitution.of(0)),
                    new Element("Binary", Substitution.of(1))),
                new Element(
                    "Headers",
                    new Element("Header", new Text("A")),
                    new Element("Header", new Text("B")),
                    new Element("Header", new Text("C")))));
    String j = json(record(t, List.of(Value.string("y"), Value.binary(new byte[] {0x4d, 0}))));
    assertThat(j)
        .isEqualTo(
            "{\"Event\":{\"EventData\":{\"Data\":{\"#text\":[\"x\",\"y\"]},\"Binary\":\"4D00\"},"
                + "\"Headers\":{\"Header\":\"A\",\"Header_1\":\"B\",\"Header_2\":\"C\"}}}");
  }

  @Test
  void aSingleUnnamedDataIsItsText() {
    Template t = eventData(new Element("Data", Substitution.of(0)));
    assertThat(eventDataJson(record(t, List.of(Value.string("caller=sppsvc.exe")))))
        .isEqualTo("{\"Data\":{\"#text\":\"caller=sppsvc.exe\"}}");
  }

  @Test
  void userDataAttributesTextBesideElementsReferencesCdataAndPis() {
    Template inner =
        new Template(
            UUID.randomUUID(),
            new Element(
                "LogFileCleared",
                List.of(new Attribute("xmlns", new Text("http://manifests.microsoft.com/win"))),
                List.of(
                    new Element("SubjectUserName", Substitution.of(0)),
                    new Element(
                        "Note",
                        new Text("a"),
                        new XmlNode.EntityRef("amp"),
                        new Text("b"),
                        new XmlNode.CharRef(169)),
                    new Element("Script", new XmlNode.CData("x < y")),
                    new XmlNode.ProcessingInstruction("target", "data"))));
    Template outer =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event",
                List.of(),
                List.of(
                    new Element(
                        "EventID",
                        List.of(new Attribute("Qualifiers", Substitution.of(1))),
                        List.of(Substitution.of(2))),
                    new Element("Mixed", new Text("t"), new Element("E", new Text("v"))),
                    new Element("UserData", Substitution.optional(0, ValueType.BIN_XML)))));
    String j =
        json(
            record(
                outer,
                List.of(
                    Value.binXml(inner, List.of(Value.string("alice"))),
                    Value.uint16(16384),
                    Value.uint16(4111))));
    assertThat(j)
        .isEqualTo(
            "{\"Event\":{\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":4111},"
                + "\"Mixed\":{\"#text\":\"t\",\"E\":\"v\"},"
                + "\"UserData\":{\"LogFileCleared\":{\"#attributes\":{\"xmlns\":"
                + "\"http://manifests.microsoft.com/win\"},\"SubjectUserName\":\"alice\","
                + "\"Note\":\"a&amp;b&#169;\",\"Script\":\"x < y\"}}}}");
  }

  @Test
  void nestedBinaryXmlWithoutATemplateIsItsElement() {
    Template outer =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event", new Element("Outer", Substitution.optional(0, ValueType.BIN_XML))));
    Value nested =
        Value.binXml(
            new Element(
                "Inner", List.of(new Attribute("k", new Text("v"))), List.of(new Text("text"))));
    assertThat(json(record(outer, List.of(nested))))
        .isEqualTo(
            "{\"Event\":{\"Outer\":{\"Inner\":{\"#attributes\":{\"k\":\"v\"},\"#text\":\"text\"}}}}");
  }

  @Test
  void elementsWithoutContentAreNullAndNullAttributesAreLeftOut() {
    Template t =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event",
                new Element(
                    "Correlation",
                    List.of(new Attribute("ActivityID", Substitution.optional(0, ValueType.GUID))),
                    List.of()),
                new Element("Version", Substitution.optional(1, ValueType.UINT8))));
    assertThat(json(record(t, List.of(Value.nul(), Value.nul()))))
        .isEqualTo("{\"Event\":{\"Correlation\":null,\"Version\":null}}");
  }
}
