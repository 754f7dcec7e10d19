package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.observable.Addresses;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Ranges cover exactly the addresses whose leading bits equal the range's. */
class AddressRangesPropertyTest {
  @Property
  void anIpv4AddressIsCoveredExactlyWhenItsPrefixMatches(
      @ForAll @LongRange(min = 0, max = 0xffffffffL) long network,
      @ForAll @IntRange(min = 0, max = 32) int length,
      @ForAll @LongRange(min = 0, max = 0xffffffffL) long address) {
    var ranges = new AddressRanges();
    assertThat(ranges.add(Addresses.formatIpv4(network) + "/" + length)).isTrue();
    long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
    boolean inside = (network & mask) == (address & mask);
    assertThat(ranges.covers(Addresses.formatIpv4(address))).isEqualTo(inside);
    assertThat(ranges.covers(Addresses.formatIpv4(network & mask) + "/" + length)).isTrue();
  }

  @Property
  void arbitraryTextNeverThrows(@ForAll String text) {
    var ranges = new AddressRanges();
    ranges.add("10.0.0.0/8");
    ranges.covers(text);
    assertThat(ranges.add(text)).isIn(true, false);
  }
}
