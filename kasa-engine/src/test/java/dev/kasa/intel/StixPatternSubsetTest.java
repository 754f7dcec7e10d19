package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.intel.StixPatternSubset.Invalid;
import dev.kasa.intel.StixPatternSubset.Pending;
import dev.kasa.intel.StixPatternSubset.Supported;
import dev.kasa.intel.StixPatternSubset.Term;
import dev.kasa.observable.ObservableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StixPatternSubsetTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[ipv4-addr:value = '198.51.100.0/24'] | IPV4 | 198.51.100.0/24",
        "[ipv6-addr:value = '2001:db8::1'] | IPV6 | 2001:db8::1",
        "[domain-name:value = 'evil.example'] | DOMAIN | evil.example",
        "[url:value = 'http://evil.example/a'] | URL | http://evil.example/a",
        "[email-addr:value = 'a@evil.example'] | EMAIL | a@evil.example",
        "[email-message:from_ref.value = 'a@evil.example'] | EMAIL | a@evil.example",
        "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e'] | MD5 |"
            + " d41d8cd98f00b204e9800998ecf8427e",
        "[file:hashes.'SHA-1' = 'aa'] | SHA1 | aa",
        "[file:hashes.SHA1 = 'aa'] | SHA1 | aa",
        "[file:hashes.'SHA-256' = 'aa'] | SHA256 | aa",
        "[file:hashes.SHA256 = 'aa'] | SHA256 | aa",
        "[file:hashes.'SHA-512' = 'aa'] | SHA512 | aa",
        "[file:hashes.SHA512 = 'aa'] | SHA512 | aa",
      })
  void singleComparisons(String pattern, ObservableType type, String value) {
    assertThat(StixPatternSubset.parse(pattern))
        .isInstanceOfSatisfying(
            Supported.class,
            s ->
                assertThat(s.terms())
                    .extracting(Term::type, Term::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(type, value)));
  }

  @Test
  void whitespaceAndEscapes() {
    assertThat(StixPatternSubset.parse("  [ domain-name:value\t=\n'x.example' ]  "))
        .isEqualTo(
            new Supported(
                java.util.List.of(
                    new Term(ObservableType.DOMAIN, "domain-name:value", "x.example"))));
    assertThat(StixPatternSubset.parse("[url:value = 'http://x.example/it\\'s\\\\here']"))
        .isEqualTo(
            new Supported(
                java.util.List.of(
                    new Term(ObservableType.URL, "url:value", "http://x.example/it's\\here"))));
  }

  @Test
  void orInsideAndAcrossObservationsWithParentheses() {
    var r =
        StixPatternSubset.parse(
            "([ipv4-addr:value = '1.2.3.4' OR domain-name:value = 'a.example'] OR "
                + "[url:value = 'http://b.example/']) OR [(file:hashes.MD5 = 'cc')]");
    assertThat(r)
        .isInstanceOfSatisfying(
            Supported.class,
            s ->
                assertThat(s.terms())
                    .extracting(Term::value)
                    .containsExactly("1.2.3.4", "a.example", "http://b.example/", "cc"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[network-traffic:dst_ref.value = '203.0.113.80' AND network-traffic:dst_port = 443]"
            + " | IPV4 | 203.0.113.80 | DESTINATION | 443",
        "[network-traffic:dst_port = 443 AND network-traffic:dst_ref.value = '203.0.113.80']"
            + " | IPV4 | 203.0.113.80 | DESTINATION | 443",
        "[ network-traffic:src_ref.value='2001:db8::1'AND network-traffic:src_port=0 ]"
            + " | IPV6 | 2001:db8::1 | SOURCE | 0",
        "[network-traffic:src_port = 65535 AND network-traffic:src_ref.value = '10.0.0.0/8']"
            + " | IPV4 | 10.0.0.0/8 | SOURCE | 65535",
      })
  void addressAndPortOfOneSide(
      String pattern, ObservableType type, String value, PortConstraint.Side side, int port) {
    assertThat(StixPatternSubset.parse(pattern))
        .isInstanceOfSatisfying(
            Supported.class,
            s ->
                assertThat(s.terms())
                    .extracting(Term::type, Term::value, Term::port)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            type, value, new PortConstraint(side, port))));
  }

  @Test
  void addressAndPortObservationsJoinByOr() {
    var r =
        StixPatternSubset.parse(
            "[network-traffic:dst_ref.value = '192.0.2.1' AND network-traffic:dst_port = 80]"
                + " OR [ipv4-addr:value = '192.0.2.2']");
    assertThat(r)
        .isInstanceOfSatisfying(
            Supported.class,
            s ->
                assertThat(s.terms())
                    .extracting(Term::value, Term::port)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "192.0.2.1", new PortConstraint(PortConstraint.Side.DESTINATION, 80)),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.2", null)));
  }

  @Test
  void aPatternKasaWritesReadsBackToTheSameObservableAndPort() {
    for (var port :
        new PortConstraint[] {
          null,
          new PortConstraint(PortConstraint.Side.SOURCE, 53),
          new PortConstraint(PortConstraint.Side.DESTINATION, 443)
        }) {
      var i =
          new Indicator(
              "indicator--00000000-0000-4000-8000-000000000001",
              ObservableType.IPV4,
              "198.51.100.7",
              java.time.Instant.EPOCH,
              null,
              false,
              -1,
              dev.kasa.stix.Tlp.NONE,
              Attribution.NONE,
              Origin.file("t"),
              Provenance.of("t"),
              port);
      assertThat(StixPatternSubset.parse(StixPatternText.of(i)))
          .isEqualTo(
              new Supported(
                  java.util.List.of(
                      new Term(
                          ObservableType.IPV4,
                          port == null
                              ? "ipv4-addr:value"
                              : "network-traffic:"
                                  + (port.side() == PortConstraint.Side.SOURCE ? "src" : "dst")
                                  + "_ref.value",
                          "198.51.100.7",
                          port))));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:src_port = 443]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 65536]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = -1]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = '443']",
        "[network-traffic:dst_ref.value = '1.2.3.4' OR network-traffic:dst_port = 443]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port != 443]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443"
            + " AND network-traffic:protocols[*] = 'tcp']",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443]"
            + " WITHIN 5 SECONDS",
        "[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'a.example']",
        "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']",
        "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'a.example']",
        "[ipv4-addr:value != '1.2.3.4']",
        "[domain-name:value LIKE '%.example']",
        "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
        "[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS",
        "[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES",
        "[ipv4-addr:value = '1.2.3.4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[process:name = 'evil.exe']",
        "[file:hashes.'SSDEEP' = 'x']",
        "[network-traffic:dst_ref.value = '1.2.3.4']",
        "[file:name IN ('a', 'b')]",
        "[NOT ipv4-addr:value = '1.2.3.4']",
        "[ipv4-addr:value = 5]",
        "[windows-registry-key:values[*].name = 'x']",
      })
  void everythingElseIsPending(String pattern) {
    assertThat(StixPatternSubset.parse(pattern)).isInstanceOf(Pending.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[ipv4-addr:value = '1.2.3.4' | 29",
        "ipv4-addr:value = '1.2.3.4'] | 28",
        "[ipv4-addr:value = 1) | 21",
        "[url:value = 'a\\x'] | 16",
        "[url:value = 'abc] | 14",
        "[url:value = 'x' ; ] | 18",
        "'' | 1",
      })
  void untokenisableOrUnbalancedIsInvalidWithColumn(String pattern, int column) {
    assertThat(StixPatternSubset.parse(pattern.equals("''") ? "  " : pattern))
        .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.column()).isEqualTo(column));
  }

  @Test
  void nestingDeeperThanTheLimitIsInvalidInsteadOfOverflowingTheStack() {
    String atom = "[ipv4-addr:value = '1.2.3.4']";
    int limit = 100; // StixPatternSubset.MAX_NESTING
    assertThat(StixPatternSubset.parse("(".repeat(limit - 1) + atom + ")".repeat(limit - 1)))
        .isInstanceOf(Supported.class);
    for (String deep :
        new String[] {
          "(".repeat(10_000) + atom + ")".repeat(10_000),
          "[" + "(".repeat(10_000) + "ipv4-addr:value = '1.2.3.4'" + ")".repeat(10_000) + "]",
          "(".repeat(limit) + atom + ")".repeat(limit),
          "(".repeat(100_000),
        }) {
      assertThat(StixPatternSubset.parse(deep))
          .isInstanceOfSatisfying(
              Invalid.class, i -> assertThat(i.message()).contains("nested deeper than " + limit));
    }
  }
}
