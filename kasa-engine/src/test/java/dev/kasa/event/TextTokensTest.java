package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The words of free text that may be observables, and what a TEXT field reports. */
class TextTokensTest {
  static List<String> words(String text) {
    var out = new ArrayList<String>();
    TextTokens.each(text, out::add);
    return out;
  }

  @Example
  void aFirewallLineGivesItsAddressesDomainsAndUrl() {
    assertThat(
            words(
                "deny tcp src=10.0.0.5:51234 dst=203.0.113.7:443 (host \"evil.example.com\")"
                    + " url=http://x.example/a?b=1&c=2, done."))
        .containsExactly(
            "deny",
            "tcp",
            "src",
            "10.0.0.5:51234",
            "dst",
            "203.0.113.7:443",
            "host",
            "evil.example.com",
            "url",
            "http://x.example/a?b=1&c=2",
            "done");
  }

  @Example
  void theEndOfASentenceAndBracketsAreNotPartOfAWord() {
    assertThat(words("blocked [2001:db8::1]:443; next hop 198.51.100.1."))
        .containsExactly("blocked", "2001:db8::1", ":443", "next", "hop", "198.51.100.1");
  }

  @Example
  void aTextFieldReportsEachKindOfObservable() {
    String hash = "d41d8cd98f00b204e9800998ecf8427e";
    String line =
        "{\"message\":\"fw: deny 203.0.113.7:443 -> 10.0.0.5 for bad.example.org file "
            + hash
            + " from mallory@bad.example.org via https://bad.example.org/x?y=1\"}\n";
    var r = scanAsText(line);
    assertThat(r.observables())
        .contains(
            "1 message IPV4 203.0.113.7",
            "1 message IPV4 10.0.0.5",
            "1 message DOMAIN bad.example.org",
            "1 message MD5 " + hash,
            "1 message EMAIL mallory@bad.example.org",
            "1 message URL https://bad.example.org/x?y=1")
        .noneMatch(o -> o.contains(" DOMAIN fw") || o.contains(" DOMAIN deny"));
  }

  @Example
  void aSlashOutsideAUrlSplitsWords() {
    assertThat(
            words("Built outside:203.0.113.7/443 to inside:10.0.0.5/51234 get evil.example/a.php"))
        .containsExactly(
            "Built",
            "outside:203.0.113.7",
            "443",
            "inside:10.0.0.5",
            "51234",
            "get",
            "evil.example",
            "a.php");
  }

  @Example
  void aFirewallsInterfaceAndPortAroundAnAddressStillGiveTheAddress() {
    String line =
        "{\"message\":\"%ASA-6-302013: Built outbound TCP connection 7 for"
            + " outside:203.0.113.7/443 (203.0.113.7/443) to inside:10.0.0.5/51234;"
            + " fetched evil.example/a.php from proxy:bad.example.org\"}\n";
    var r = scanAsText(line);
    assertThat(r.observables())
        .contains(
            "1 message IPV4 203.0.113.7",
            "1 message IPV4 10.0.0.5",
            "1 message DOMAIN evil.example",
            "1 message DOMAIN bad.example.org")
        .noneMatch(o -> o.contains(" DOMAIN outside") || o.contains(" DOMAIN proxy"));
  }

  @Property
  void anObservableAmongSeparatorsIsOneWord(
      @ForAll("observables") String observable,
      @ForAll("separators") String before,
      @ForAll("separators") String after) {
    assertThat(words("noise" + before + observable + after + "tail")).contains(observable);
  }

  @Property
  void wordsAreBoundedAndNeverEmpty(@ForAll String text) {
    List<String> w = words(text);
    assertThat(w.size()).isLessThanOrEqualTo(TextTokens.MAX_TOKENS);
    assertThat(w).allMatch(x -> x.length() >= 3 && x.length() <= TextTokens.MAX_CHARS);
  }

  @Provide
  Arbitrary<String> observables() {
    return Arbitraries.of(
        "203.0.113.7",
        "203.0.113.7:8443",
        "evil.example.com",
        "http://a.example/p?q=1&r=2",
        "hxxp-free.example.net",
        "d41d8cd98f00b204e9800998ecf8427e",
        "2001:db8::7");
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.strings().withChars(" \t\"'(),;|<>[]{}").ofMinLength(1).ofMaxLength(3);
  }

  /** Scans one NDJSON line whose {@code message} the field map reads as free text. */
  private static Scans.Result scanAsText(String line) {
    return Scans.scan(
        Scans.options()
            .withForcedFormat(EventFormat.NDJSON)
            .withFieldMaps(
                FieldMaps.defaults()
                    .overriddenBy(FieldMaps.parse("[ndjson]\nmessage = TEXT\n", "t.map"))),
        new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "-");
  }
}
