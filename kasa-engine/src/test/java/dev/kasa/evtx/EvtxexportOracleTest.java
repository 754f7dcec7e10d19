package dev.kasa.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.WindowsEvents;
import dev.kasa.evtxwriter.XmlNode.Attribute;
import dev.kasa.evtxwriter.XmlNode.Element;
import dev.kasa.evtxwriter.XmlNode.Substitution;
import dev.kasa.evtxwriter.XmlNode.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The second, independent oracle: libevtx's {@code evtxexport} reads the same files; every record
 * has the same record id, event id, channel and data values (the text of each element under {@code
 * EventData} or {@code UserData}, in order) in Kasa's XML. Values are compared after this
 * normalisation: numbers (decimal, {@code 0x} hexadecimal with any zero padding, or floating point
 * such as {@code 1.500000e+000}) as numbers, and timestamps to 100 ns. Skipped when evtxexport
 * (Debian {@code libevtx-utils}) is not installed.
 */
class EvtxexportOracleTest {
  private static final Pattern TIME =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.(\\d+))?Z");

  @TempDir Path dir;

  /** What both readers must agree on for one record. */
  record Event(String recordId, String eventId, String channel, List<String> data) {}

  @Test
  void theCorpusReadsTheSameAsWithEvtxexport() throws Exception {
    assumeEvtxexport();
    List<String> differences = new ArrayList<>();
    int records = 0;
    for (Path file : Corpus.evtxFiles()) {
      records += compare(file, Corpus.read(file), differences);
    }
    assertThat(differences).isEmpty();
    assertThat(records).isGreaterThanOrEqualTo(158);
  }

  @Test
  void writtenFilesOfSeveralChunksAndEveryValueTypeReadTheSame() throws Exception {
    assumeEvtxexport();
    List<String> differences = new ArrayList<>();
    byte[] sysmon = Fixtures.events(700, Fixtures::processData);
    assertThat(Damage.chunks(sysmon)).isGreaterThan(2);
    assertThat(compare(dir.resolve("sysmon.evtx"), sysmon, differences)).isEqualTo(700);
    assertThat(compare(dir.resolve("types.evtx"), valueTypes(), differences)).isEqualTo(1);
    assertThat(compare(dir.resolve("user.evtx"), userData(), differences)).isEqualTo(1);
    assertThat(differences).isEmpty();
  }

  /** Non-negative values only: libevtx 20181227 prints negative integers wrongly. */
  private static byte[] valueTypes() {
    return new Fixtures.Fields()
        .add("UInt8", ValueType.UINT8, Value.uint8(250))
        .add("Int16", ValueType.INT16, Value.int16(300))
        .add("UInt16", ValueType.UINT16, Value.uint16(65000))
        .add("Int32", ValueType.INT32, Value.int32(70000))
        .add("UInt32", ValueType.UINT32, Value.uint32(4000000000L))
        .add("Int64", ValueType.INT64, Value.int64(5000000000L))
        .add("UInt64", ValueType.UINT64, Value.uint64(1L << 62))
        .add("Real32", ValueType.REAL32, Value.real32(1.5f))
        .add("Real64", ValueType.REAL64, Value.real64(2.25))
        .add("Bool", ValueType.BOOL, Value.bool(true))
        .add("Binary", ValueType.BINARY, Value.binary(new byte[] {1, 2, -1}))
        .add("Guid", ValueType.GUID, Value.guid(Fixtures.SYSMON))
        .add("SizeT", ValueType.SIZE_T, Value.sizeT(0x1234, 8))
        .add("FileTime", ValueType.FILETIME, Value.fileTime(Fixtures.T0))
        .add(
            "SysTime",
            ValueType.SYSTEMTIME,
            Value.systemTime(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000)))
        .add("Sid", ValueType.SID, Value.sid("S-1-5-21-1-2-3-500"))
        .add("Hex32", ValueType.HEX_INT32, Value.hexInt32(0xbeef))
        .add("Hex64", ValueType.HEX_INT64, Value.hexInt64(0x8000000000000000L))
        .add("Ansi", ValueType.ANSI_STRING, Value.ansiString("caf\u00e9"))
        .add("Strings", ValueType.STRING, Value.stringArray(List.of("one", "two")))
        .add(
            "Ints",
            ValueType.INT32,
            Value.array(ValueType.INT32, List.of(Value.int32(1), Value.int32(2))))
        .add("Text", ValueType.STRING, Value.string("a<b & \"c\""))
        .file();
  }

  private static byte[] userData() {
    Template inner =
        new Template(
            UUID.randomUUID(),
            new Element(
                "LogFileCleared",
                List.of(new Attribute("xmlns", new Text("http://manifests.microsoft.com/win"))),
                List.of(
                    new Element("SubjectUserName", Substitution.of(0)),
                    new Element("SubjectDomainName", Substitution.of(1)))));
    Template outer =
        new Template(
            UUID.randomUUID(),
            new Element(
                "Event",
                List.of(new Attribute("xmlns", new Text(WindowsEvents.NAMESPACE))),
                List.of(
                    new Element(
                        "System",
                        new Element("EventID", Substitution.of(1)),
                        new Element("EventRecordID", Substitution.of(2)),
                        new Element("Channel", new Text("Security"))),
                    new Element("UserData", Substitution.optional(0, ValueType.BIN_XML)))));
    return Fixtures.record(
        outer,
        List.of(
            Value.binXml(inner, List.of(Value.string("alice"), Value.string("CORP"))),
            Value.uint16(1102),
            Value.uint64(9)));
  }

  private int compare(Path file, byte[] bytes, List<String> differences) throws Exception {
    if (!Files.exists(file)) {
      Files.write(file, bytes);
    }
    Decoded ours = Decoded.of(bytes, RecordFormat.XML);
    assertThat(ours.problems).as(file.toString()).isEmpty();
    List<Event> a = events("<Events>" + String.join("", ours.records) + "</Events>");
    List<Event> b = events(evtxexport(file));
    if (a.size() != b.size()) {
      differences.add(file + ": " + a.size() + " records, evtxexport has " + b.size());
      return a.size();
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        differences.add(file + " record " + i + ": ours " + a.get(i) + ", evtxexport " + b.get(i));
      }
    }
    return a.size();
  }

  private static void assumeEvtxexport() {
    boolean installed = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      installed |= !d.isEmpty() && Files.isExecutable(Path.of(d, "evtxexport"));
    }
    Assumptions.assumeTrue(
        installed, "evtxexport (Debian libevtx-utils) is not installed; the second oracle is off");
  }

  private static String evtxexport(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("evtxexport", "-f", "xml", file.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("evtxexport exit status on " + file).isZero();
    String text = new String(out, StandardCharsets.UTF_8);
    int start = text.indexOf("<Event");
    return "<Events>" + (start < 0 ? "" : text.substring(start)) + "</Events>";
  }

  private static List<Event> events(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    List<Event> out = new ArrayList<>();
    NodeList events = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < events.getLength(); i++) {
      if (!(events.item(i) instanceof org.w3c.dom.Element e) || !e.getTagName().equals("Event")) {
        continue;
      }
      List<String> data = new ArrayList<>();
      for (String section : List.of("EventData", "UserData")) {
        NodeList s = e.getElementsByTagName(section);
        for (int k = 0; k < s.getLength(); k++) {
          leaves(s.item(k), data);
        }
      }
      out.add(
          new Event(
              text(e, "EventRecordID"), text(e, "EventID"), text(e, "Channel"), List.copyOf(data)));
    }
    return out;
  }

  private static void leaves(Node n, List<String> out) {
    boolean elements = false;
    NodeList kids = n.getChildNodes();
    for (int i = 0; i < kids.getLength(); i++) {
      if (kids.item(i) instanceof org.w3c.dom.Element k) {
        elements = true;
        leaves(k, out);
      }
    }
    if (!elements && n instanceof org.w3c.dom.Element leaf) {
      String name = leaf.getAttribute("Name");
      out.add(
          (name.isEmpty() ? leaf.getTagName() : name) + "=" + normalised(leaf.getTextContent()));
    }
  }

  private static String text(org.w3c.dom.Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : normalised(l.item(0).getTextContent());
  }

  static String normalised(String s) {
    Objects.requireNonNull(s);
    String t = s.trim();
    try {
      if (t.startsWith("0x") && t.length() > 2) {
        return new BigDecimal(new java.math.BigInteger(t.substring(2), 16)).toPlainString();
      }
      if (t.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
        return new BigDecimal(t).stripTrailingZeros().toPlainString();
      }
    } catch (NumberFormatException e) {
      return s;
    }
    Matcher m = TIME.matcher(t);
    if (m.matches()) {
      String fraction = m.group(3) == null ? "" : m.group(3);
      return m.group(1) + "." + (fraction + "0000000").substring(0, 7) + "Z";
    }
    return s;
  }
}
