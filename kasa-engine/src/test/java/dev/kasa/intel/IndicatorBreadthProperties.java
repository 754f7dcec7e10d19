package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The breadth verdict agrees with what the index would match: a range is refused exactly when it
 * would match the lowest and the highest IPv4 address, or every IPv6 address.
 */
class IndicatorBreadthProperties {
  @Provide
  Arbitrary<String> ipv6Network() {
    return Arbitraries.oneOf(
        Arbitraries.of("::", "::ffff:0:0", "::ffff:10.0.0.0", "2001:db8::", "8000::", "::1"),
        Arbitraries.longs()
            .tuple2()
            .map(
                t ->
                    String.format(
                        "%x:%x:%x:%x:%x:%x:%x:%x",
                        t.get1() >>> 48,
                        t.get1() >>> 32 & 0xffff,
                        t.get1() >>> 16 & 0xffff,
                        t.get1() & 0xffff,
                        t.get2() >>> 48,
                        t.get2() >>> 32 & 0xffff,
                        t.get2() >>> 16 & 0xffff,
                        t.get2() & 0xffff)));
  }

  static boolean matches(IndicatorIndex index, String address) {
    boolean[] hit = {false};
    index.match(ObservableType.IPV4, address, 0, e -> hit[0] = true);
    return hit[0];
  }

  static IndicatorIndex indexOf(ObservableType type, String value) {
    return IndicatorIndex.builder()
        .add(
            new Indicator(
                "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade",
                type,
                value,
                Instant.EPOCH,
                null,
                false,
                -1,
                dev.kasa.stix.Tlp.NONE,
                Attribution.NONE,
                Origin.file("test"),
                Provenance.of("test")))
        .build();
  }

  @Property(tries = 1000)
  void ipv6RangesAreRefusedExactlyWhenTheyMatchAllOfIpv4OrAllOfIpv6(
      @ForAll("ipv6Network") String network, @ForAll @IntRange(max = 128) int prefix) {
    String value = Observables.normalize(ObservableType.IPV6, network + "/" + prefix);
    IndicatorBreadth.Verdict v = IndicatorBreadth.of(ObservableType.IPV6, value);
    IndicatorIndex index = indexOf(ObservableType.IPV6, value);
    boolean allOfIpv4 = matches(index, "0.0.0.0") && matches(index, "255.255.255.255");
    boolean allOfIpv6 = matches(index, "::") && matches(index, "ffff:ffff:ffff:ffff::");
    assertThat(v != null && v.code() == ErrorCode.INVALID_INPUT).isEqualTo(allOfIpv4 || allOfIpv6);
    if (!allOfIpv4 && !allOfIpv6) {
      // By its bits, not its text: ::ffff:ffff:8000:0 (0:0:0:0:ffff:…) is not IPv4-mapped.
      long[] bits = new long[2];
      int slash = value.indexOf('/');
      assertThat(Addresses.parseIpv6(slash < 0 ? value : value.substring(0, slash), bits)).isTrue();
      boolean mapped = bits[0] == 0 && bits[1] >>> 32 == 0xffffL && prefix > 96;
      boolean broad = mapped ? prefix - 96 < 8 : prefix < 32;
      assertThat(v == null ? null : v.code()).isEqualTo(broad ? ErrorCode.INTEL_WARNING : null);
    }
  }

  @Property(tries = 300)
  void ipv4RangesAreRefusedAtSlashZeroAndWarnedBelowSlashEight(
      @ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 32) int prefix) {
    String value = Observables.normalize(ObservableType.IPV4, a + ".1.2.3/" + prefix);
    IndicatorBreadth.Verdict v = IndicatorBreadth.of(ObservableType.IPV4, value);
    ErrorCode expected =
        prefix == 0 ? ErrorCode.INVALID_INPUT : prefix < 8 ? ErrorCode.INTEL_WARNING : null;
    assertThat(v == null ? null : v.code()).isEqualTo(expected);
    if (v != null) {
      assertThat(v.message()).contains(value);
    }
  }
}
