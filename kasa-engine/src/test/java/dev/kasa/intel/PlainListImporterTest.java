package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kasa.ErrorCode;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.observable.ObservableType;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PlainListImporterTest {
  private static IntelLoaderCollector read(String text) {
    return read(new PlainListImporter(), text);
  }

  private static IntelLoaderCollector read(PlainListImporter importer, String text) {
    var sink = new IntelLoaderCollector();
    importer.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "list.txt", sink);
    return sink;
  }

  @Test
  void infersEveryTypeFromTheValue() {
    var sink =
        read(
            """
            203.0.113.7
            198.51.100.9/24
            2001:DB8:0:0:0:0:0:1
            2001:db8::/32
            D41D8CD98F00B204E9800998ECF8427E
            da39a3ee5e6b4b0d3255bfef95601890afd80709
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e
            Ops@Evil.Example
            HTTPS://Evil.Example:443/x
            Evil.Example.
            """);
    assertThat(sink.problems).isEmpty();
    assertThat(sink.indicators)
        .extracting(Indicator::type, Indicator::value)
        .containsExactly(
            tuple(ObservableType.IPV4, "203.0.113.7"),
            tuple(ObservableType.IPV4, "198.51.100.0/24"),
            tuple(ObservableType.IPV6, "2001:db8::1"),
            tuple(ObservableType.IPV6, "2001:db8::/32"),
            tuple(ObservableType.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
            tuple(ObservableType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            tuple(
                ObservableType.SHA256,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            tuple(
                ObservableType.SHA512,
                "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
            tuple(ObservableType.EMAIL, "ops@evil.example"),
            tuple(ObservableType.URL, "https://evil.example/x"),
            tuple(ObservableType.DOMAIN, "evil.example"));
  }

  @Test
  void skipsCommentsAndBlankLinesAndReadsCrlfAndBom() {
    var sink =
        read(
            "\uFEFF# header comment\r\n"
                + "\r\n"
                + "   \t\r\n"
                + "  evil.example   # trailing comment\r\n"
                + "    # indented comment\r\n"
                + "http://evil.example/page#frag\r\n"
                + "203.0.113.7");
    assertThat(sink.problems).isEmpty();
    assertThat(sink.values())
        .containsExactly("evil.example", "http://evil.example/page#frag", "203.0.113.7");
  }

  @Test
  void reportsUntypableLinesWithFileAndLineAndGoesOn() {
    var sink = read("evil.example\nnot a value\n\n???\n203.0.113.7\n");
    assertThat(sink.values()).containsExactly("evil.example", "203.0.113.7");
    assertThat(sink.problems)
        .containsExactly(
            new Problem(
                ErrorCode.INVALID_INPUT,
                new FilePosition("list.txt", 2, 0),
                "cannot tell the type of 'not a value'"),
            new Problem(
                ErrorCode.INVALID_INPUT,
                new FilePosition("list.txt", 4, 0),
                "cannot tell the type of '???'"));
  }

  @Test
  void reportsOverlongLinesAndReadsTheNextOne() {
    String longLine = "a".repeat(PlainListImporter.MAX_LINE_CHARS * 3);
    var sink = read("evil.example\n" + longLine + "\n203.0.113.7\n");
    assertThat(sink.values()).containsExactly("evil.example", "203.0.113.7");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo("list.txt:2");
              assertThat(p.message()).contains("longer than");
            });
  }

  @Test
  void indicatorsAreAlwaysValidUnattributedAndCarryTheConfiguredTlp() {
    var amber = read(new PlainListImporter(Tlp.AMBER), "evil.example\n").indicators.get(0);
    assertThat(amber.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(amber.validFrom()).isEqualTo(Instant.EPOCH);
    assertThat(amber.validUntil()).isNull();
    assertThat(amber.revoked()).isFalse();
    assertThat(amber.confidence()).isEqualTo(-1);
    assertThat(amber.attribution()).isSameAs(Attribution.NONE);
    assertThat(read("evil.example").indicators.get(0).tlp()).isEqualTo(Tlp.NONE);
  }

  @Test
  void idsAreNameBasedOnTheNormalisedValue() {
    var first = read("Evil.Example.\n203.0.113.7\n").indicators;
    var second = read("# another list\nevil.example\n").indicators;
    assertThat(first.get(0).id()).isEqualTo(second.get(0).id());
    assertThat(first.get(0).id()).isNotEqualTo(first.get(1).id());
    assertThat(first.get(0).id())
        .matches("indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab].*");
  }

  @Test
  void uuid5MatchesTheRfcExample() {
    // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
    String id =
        new PlainListIds().uuid5(0x6ba7b8109dad11d1L, 0x80b400c04fd430c8L, "www.example.com");
    assertThat(id).isEqualTo("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  }

  @Property
  void neverThrowsOnArbitraryBytesAndReportsWhatItSkips(@ForAll @Size(max = 400) byte[] bytes) {
    var sink = new IntelLoaderCollector();
    new PlainListImporter().read(new ByteArrayInputStream(bytes), "fuzz", sink);
    assertThat(sink.problems).allSatisfy(p -> assertThat(p.where().toString()).startsWith("fuzz:"));
  }
}
