package dev.kasa.detect;

import static dev.kasa.detect.TestIndicators.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.event.FieldMaps;
import dev.kasa.event.ScanOptions;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.PortConstraint;
import dev.kasa.intel.PortConstraint.Side;
import dev.kasa.observable.ObservableType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An address indicator with a port (MISP {@code ip-dst|port}, STIX {@code network-traffic} AND)
 * matches an event only when the address and the port are on the same side, in every format that
 * knows its endpoints.
 */
class AddressPortMatchTest {
  private static final Pattern HIT = Pattern.compile(" (\\S+=\\S+ indicator--\\S+) at ");

  @TempDir Path dir;

  /** 1: 203.0.113.80 dst 443; 2: 203.0.113.80 src 443; 3: 2001:db8::80 dst 8443; 4: no port. */
  private static IndicatorIndex index() {
    return TestIndicators.index(
        withPort(1, ObservableType.IPV4, "203.0.113.80", Side.DESTINATION, 443),
        withPort(2, ObservableType.IPV4, "203.0.113.80", Side.SOURCE, 443),
        withPort(3, ObservableType.IPV6, "2001:db8::80", Side.DESTINATION, 8443),
        TestIndicators.indicator(4, ObservableType.IPV4, "198.51.100.4"));
  }

  private static Indicator withPort(int n, ObservableType t, String v, Side side, int port) {
    Indicator i = TestIndicators.indicator(n, t, v);
    return new Indicator(
        i.id(),
        i.type(),
        i.value(),
        i.validFrom(),
        i.validUntil(),
        i.revoked(),
        i.confidence(),
        i.tlp(),
        i.attribution(),
        i.origin(),
        i.provenance(),
        new PortConstraint(side, port));
  }

  private static List<String> hits(ScanOptions options, EventSource source, String body) {
    var snapshot = DetectionSnapshot.builder().indicators(index()).build(1);
    var out =
        SweepFixture.decodeStream(
            snapshot,
            options,
            source,
            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(out.inputs).allMatch(s -> s.contains("malformed=0"), "no malformed record");
    return out.findings.stream()
        .map(
            f -> {
              var m = HIT.matcher(f);
              assertThat(m.find()).as(f).isTrue();
              return line(f) + " " + m.group(1);
            })
        .toList();
  }

  /** The record's line, from {@code name:line}. */
  private static String line(String finding) {
    var m = Pattern.compile(":(\\d+) ").matcher(finding);
    return m.find() ? m.group(1) : "?";
  }

  private static String conn(String oh, String op, String rh, String rp) {
    return "{\"ts\":1717200000.0,\"uid\":\"C1\",\"id.orig_h\":\""
        + oh
        + "\",\"id.orig_p\":"
        + op
        + ",\"id.resp_h\":\""
        + rh
        + "\",\"id.resp_p\":"
        + rp
        + "}\n";
  }

  @Test
  void zeekJsonConnMatchesAddressAndPortOnTheSameSide() {
    String log =
        conn("10.0.0.5", "49152", "203.0.113.80", "443")
            + conn("10.0.0.5", "49152", "203.0.113.80", "8443")
            + conn("203.0.113.80", "443", "10.0.0.5", "5555")
            + conn("10.0.0.5", "443", "203.0.113.80", "80")
            + conn("10.0.0.5", "1", "2001:DB8:0::80", "8443")
            + conn("10.0.0.5", "1", "198.51.100.4", "9");
    assertThat(
            hits(ScanOptions.defaults(), EventSource.zeek("-", EventFormat.ZEEK_JSON, "conn"), log))
        .containsExactly(
            "1 id.resp_h=203.0.113.80 " + id(1),
            "3 id.orig_h=203.0.113.80 " + id(2),
            "5 id.resp_h=2001:DB8:0::80 " + id(3),
            "6 id.resp_h=198.51.100.4 " + id(4));
  }

  @Test
  void zeekTsvWithoutAPortOnThatSideDoesNotMatch() {
    String log =
        "#separator \\x09\n#path\tconn\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\n"
            + "1717200000.0\tC1\t10.0.0.5\t1\t203.0.113.80\t-\n"
            + "1717200000.0\tC2\t10.0.0.5\t1\t203.0.113.80\t443\n";
    assertThat(
            hits(ScanOptions.defaults(), EventSource.zeek("-", EventFormat.ZEEK_TSV, "conn"), log))
        .containsExactly("6 id.resp_h=203.0.113.80 " + id(1));
  }

  @Test
  void suricataEveUsesDestAndSrcPorts() {
    String eve =
        "{\"timestamp\":\"2024-06-01T00:00:00.000000+0000\",\"flow_id\":1,\"event_type\":\"flow\",\"src_ip\":\"10.0.0.5\",\"src_port\":50000,\"dest_ip\":\"203.0.113.80\",\"dest_port\":443,\"proto\":\"TCP\"}\n"
            + "{\"timestamp\":\"2024-06-01T00:00:00.000000+0000\",\"flow_id\":2,\"event_type\":\"flow\",\"src_ip\":\"10.0.0.5\",\"src_port\":443,\"dest_ip\":\"203.0.113.80\",\"dest_port\":22,\"proto\":\"TCP\"}\n";
    assertThat(hits(ScanOptions.defaults(), new EventSource("-", EventFormat.EVE, null), eve))
        .containsExactly("1 dest_ip=203.0.113.80 " + id(1));
  }

  private static String sysmon3(String src, String sport, String dst, String dport) {
    return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":"
        + "\"Microsoft-Windows-Sysmon\"}},\"EventID\":3,\"TimeCreated\":{\"#attributes\":"
        + "{\"SystemTime\":\"2024-06-01T00:00:00.000Z\"}},\"EventRecordID\":7,"
        + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"WS01\"},"
        + "\"EventData\":{\"SourceIp\":\""
        + src
        + "\",\"SourcePort\":\""
        + sport
        + "\",\"DestinationIp\":\""
        + dst
        + "\",\"DestinationPort\":\""
        + dport
        + "\"}}}\n";
  }

  @Test
  void sysmonNetworkConnectionUsesDestinationAndSourcePorts() {
    String log =
        sysmon3("10.0.0.5", "50000", "203.0.113.80", "443")
            + sysmon3("10.0.0.5", "50000", "203.0.113.80", "444")
            + sysmon3("203.0.113.80", "443", "10.0.0.5", "3389");
    assertThat(hits(ScanOptions.defaults(), new EventSource("-", EventFormat.EVTX_JSON, null), log))
        .containsExactly(
            "1 Event.EventData.DestinationIp=203.0.113.80 " + id(1),
            "3 Event.EventData.SourceIp=203.0.113.80 " + id(2));
  }

  @Test
  void fieldMappedJsonUsesTheEndpointsItsMapNames() throws IOException {
    Path map = dir.resolve("fw.map");
    Files.writeString(
        map,
        "[ndjson]\nt = TIME\ndst = IP\nsrc = IP\n@source.ip = src\n@source.port = sport\n"
            + "@destination.ip = dst\n@destination.port = dport\n");
    ScanOptions options =
        ScanOptions.defaults()
            .withForcedFormat(EventFormat.NDJSON)
            .withFieldMaps(FieldMaps.defaults().overriddenBy(FieldMaps.load(map)));
    String events =
        "{\"t\":\"2024-06-01T00:00:00Z\",\"src\":\"10.0.0.5\",\"sport\":1,\"dst\":\"203.0.113.80\",\"dport\":\"443\"}\n"
            + "{\"t\":\"2024-06-01T00:00:00Z\",\"src\":\"10.0.0.5\",\"sport\":1,\"dst\":\"203.0.113.80\",\"dport\":\"4443\"}\n"
            + "{\"t\":\"2024-06-01T00:00:00Z\",\"src\":\"10.0.0.5\",\"dst\":\"203.0.113.80\"}\n";
    assertThat(hits(options, new EventSource("-", EventFormat.NDJSON, null), events))
        .containsExactly("1 dst=203.0.113.80 " + id(1));
  }

  @Test
  void theIndexStillFindsTheAddressAndTheIndicatorKeepsItsPort() {
    IndicatorIndex index = index();
    List<String> ids = TestIndicators.ids(index, ObservableType.IPV4, "203.0.113.80");
    assertThat(ids).containsExactlyInAnyOrder(id(1), id(2));
    index.match(
        ObservableType.IPV6,
        "2001:db8::80",
        TestIndicators.AT,
        e ->
            assertThat(index.indicator(e).port())
                .isEqualTo(new PortConstraint(Side.DESTINATION, 8443)));
  }

  @Test
  void equalAddressesWithDifferentPortsAreNotFoldedIntoOne() {
    Indicator a = withPort(9, ObservableType.IPV4, "192.0.2.1", Side.DESTINATION, 80);
    Indicator b = withPort(9, ObservableType.IPV4, "192.0.2.1", Side.DESTINATION, 81);
    IndicatorIndex index = TestIndicators.index(a, b, a);
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.duplicates()).isEqualTo(1);
  }
}
