package dev.kasa.observable;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        "1",
        "1:",
        ":1",
        ":::",
        "1:::2",
        "1::2::3",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "12345::",
        "g::",
        "1:2:3:4:5:6:7:1.2.3.4",
        "::1.2.3",
        "::1.2.3.256",
        "::01.2.3.4",
        "1.2.3.4",
        "::%",
        "１::",
        "::１",
        "1: :2"
      })
  void rejectsWhatIsNotExactlyAnIpv6Address(String text) {
    assertThat(Addresses.parseIpv6(text, new long[2])).as(text).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "::",
        "::1",
        "1::",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4",
        "::ffff:192.0.2.1",
        "::192.0.2.1",
        "1::192.0.2.1",
        "FE80::1%eth0",
        "2001:DB8:0:0:0:0:0:1",
        "2001:db8:0::1:0:0",
        "1:0:0:2::3"
      })
  void agreesWithTheJdkOnValidAddresses(String text) throws Exception {
    long[] out = new long[2];
    assertThat(Addresses.parseIpv6(text, out)).as(text).isTrue();
    assertThat(toBig(out)).as(text).isEqualTo(jdk(text));
  }

  @Property(tries = 500)
  void parsesEveryTextFormOfRandomAddresses(@ForAll("addresses") BigInteger address)
      throws Exception {
    long hi = address.shiftRight(64).longValue();
    long lo = address.longValue();
    String canonical = Addresses.formatIpv6(hi, lo);
    String full = fullForm(address);
    String jdkForm = InetAddress.getByName(canonical).getHostAddress();
    if (jdkForm.indexOf(':') < 0) {
      // The JDK renders ::ffff:a.b.c.d as plain IPv4.
      jdkForm = "::ffff:" + jdkForm;
    }
    for (String text : new String[] {canonical, full, full.toUpperCase(Locale.ROOT), jdkForm}) {
      long[] out = new long[2];
      assertThat(Addresses.parseIpv6(text, out)).as(text).isTrue();
      assertThat(toBig(out)).as(text).isEqualTo(address);
    }
    assertThat(canonical).isEqualTo(canonical.toLowerCase(Locale.ROOT));
    assertThat(canonical.length()).isLessThanOrEqualTo(full.length());
  }

  @Property(tries = 300)
  void embeddedIpv4TailIsTheLow32Bits(@ForAll("addresses") BigInteger address) {
    long hi = address.shiftRight(64).longValue();
    long lo = address.longValue();
    String full = fullForm(address);
    String head = full.substring(0, full.lastIndexOf(':', full.lastIndexOf(':') - 1) + 1);
    String text = head + Addresses.formatIpv4(lo & 0xffff_ffffL);
    long[] out = new long[2];
    assertThat(Addresses.parseIpv6(text, out)).as(text).isTrue();
    assertThat(out).containsExactly(hi, lo);
  }

  @Provide
  Arbitrary<BigInteger> addresses() {
    // Groups drawn mostly from zero so that runs of zeros (and "::") are common.
    return Arbitraries.of(0, 0, 0, 1, 0xffff, 0xdb8, 0x8000)
        .list()
        .ofSize(8)
        .map(
            g -> {
              BigInteger v = BigInteger.ZERO;
              for (int x : g) {
                v = v.shiftLeft(16).or(BigInteger.valueOf(x));
              }
              return v;
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.1.1.1",
        "1..2.3",
        "1.2.3.",
        "a.b.c.d",
        "1.2.3.4 "
      })
  void rejectsWhatIsNotExactlyAnIpv4Address(String text) {
    assertThat(Addresses.parseIpv4(text)).as(text).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.0.2.1", "10.0.0.10"})
  void ipv4RoundTrips(String text) {
    assertThat(Addresses.formatIpv4(Addresses.parseIpv4(text))).isEqualTo(text);
  }

  private static String fullForm(BigInteger v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 7; i >= 0; i--) {
      sb.append(Integer.toHexString(v.shiftRight(16 * i).intValue() & 0xffff));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }

  private static BigInteger toBig(long[] out) {
    return new BigInteger(Long.toUnsignedString(out[0]))
        .shiftLeft(64)
        .or(new BigInteger(Long.toUnsignedString(out[1])));
  }

  private static BigInteger jdk(String text) throws Exception {
    int zone = text.indexOf('%');
    InetAddress a = InetAddress.getByName(zone < 0 ? text : text.substring(0, zone));
    byte[] bytes = a.getAddress();
    if (!(a instanceof Inet6Address)) {
      // The JDK turns ::ffff:a.b.c.d into an Inet4Address.
      return BigInteger.valueOf(0xffffL).shiftLeft(32).or(new BigInteger(1, bytes));
    }
    return new BigInteger(1, bytes);
  }
}
