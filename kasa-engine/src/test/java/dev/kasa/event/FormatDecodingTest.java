package dev.kasa.event;

import static dev.kasa.event.Scans.fixture;
import static dev.kasa.event.Scans.options;
import static dev.kasa.event.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatDecodingTest {

  @Test
  void zeekTsvDnsWithEscapesUnsetEmptyVectorsAndBadFieldCount() {
    var r = scan(options(), fixture("zeek_dns.log"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.ZEEK_TSV);
    assertThat(r.inputs.get(0).fieldMapSource()).isEqualTo("zeek:dns");
    assertThat(r.observables())
        .containsExactly(
            "9 id.orig_h IPV4 10.0.0.5",
            "9 id.resp_h IPV4 10.0.0.53",
            "9 query DOMAIN evil.example",
            "9 answers DOMAIN cdn.evil.example",
            "9 answers IPV4 203.0.113.7",
            "10 id.orig_h IPV4 10.0.0.6",
            "10 id.resp_h IPV4 10.0.0.53",
            "12 id.orig_h IPV6 fe80::1",
            "12 id.resp_h IPV6 2001:db8::53");
    assertThat(r.times()).contains("9 TIME 1704164645123", "10 TIME 1704164646000");
    assertThat(r.malformed()).containsExactly("11 MALFORMED expected 11 fields, found 4");
    assertThat(r.summaries.get(0).records()).isEqualTo(3);
    assertThat(r.summaries.get(0).malformed()).isEqualTo(1);
  }

  @Test
  void zeekTsvEscapedValueIsDecoded() {
    var r =
        scan(
            options()
                .withFieldMaps(
                    FieldMaps.defaults()
                        .overriddenBy(FieldMaps.parse("[zeek:dns]\nquery = URL\n", "t"))),
            fixture("zeek_dns.log"));
    assertThat(r.observables()).doesNotContain("10 query DOMAIN bad\tname.example");
  }

  @Test
  void zeekTsvSmtpEmailsInHeaderFormAndSets() {
    var r = scan(options(), fixture("zeek_smtp.log"));
    assertThat(r.observables())
        .contains(
            "8 mailfrom EMAIL spy@adversary.example",
            "8 rcptto EMAIL alice@base.example",
            "8 rcptto EMAIL bob@base.example",
            "8 from EMAIL spy@adversary.example",
            "8 to EMAIL alice@base.example",
            "8 reply_to EMAIL reply@adversary.example",
            "8 path IPV4 192.0.2.25",
            "8 path IPV4 10.0.0.9");
    assertThat(r.malformed()).isEmpty();
  }

  @Test
  void zeekJsonHttpComposesUrlsAndChecksHosts() {
    var r = scan(options(), fixture("zeek_http.json"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.ZEEK_JSON);
    assertThat(r.inputs.get(0).fieldMapSource()).isEqualTo("zeek:http");
    assertThat(r.observables())
        .containsExactly(
            "1 id.orig_h IPV4 10.0.0.5",
            "1 id.resp_h IPV4 198.51.100.20",
            "1 host DOMAIN malware.example",
            "1 host+uri URL http://malware.example/payload.exe?x=1",
            "2 id.orig_h IPV4 10.0.0.5",
            "2 id.resp_h IPV4 198.51.100.21",
            "2 host IPV4 198.51.100.21",
            "2 host+uri URL http://proxy.example/abs",
            "3 id.orig_h IPV4 10.0.0.5",
            "3 id.resp_h IPV4 198.51.100.22",
            "3 host+uri URL http://café.example/a\"b");
    assertThat(r.times())
        .containsExactly("1 TIME 1704164645500", "2 TIME 1704164646250", "3 TIME 1704164647000");
  }

  @Test
  void zeekJsonFilesAndSsl() {
    var r = scan(options(), fixture("zeek_files.json"), fixture("zeek_ssl.json"));
    assertThat(r.observables())
        .containsExactly(
            "1 tx_hosts IPV4 198.51.100.20",
            "1 rx_hosts IPV4 10.0.0.5",
            "1 md5 MD5 0123456789abcdef0123456789abcdef",
            "1 sha1 SHA1 0123456789abcdef0123456789abcdef01234567",
            "1 sha256 SHA256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "1 id.orig_h IPV4 10.0.0.5",
            "1 id.resp_h IPV4 203.0.113.9",
            "1 server_name DOMAIN c2.adversary.example");
  }

  @Test
  void suricataEve() {
    var r = scan(options(), fixture("eve.json"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVE);
    assertThat(r.observables())
        .contains(
            "1 dns.rrname DOMAIN evil.example",
            "2 dns.queries.rrname DOMAIN q.evil.example",
            "2 dns.answers.rrname DOMAIN q.evil.example",
            "2 dns.answers.rdata IPV4 203.0.113.7",
            "3 http.hostname DOMAIN malware.example",
            "3 http.hostname+http.url URL http://malware.example/drop.php",
            "4 tls.sni DOMAIN c2.adversary.example",
            "5 fileinfo.md5 MD5 0123456789abcdef0123456789abcdef",
            "6 src_ip IPV4 203.0.113.9");
    assertThat(r.times()).contains("1 TIME 1704164645123", "2 TIME 1704161046000");
  }

  @Test
  void evtxDumpPrettyPrintedObjectsWithSysmonHashes() {
    var r = scan(options(), fixture("evtx_dump.json"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVTX_JSON);
    assertThat(r.observables())
        .containsExactly(
            "1 Event.EventData.SourceIp IPV4 10.0.0.5",
            "1 Event.EventData.DestinationIp IPV4 203.0.113.9",
            "1 Event.EventData.DestinationHostname DOMAIN c2.adversary.example",
            "25 Event.EventData.Hashes SHA1 0123456789ABCDEF0123456789ABCDEF01234567",
            "25 Event.EventData.Hashes MD5 0123456789ABCDEF0123456789ABCDEF",
            "25 Event.EventData.Hashes SHA256 "
                + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
    assertThat(r.times()).containsExactly("1 TIME 1704164645678", "25 TIME 1704164700000");
  }

  @Test
  void evtxDumpDefaultOutputWithRecordHeaderLines() {
    // evtx_dump -o json writes "Record N" before each object; lines move down by one per record.
    var r = scan(options(), fixture("evtx_dump_records.json"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVTX_JSON);
    assertThat(r.malformed()).isEmpty();
    assertThat(r.observables())
        .contains(
            "2 Event.EventData.DestinationIp IPV4 203.0.113.9",
            "27 Event.EventData.Hashes MD5 0123456789ABCDEF0123456789ABCDEF");
  }

  @Test
  void textThatIsNotARecordHeaderBetweenObjectsIsMalformed() {
    var r =
        scan(
            options().withForcedFormat(EventFormat.EVTX_JSON),
            new java.io.ByteArrayInputStream(
                "{\"a\":1}\nRecorded later\n{\"b\":2}\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "-");
    assertThat(r.malformed()).hasSize(1).first().asString().startsWith("2 ");
  }

  @Test
  void nxlogAndWinlogbeatFlatJson() {
    var r = scan(options(), fixture("nxlog.json"), fixture("winlogbeat.json"));
    assertThat(r.inputs)
        .extracting(EventInput::format)
        .containsExactly(EventFormat.WINDOWS_JSON, EventFormat.WINDOWS_JSON);
    assertThat(r.observables())
        .containsExactly(
            "1 Hostname DOMAIN WS1.base.local",
            "1 QueryName DOMAIN evil.example",
            "1 SourceAddress IPV4 10.0.0.5",
            "1 winlog.event_data.DestinationIp IPV4 203.0.113.9",
            "1 winlog.event_data.DestinationHostname DOMAIN c2.adversary.example",
            "1 winlog.event_data.SourceIp IPV4 10.0.0.5");
    assertThat(r.times()).containsExactly("1 TIME 1704164644500", "1 TIME 1704164645000");
  }

  @Test
  void headerlessZeekTsvChecksCellsThatAreAddresses() {
    var r = scan(options(), fixture("headerless_modbus.log"));
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.ZEEK_TSV);
    assertThat(r.observables())
        .containsExactly("1 column3 IPV4 192.168.1.6", "1 column5 IPV4 3.15.227.20");
    assertThat(r.times()).containsExactly("1 TIME " + DecodedRecord.NO_TIME);
  }
}
