package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A poisoned feed cannot make every event a hit without a word: an address range that matches every
 * IPv4 or every IPv6 address is refused, and one that matches a large share of them is loaded with
 * a warning naming it, whatever the format.
 */
class BroadRangeTest {
  /** Ranges that match every address of a family (IPv4 through its IPv4-mapped IPv6 form too). */
  static final List<String> EVERYTHING =
      List.of(
          "0.0.0.0/0", "1.2.3.4/0", "::/0", "::/64", "::/8", "::ffff:0.0.0.0/96", "::ffff:0:0/80");

  /** Ranges loaded with a warning, and the canonical value the warning names. */
  static final List<String> BROAD =
      List.of("10.0.0.0/7", "128.0.0.0/1", "2001::/16", "8000::/1", "::ffff:10.0.0.0/103");

  /** Ranges loaded without a word. */
  static final List<String> NARROW =
      List.of("10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32", "::ffff:10.0.0.0/104", "::/96");

  static IntelLoaderCollector plainList(String... lines) {
    var sink = new IntelLoaderCollector();
    new PlainListImporter()
        .read(
            new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
            "l.txt",
            sink);
    return sink;
  }

  @Test
  void plainListsRefuseEverythingAndWarnAboutBroadRanges() {
    for (String range : EVERYTHING) {
      var sink = plainList("203.0.113.7", range, "198.51.100.7");
      assertThat(sink.values()).as(range).containsExactly("203.0.113.7", "198.51.100.7");
      assertThat(sink.problems)
          .as(range)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(p.where().toString()).isEqualTo("l.txt:2");
                assertThat(p.message()).contains("every");
              });
    }
    for (String range : BROAD) {
      var sink = plainList(range);
      assertThat(sink.indicators).as(range).hasSize(1);
      String value = sink.indicators.get(0).value();
      assertThat(sink.problems)
          .as(range)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo(ErrorCode.INTEL_WARNING);
                assertThat(p.where().toString()).isEqualTo("l.txt:1");
                assertThat(p.message()).contains(value);
              });
    }
    var narrow = plainList(NARROW.toArray(String[]::new));
    assertThat(narrow.problems).isEmpty();
    assertThat(narrow.indicators).hasSize(NARROW.size());
  }

  static IntelLoaderCollector misp(String type, String value) {
    String json =
        "{`Event`:{`info`:`x`,`Attribute`:[{`type`:`domain`,`to_ids`:true,`value`:`a.example`},"
            + "{`type`:`"
            + type
            + "`,`to_ids`:true,`value`:`"
            + value
            + "`}]}}";
    var sink = new IntelLoaderCollector();
    new MispImporter()
        .read(
            new ByteArrayInputStream(json.replace('`', '"').getBytes(StandardCharsets.UTF_8)),
            "m.json",
            sink);
    return sink;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ip-dst", "ip-src", "ip-dst|port", "domain|ip"})
  void mispAttributesRefuseEverythingAndWarnAboutBroadRanges(String type) {
    String prefix = type.equals("domain|ip") ? "b.example|" : "";
    String suffix = type.equals("ip-dst|port") ? "|443" : "";
    var refused = misp(type, prefix + "0.0.0.0/0" + suffix);
    assertThat(refused.values()).doesNotContain("0.0.0.0/0").contains("a.example");
    assertThat(refused.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(tuple(ErrorCode.INVALID_INPUT, "m.json#Event.Attribute[1]"));
    var warned = misp(type, prefix + "2001::/16" + suffix);
    assertThat(warned.values()).contains("2001::/16");
    assertThat(warned.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(tuple(ErrorCode.INTEL_WARNING, "m.json#Event.Attribute[1]"));
    assertThat(warned.problems.get(0).message()).contains("2001::/16");
  }

  @Test
  void stixPatternsRefuseEverythingAndWarnAboutBroadRanges() {
    String id = "indicator--c932fcc6-e032-476c-826f-cb970a5a1ade";
    StixBundleImporterTest.Collect c =
        StixBundleImporterTest.run(
            StixBundleImporterTest.indicator(
                id,
                "[ipv4-addr:value = '0.0.0.0/0' OR domain-name:value = 'a.example'] OR "
                    + "[ipv6-addr:value = '::/0'] OR [ipv6-addr:value = '2001::/16']",
                ""));
    assertThat(c.indicators).extracting(Indicator::value).containsExactly("a.example", "2001::/16");
    assertThat(c.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(
            tuple(ErrorCode.INVALID_INPUT, "b.json#objects[0].pattern"),
            tuple(ErrorCode.INVALID_INPUT, "b.json#objects[0].pattern"),
            tuple(ErrorCode.INTEL_WARNING, "b.json#objects[0].pattern"));
    assertThat(c.problems)
        .allSatisfy(p -> assertThat(p.message()).contains(id))
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("0.0.0.0/0"))
        .anySatisfy(m -> assertThat(m).contains("::/0"))
        .anySatisfy(m -> assertThat(m).contains("2001::/16"));
  }
}
