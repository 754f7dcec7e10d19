package dev.kasa.detect;

import static dev.kasa.detect.TestIndicators.AT;
import static dev.kasa.detect.TestIndicators.FROM;
import static dev.kasa.detect.TestIndicators.id;
import static dev.kasa.detect.TestIndicators.ids;
import static dev.kasa.detect.TestIndicators.index;
import static dev.kasa.detect.TestIndicators.indicator;
import static dev.kasa.observable.ObservableType.DOMAIN;
import static dev.kasa.observable.ObservableType.EMAIL;
import static dev.kasa.observable.ObservableType.IPV4;
import static dev.kasa.observable.ObservableType.IPV6;
import static dev.kasa.observable.ObservableType.MD5;
import static dev.kasa.observable.ObservableType.SHA1;
import static dev.kasa.observable.ObservableType.SHA256;
import static dev.kasa.observable.ObservableType.SHA512;
import static dev.kasa.observable.ObservableType.URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.Actor;
import dev.kasa.intel.Attribution;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorIndexTest {
  @Test
  void emptyIndexFindsNothing() {
    IndicatorIndex index = IndicatorIndex.builder().build();
    assertThat(index.size()).isZero();
    for (ObservableType t : ObservableType.values()) {
      assertThat(ids(index, t, "1.2.3.4")).isEmpty();
    }
  }

  @Test
  void ipv4ExactAddress() {
    IndicatorIndex index = index(indicator(1, IPV4, "198.51.100.7"));
    assertThat(ids(index, IPV4, "198.51.100.7")).containsExactly(id(1));
    assertThat(ids(index, IPV4, " 198.51.100.7\t")).containsExactly(id(1));
    assertThat(ids(index, IPV4, "198.51.100.8")).isEmpty();
    assertThat(ids(index, IPV4, "198.51.100.70")).isEmpty();
    assertThat(ids(index, IPV4, "198.51.100.07")).isEmpty();
    assertThat(ids(index, IPV4, "198.51.100.7/32")).isEmpty();
    assertThat(ids(index, IPV4, "not an address")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "203.0.113.0/24, 203.0.113.0, true",
    "203.0.113.0/24, 203.0.113.255, true",
    "203.0.113.0/24, 203.0.112.255, false",
    "203.0.113.0/24, 203.0.114.0, false",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "0.0.0.0/0, 255.255.255.255, true",
    "0.0.0.0/0, 0.0.0.0, true",
    "192.0.2.128/25, 192.0.2.127, false",
    "192.0.2.128/25, 192.0.2.128, true",
    "192.0.2.2/31, 192.0.2.1, false",
    "192.0.2.0/31, 192.0.2.1, true",
    "128.0.0.0/1, 127.255.255.255, false",
    "128.0.0.0/1, 128.0.0.0, true",
    "192.0.2.9, 192.0.2.9, true",
  })
  void ipv4Cidr(String network, String address, boolean matches) {
    IndicatorIndex index = index(indicator(1, IPV4, network));
    assertThat(ids(index, IPV4, address)).hasSize(matches ? 1 : 0);
  }

  @Test
  void severalPrefixLengthsOfOneAddressAllMatch() {
    IndicatorIndex index =
        index(
            indicator(1, IPV4, "203.0.113.9"),
            indicator(2, IPV4, "203.0.113.0/24"),
            indicator(3, IPV4, "203.0.0.0/16"),
            indicator(4, IPV4, "198.51.100.0/24"));
    assertThat(ids(index, IPV4, "203.0.113.9")).containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(ids(index, IPV4, "203.0.7.1")).containsExactly(id(3));
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::/64, 2001:db8::1, true",
    "2001:db8::/64, 2001:db8:0:0:ffff:ffff:ffff:ffff, true",
    "2001:db8::/64, 2001:db8:0:1::, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::, false",
    "2001:db8::1, 2001:0DB8:0000:0000:0000:0000:0000:0001, true",
    "2001:db8::1, 2001:db8::0:1, true",
    "2001:db8::1, 2001:db8::2, false",
    "2001:db8::1, 2001:db8::1%eth0, true",
    "::/0, 2001:db8::1, true",
    "2001:db8::1:0/112, 2001:db8::1:ffff, true",
    "2001:db8::1:0/112, 2001:db8::2:0, false",
    "2001:db8:0:0:8000::/65, 2001:db8::ffff:0:0:0, true",
    "2001:db8:0:0:8000::/65, 2001:db8::7fff:0:0:0, false",
  })
  void ipv6ByCanonicalValueAndPrefix(String network, String address, boolean matches) {
    IndicatorIndex index = index(indicator(1, IPV6, network));
    assertThat(ids(index, IPV6, address)).hasSize(matches ? 1 : 0);
    assertThat(ids(index, IPV4, address)).as("either family accepted").hasSize(matches ? 1 : 0);
  }

  @Test
  void ipv4MappedIpv6IsTheSameAddress() {
    IndicatorIndex index =
        index(indicator(1, IPV4, "192.0.2.0/24"), indicator(2, IPV6, "::ffff:0:0/96"));
    assertThat(ids(index, IPV6, "::ffff:192.0.2.33")).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(ids(index, IPV6, "::ffff:c000:221")).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(ids(index, IPV4, "192.0.2.33")).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(ids(index, IPV6, "::192.0.2.33")).as("IPv4-compatible is not mapped").isEmpty();
    assertThat(ids(index, IPV4, "198.51.100.1")).containsExactly(id(2));
  }

  @Test
  void domainMatchesItselfAndSubdomainsOnly() {
    IndicatorIndex index = index(indicator(1, DOMAIN, "evil.example"));
    assertThat(ids(index, DOMAIN, "evil.example")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "a.evil.example")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "a.b.evil.example")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "EVIL.Example")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "www.evil.example.")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "notevil.example")).isEmpty();
    assertThat(ids(index, DOMAIN, "evil.example.org")).isEmpty();
    assertThat(ids(index, DOMAIN, "example")).isEmpty();
    assertThat(ids(index, DOMAIN, "vil.example")).isEmpty();
    assertThat(ids(index, DOMAIN, "evil.example..")).isEmpty();
    assertThat(ids(index, DOMAIN, "a..evil.example")).as("invalid name").isEmpty();
    assertThat(ids(index, DOMAIN, "a b.evil.example")).as("invalid name").isEmpty();
    assertThat(ids(index, DOMAIN, ".evil.example")).isEmpty();
    assertThat(ids(index, DOMAIN, "")).isEmpty();
  }

  @Test
  void parentIndicatorsAtEveryLevelMatch() {
    IndicatorIndex index =
        index(
            indicator(1, DOMAIN, "example"),
            indicator(2, DOMAIN, "evil.example"),
            indicator(3, DOMAIN, "b.evil.example"));
    assertThat(ids(index, DOMAIN, "a.b.evil.example"))
        .containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(ids(index, DOMAIN, "c.evil.example")).containsExactlyInAnyOrder(id(1), id(2));
  }

  @Test
  void internationalisedDomainMatchesItsAsciiForm() {
    IndicatorIndex index = index(indicator(1, DOMAIN, "xn--bcher-kva.example"));
    assertThat(ids(index, DOMAIN, "www.bücher.example")).containsExactly(id(1));
    assertThat(ids(index, DOMAIN, "WWW.XN--BCHER-KVA.EXAMPLE")).containsExactly(id(1));
  }

  @Test
  void urlsMatchAfterNormalisation() {
    IndicatorIndex index = index(indicator(1, URL, "http://evil.example/a/B?x=1"));
    assertThat(ids(index, URL, "http://evil.example/a/B?x=1")).containsExactly(id(1));
    assertThat(ids(index, URL, "HTTP://EVIL.example:80/a/B?x=1")).containsExactly(id(1));
    assertThat(ids(index, URL, "evil.example/a/B?x=1")).containsExactly(id(1));
    assertThat(ids(index, URL, "http://evil.example/a/b?x=1")).as("path case").isEmpty();
    assertThat(ids(index, URL, "http://evil.example:8080/a/B?x=1")).isEmpty();
    assertThat(ids(index, URL, "https://evil.example/a/B?x=1")).isEmpty();
    assertThat(ids(index, URL, "http://evil.example/a/B?x=12")).isEmpty();
  }

  @Test
  void urlDefaultPortsAndEmptyPath() {
    IndicatorIndex index =
        index(
            indicator(1, URL, "https://evil.example/"),
            indicator(2, URL, "http://[2001:db8::1]/x"));
    assertThat(ids(index, URL, "https://Evil.Example:443")).containsExactly(id(1));
    assertThat(ids(index, URL, "http://[2001:DB8:0::1]:80/x")).containsExactly(id(2));
  }

  @Test
  void nonAsciiUrlPath() {
    IndicatorIndex index = index(indicator(1, URL, "http://evil.example/ünï"));
    assertThat(ids(index, URL, "http://EVIL.example/ünï")).containsExactly(id(1));
    assertThat(ids(index, URL, "http://evil.example/ÜNÏ")).isEmpty();
  }

  @Test
  void emailsCaseInsensitive() {
    IndicatorIndex index = index(indicator(1, EMAIL, "phish@evil.example"));
    assertThat(ids(index, EMAIL, "Phish@EVIL.example")).containsExactly(id(1));
    assertThat(ids(index, EMAIL, "\"Boss\" <phish@evil.example>")).containsExactly(id(1));
    assertThat(ids(index, EMAIL, "phish@evil.example.org")).isEmpty();
    assertThat(ids(index, EMAIL, "xphish@evil.example")).isEmpty();
  }

  @Test
  void hashesPerAlgorithmCaseInsensitive() {
    String md5 = "d41d8cd98f00b204e9800998ecf8427e";
    String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    String sha512 = sha256 + sha256.replace('e', 'a');
    IndicatorIndex index =
        index(
            indicator(1, MD5, md5),
            indicator(2, SHA1, sha1),
            indicator(3, SHA256, sha256),
            indicator(4, SHA512, sha512));
    assertThat(ids(index, MD5, md5.toUpperCase())).containsExactly(id(1));
    assertThat(ids(index, SHA1, sha1.toUpperCase())).containsExactly(id(2));
    assertThat(ids(index, SHA256, " " + sha256.toUpperCase())).containsExactly(id(3));
    assertThat(ids(index, SHA512, sha512)).containsExactly(id(4));
    assertThat(ids(index, SHA256, md5)).isEmpty();
    assertThat(ids(index, MD5, sha1.substring(0, 32))).isEmpty();
    assertThat(ids(index, SHA1, sha1.substring(0, 39) + "1"))
        .as("differs in short last word")
        .isEmpty();
    assertThat(ids(index, SHA512, sha512.substring(0, 127) + "0"))
        .as("differs in last word")
        .isEmpty();
    assertThat(ids(index, SHA256, sha256.substring(0, 63) + "g")).isEmpty();
    assertThat(ids(index, SHA256, "e3b0c44298fc1c14" + "０".repeat(48))).isEmpty();
  }

  @Test
  void validityWindowIncludesStartExcludesEnd() {
    Instant until = Instant.parse("2024-02-01T00:00:00Z");
    IndicatorIndex index =
        index(
            new Indicator(
                id(1),
                IPV4,
                "192.0.2.1",
                FROM,
                until,
                false,
                -1,
                Tlp.NONE,
                Attribution.NONE,
                Origin.file("test"),
                Provenance.of("test")));
    long from = FROM.toEpochMilli();
    assertThat(ids(index, IPV4, "192.0.2.1", from - 1)).isEmpty();
    assertThat(ids(index, IPV4, "192.0.2.1", from)).hasSize(1);
    assertThat(ids(index, IPV4, "192.0.2.1", until.toEpochMilli() - 1)).hasSize(1);
    assertThat(ids(index, IPV4, "192.0.2.1", until.toEpochMilli())).isEmpty();
  }

  @Test
  void subMillisecondBoundsAreExact() {
    Instant from = Instant.parse("2024-01-01T00:00:00.000500Z");
    Instant until = Instant.parse("2024-01-01T00:00:00.002500Z");
    IndicatorIndex index =
        index(
            new Indicator(
                id(1),
                DOMAIN,
                "evil.example",
                from,
                until,
                false,
                5,
                Tlp.RED,
                Attribution.NONE,
                Origin.file("test"),
                Provenance.of("test")));
    long ms = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    assertThat(ids(index, DOMAIN, "evil.example", ms)).isEmpty();
    assertThat(ids(index, DOMAIN, "evil.example", ms + 1)).hasSize(1);
    assertThat(ids(index, DOMAIN, "evil.example", ms + 2)).hasSize(1);
    assertThat(ids(index, DOMAIN, "evil.example", ms + 3)).isEmpty();
    assertThat(index.indicator(0).validFrom()).isEqualTo(from);
    assertThat(index.indicator(0).validUntil()).isEqualTo(until);
  }

  @Test
  void revokedNeverMatches() {
    IndicatorIndex index =
        index(
            new Indicator(
                id(1),
                IPV4,
                "192.0.2.1",
                FROM,
                null,
                true,
                90,
                Tlp.AMBER,
                Attribution.NONE,
                Origin.file("test"),
                Provenance.of("test")),
            indicator(2, IPV4, "192.0.2.1"));
    assertThat(ids(index, IPV4, "192.0.2.1")).containsExactly(id(2));
  }

  @Test
  void sharedValuesFromSeveralSourcesAllMatch() {
    IndicatorIndex index =
        index(
            indicator(1, IPV4, "192.0.2.1"),
            indicator(2, IPV4, "192.0.2.1"),
            indicator(3, IPV4, "192.0.2.1"),
            indicator(4, DOMAIN, "evil.example"),
            indicator(5, DOMAIN, "evil.example"),
            indicator(6, SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            indicator(7, SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"));
    assertThat(ids(index, IPV4, "192.0.2.1")).containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(ids(index, DOMAIN, "x.evil.example")).containsExactlyInAnyOrder(id(4), id(5));
    assertThat(ids(index, SHA1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"))
        .containsExactlyInAnyOrder(id(6), id(7));
  }

  @Test
  void indicatorRoundTripsEveryField() {
    Attribution apt =
        new Attribution(
            List.of(
                new Actor("Sandworm", "intrusion-set--1a2b3c4d-0000-4000-8000-000000000001", true)),
            List.of("Winter"),
            List.of("Industroyer"),
            List.of("T1071.001"));
    List<Indicator> added = new ArrayList<>();
    added.add(
        new Indicator(
            "indicator--0123abcd-ef01-4234-9567-89abcdef0123",
            IPV4,
            "203.0.113.0/24",
            Instant.parse("2023-03-04T05:06:07.123Z"),
            Instant.parse("2025-01-01T00:00:00Z"),
            true,
            0,
            Tlp.AMBER_STRICT,
            apt,
            Origin.file("test"),
            Provenance.of("test")));
    added.add(
        new Indicator(
            "indicator--ffffffff-ffff-4fff-bfff-ffffffffffff",
            IPV6,
            "2001:db8::/48",
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            null,
            false,
            -1,
            Tlp.NONE,
            Attribution.NONE,
            Origin.file("test"),
            Provenance.of("test")));
    String[][] values = {
      {"IPV4", "192.0.2.1"},
      {"IPV6", "2001:db8::1"},
      {"DOMAIN", "evil.example"},
      {"URL", "http://evil.example/ünï?q=1"},
      {"EMAIL", "phish@evil.example"},
      {"MD5", "d41d8cd98f00b204e9800998ecf8427e"},
      {"SHA1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {"SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"SHA512", "0123456789abcdef".repeat(8)},
    };
    Tlp[] tlps = Tlp.values();
    for (int i = 0; i < values.length; i++) {
      added.add(
          new Indicator(
              id(100 + i),
              ObservableType.valueOf(values[i][0]),
              values[i][1],
              FROM.plusSeconds(i),
              i % 2 == 0 ? null : FROM.plusSeconds(86_400L * (i + 1)),
              i % 3 == 0,
              i * 10,
              tlps[i % tlps.length],
              i % 2 == 0 ? apt : Attribution.NONE,
              Origin.file("test"),
              Provenance.of("test")));
    }
    IndicatorIndex.Builder b = IndicatorIndex.builder();
    added.forEach(b::add);
    IndicatorIndex index = b.build();
    assertThat(index.size()).isEqualTo(added.size());
    List<Indicator> rebuilt = new ArrayList<>();
    for (int e = 0; e < index.size(); e++) {
      rebuilt.add(index.indicator(e));
    }
    assertThat(rebuilt).containsExactlyInAnyOrderElementsOf(added);
  }

  @Test
  void indicatorRejectsOrdinalsOutOfRange() {
    IndicatorIndex index = index(indicator(1, IPV4, "192.0.2.1"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.indicator(1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void matchIsAtTheGivenTimeNotTheIndicatorsOwn() {
    IndicatorIndex index = index(indicator(1, IPV4, "192.0.2.1"));
    assertThat(ids(index, IPV4, "192.0.2.1", AT)).hasSize(1);
    assertThat(ids(index, IPV4, "192.0.2.1", Long.MIN_VALUE)).isEmpty();
  }
}
