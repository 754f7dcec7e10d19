package dev.kasa.evtx;

import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.WindowsEvents;
import dev.kasa.evtxwriter.XmlNode;
import dev.kasa.evtxwriter.XmlNode.Attribute;
import dev.kasa.evtxwriter.XmlNode.Element;
import dev.kasa.evtxwriter.XmlNode.Substitution;
import dev.kasa.evtxwriter.XmlNode.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** EVTX files made with the writer for the reader's tests (corpus files are never copied). */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-11-27T07:40:10.1653245Z");
  static final UUID SYSMON = UUID.fromString("5770385f-c22a-43e0-bf4c-06f5698ffbd9");
  static final String NS = WindowsEvents.NAMESPACE;

  private Fixtures() {}

  static WindowsEvents.SystemValues system(long id, int eventId) {
    return new WindowsEvents.SystemValues(
        "Microsoft-Windows-Sysmon",
        SYSMON,
        eventId,
        null,
        5,
        4,
        eventId,
        0,
        0x8000000000000000L,
        T0.plusSeconds(id),
        id,
        null,
        3544,
        4272,
        "Microsoft-Windows-Sysmon/Operational",
        "S-1-5-18");
  }

  /** {@code <Data Name="name">} holding normal substitution {@code index}. */
  static Element data(String name, int index, ValueType type) {
    return new Element(
        "Data",
        List.of(new Attribute("Name", new Text(name))),
        List.of(new Substitution(index, false, type)));
  }

  /** A one-record file: the standard System template, {@code eventData} as value 17. */
  static byte[] oneEvent(Value eventData) {
    return events(1, i -> eventData);
  }

  /** A file of {@code n} events with ids 1..n. */
  static byte[] events(int n, java.util.function.IntFunction<Value> eventData) {
    return events(n, EvtxWriter.Options.defaults(), eventData);
  }

  static byte[] events(
      int n, EvtxWriter.Options options, java.util.function.IntFunction<Value> eventData) {
    try {
      EvtxWriter w = EvtxWriter.inMemory(options);
      Template outer = WindowsEvents.system("host-1");
      for (int i = 1; i <= n; i++) {
        w.write(i, T0, outer, WindowsEvents.values(system(i, 1), eventData.apply(i)));
      }
      w.close();
      return w.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file whose only record is an instance of {@code template} with {@code values}. */
  static byte[] record(Template template, List<Value> values) {
    try {
      EvtxWriter w = EvtxWriter.inMemory(EvtxWriter.Options.defaults());
      w.write(9, T0, template, values);
      w.close();
      return w.bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A template of {@code <Event><EventData>…</EventData></Event>} around {@code children}. */
  static Template eventData(XmlNode... children) {
    return new Template(
        UUID.randomUUID(),
        new Element(
            "Event", List.of(), List.of(new Element("EventData", List.of(), List.of(children)))));
  }

  /** Sysmon-like process events: a few fields of each value type Sysmon uses. */
  static Value processData(long i) {
    return Value.binXml(
        PROCESS,
        List.of(
            Value.string("-"),
            Value.guid(new UUID(i, i * 31)),
            Value.uint32(1000 + i),
            Value.string("C:\\Windows\\System32\\cmd" + i + ".exe"),
            Value.string("cmd.exe /c echo " + "x".repeat((int) (i % 200))),
            Value.hexInt64(0x3e7 + i)));
  }

  static final Template PROCESS =
      WindowsEvents.eventData(
          "process",
          List.of("RuleName", "ProcessGuid", "ProcessId", "Image", "CommandLine", "LogonId"),
          List.of(
              ValueType.STRING,
              ValueType.GUID,
              ValueType.UINT32,
              ValueType.STRING,
              ValueType.STRING,
              ValueType.HEX_INT64));

  /** Names and values, for a Data-per-value template. */
  static final class Fields {
    final List<XmlNode> data = new ArrayList<>();
    final List<Value> values = new ArrayList<>();

    Fields add(String name, ValueType type, Value v) {
      data.add(data(name, values.size(), type));
      values.add(v);
      return this;
    }

    byte[] file() {
      return record(eventData(data.toArray(new XmlNode[0])), values);
    }
  }
}
