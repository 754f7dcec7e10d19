package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.EventContext;
import dev.kasa.EventContext.Endpoint;
import dev.kasa.TestWorkers;
import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.WindowsEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in format gives its events' context, and field maps can name other fields. */
class EventContextTest {
  @TempDir Path dir;

  /** The context of every record, by line. */
  static Map<Long, EventContext> contexts(ScanOptions options, List<String> inputs, byte[] stdin) {
    Map<Long, EventContext> out = new LinkedHashMap<>();
    ChunkProcessor<List<String>> p =
        input ->
            new ChunkTask<>() {
              @Override
              public DecoderConfig decoderConfig() {
                return DecoderConfig.NONE;
              }

              @Override
              public void record(DecodedRecord r) {
                synchronized (out) {
                  out.put(r.line(), r.context());
                }
              }

              @Override
              public void malformed(long line, String reason) {}

              @Override
              public List<String> finish() {
                return List.of();
              }
            };
    new EventScanner(options.withThreads(1), TestWorkers.POOL, new ByteArrayInputStream(stdin))
        .scan(inputs, p, new Scans.Result());
    return out;
  }

  static Map<Long, EventContext> text(EventFormat format, String text) {
    return contexts(
        ScanOptions.defaults().withForcedFormat(format),
        List.of("-"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void zeekJsonGivesUidAndBothEnds() {
    var c =
        text(
            EventFormat.ZEEK_JSON,
            "{\"ts\":1.0,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.5\",\"id.orig_p\":49152,"
                + "\"id.resp_h\":\"203.0.113.7\",\"id.resp_p\":443,\"proto\":\"tcp\"}\n");
    assertThat(c.get(1L))
        .isEqualTo(
            new EventContext(
                null,
                new Endpoint("10.0.0.5", 49152),
                new Endpoint("203.0.113.7", 443),
                Map.of("uid", "C1")));
  }

  @Test
  void zeekTsvReadsTheColumnsOfItsHeaderAndSkipsUnset() {
    String log =
        "#separator \\x09\n#path\tconn\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\n"
            + "1.0\tC2\t2001:db8::1\t5353\t198.51.100.9\t-\n";
    var c = text(EventFormat.ZEEK_TSV, log);
    assertThat(c.get(5L))
        .isEqualTo(
            new EventContext(
                null,
                new Endpoint("2001:db8::1", 5353),
                new Endpoint("198.51.100.9", -1),
                Map.of("uid", "C2")));
    assertThat(c.get(5L).source().toString()).isEqualTo("[2001:db8::1]:5353");
  }

  @Test
  void eveGivesFlowIdAndEnds() {
    var c =
        text(
            EventFormat.EVE,
            "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"flow_id\":1234567,\"event_type\":\"dns\","
                + "\"src_ip\":\"10.0.0.5\",\"src_port\":53000,\"dest_ip\":\"192.0.2.1\","
                + "\"dest_port\":53,\"host\":\"sensor1\"}\n");
    EventContext e = c.get(1L);
    assertThat(e.host()).isEqualTo("sensor1");
    assertThat(e.source()).isEqualTo(new Endpoint("10.0.0.5", 53000));
    assertThat(e.destination()).isEqualTo(new Endpoint("192.0.2.1", 53));
    assertThat(e.fields()).containsExactly(Map.entry("flow_id", "1234567"), entry("dns"));
  }

  @Test
  void anEventTakenOverSyslogNamesItsSenderAsHostUnlessItNamesOne() {
    ContextMap syslog = FieldMaps.defaults().forSource("syslog").context();
    assertThat(
            syslogContext(
                    syslog,
                    "{\"_syslog\":{\"rfc\":\"3164\",\"hostname\":\"fw-edge-1\",\"app_name\":"
                        + "\"fw\"},\"message\":\"deny 203.0.113.7\"}")
                .host())
        .isEqualTo("fw-edge-1");
    assertThat(
            syslogContext(
                    syslog, "{\"_syslog\":{\"hostname\":\"relay\"},\"host\":{\"name\":\"ws01\"}}")
                .host())
        .isEqualTo("ws01");
    assertThat(
            syslogContext(
                    FieldMaps.defaults().forSource("zeek").context(),
                    "{\"_syslog\":{\"hostname\":\"zeek-sensor-2\"},\"ts\":1.0,\"uid\":\"C9\"}")
                .host())
        .isEqualTo("zeek-sensor-2");
  }

  private static EventContext syslogContext(ContextMap map, String json) {
    byte[] raw = json.getBytes(StandardCharsets.UTF_8);
    return ContextReader.json(map, raw, 0, raw.length);
  }

  private static Map.Entry<String, String> entry(String eventType) {
    return Map.entry("event_type", eventType);
  }

  @Test
  void evtxJsonGivesComputerAndSystemFieldsIncludingEventIdWithQualifiers() {
    var c =
        text(
            EventFormat.EVTX_JSON,
            "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Service Control"
                + " Manager\"}},\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":7036},\"EventRecordID\":42,\"Channel\":\"System\",\"Computer\":\"WS01\"},\"EventData\":{\"SourceIp\":\"10.0.0.5\",\"SourcePort\":\"5000\"}}}\n");
    EventContext e = c.get(1L);
    assertThat(e.host()).isEqualTo("WS01");
    assertThat(e.source()).isEqualTo(new Endpoint("10.0.0.5", 5000));
    assertThat(e.destination()).isNull();
    assertThat(e.fields())
        .containsExactly(
            Map.entry("Channel", "System"),
            Map.entry("Provider", "Service Control Manager"),
            Map.entry("EventID", "7036"),
            Map.entry("EventRecordID", "42"));
  }

  @Test
  void windowsJsonFromNxlogAndWinlogbeat() {
    var c =
        text(
            EventFormat.WINDOWS_JSON,
            "{\"EventTime\":\"2025-01-01 00:00:00\",\"Hostname\":\"WS02\",\"EventID\":4624,"
                + "\"Channel\":\"Security\",\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
                + "\"RecordNumber\":9,\"IpAddress\":\"10.1.1.1\",\"IpPort\":\"0\"}\n"
                + "{\"winlog\":{\"computer_name\":\"WS03\",\"channel\":\"Security\","
                + "\"event_id\":4625,\"record_id\":10}}\n");
    assertThat(c.get(1L).host()).isEqualTo("WS02");
    assertThat(c.get(1L).source()).isEqualTo(new Endpoint("10.1.1.1", 0));
    assertThat(c.get(1L).fields())
        .containsEntry("EventID", "4624")
        .containsEntry("Provider", "Microsoft-Windows-Security-Auditing")
        .containsEntry("EventRecordID", "9");
    assertThat(c.get(2L).host()).isEqualTo("WS03");
    assertThat(c.get(2L).fields())
        .containsExactly(
            Map.entry("Channel", "Security"),
            Map.entry("EventID", "4625"),
            Map.entry("EventRecordID", "10"));
  }

  @Test
  void nativeEvtxGivesTheSameContextAsItsJson() throws IOException {
    Template data =
        WindowsEvents.eventData(
            "ctx",
            List.of("DestinationIp", "DestinationPort"),
            List.of(ValueType.STRING, ValueType.STRING));
    EvtxWriter w = EvtxWriter.inMemory(new EvtxWriter.Options(false, 10));
    Instant t0 = Instant.parse("2025-11-27T07:40:10Z");
    WindowsEvents.SystemValues s =
        new WindowsEvents.SystemValues(
            "Microsoft-Windows-Sysmon",
            UUID.fromString("5770385f-c22a-43e0-bf4c-06f5698ffbd9"),
            3,
            null,
            5,
            4,
            3,
            0,
            0x8000000000000000L,
            t0,
            77,
            null,
            1,
            2,
            "Microsoft-Windows-Sysmon/Operational",
            "S-1-5-18");
    Value d = Value.binXml(data, List.of(Value.string("203.0.113.7"), Value.string("443")));
    w.write(77, t0, WindowsEvents.system("WS01"), WindowsEvents.values(s, d));
    w.close();
    Path f = dir.resolve("one.evtx");
    Files.write(f, w.bytes());
    var c = contexts(ScanOptions.defaults(), List.of(f.toString()), new byte[0]);
    EventContext e = c.values().iterator().next();
    assertThat(e.host()).isEqualTo("WS01");
    assertThat(e.destination()).isEqualTo(new Endpoint("203.0.113.7", 443));
    assertThat(e.fields())
        .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
        .containsEntry("Provider", "Microsoft-Windows-Sysmon")
        .containsEntry("EventID", "3")
        .containsEntry("EventRecordID", "77");
  }

  @Test
  void fieldMapEntriesNameOtherFieldsAndNoneRemovesThem() throws IOException {
    Path map = dir.resolve("ctx.map");
    Files.writeString(
        map,
        "[ndjson]\n@host = agent.name, hostname\n@source.ip = client\n"
            + "@context.request = req.id\n@destination.ip = NONE\n");
    ScanOptions options =
        ScanOptions.defaults()
            .withForcedFormat(EventFormat.NDJSON)
            .withFieldMaps(FieldMaps.defaults().overriddenBy(FieldMaps.load(map)));
    String events =
        "{\"hostname\":\"b\",\"agent\":{\"name\":\"a\"},\"client\":\"10.0.0.1\","
            + "\"destination\":{\"ip\":\"10.0.0.2\"},\"req\":{\"id\":\"r1\"}}\n"
            + "{\"hostname\":\"b\",\"other\":[1,2]}\n{\"nothing\":true}\n";
    var c = contexts(options, List.of("-"), events.getBytes(StandardCharsets.UTF_8));
    assertThat(c.get(1L))
        .isEqualTo(
            new EventContext("a", new Endpoint("10.0.0.1", -1), null, Map.of("request", "r1")));
    assertThat(c.get(2L).host()).isEqualTo("b");
    assertThat(c.get(3L)).isEqualTo(EventContext.NONE);
  }

  @Test
  void badContextEntriesNameFileAndLine() {
    List<String> errors = new ArrayList<>();
    for (String bad : List.of("@host = a b", "@context.x = ,", "@source.ip = .x")) {
      try {
        FieldMaps.parse("[ndjson]\n" + bad + "\n", "m.map");
      } catch (dev.kasa.KasaException e) {
        errors.add(e.getMessage());
      }
    }
    assertThat(errors)
        .containsExactly(
            "m.map:2: bad field path 'a b' for @host",
            "m.map:2: bad field path '' for @context.x",
            "m.map:2: bad field path '.x' for @source.ip");
  }
}
