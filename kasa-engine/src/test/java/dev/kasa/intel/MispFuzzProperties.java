package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * MISP documents with one hostile event among good ones: deep nesting, long names and numbers,
 * fields of the wrong JSON type, big repetition. Only problems come out, and the good events are
 * always read.
 */
class MispFuzzProperties {
  @Provide
  Arbitrary<String> hostileValue() {
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 3_000).edgeCases(e -> e.add(95));
    return Arbitraries.oneOf(
        depth.map(n -> "[".repeat(n) + "]".repeat(n)),
        depth.map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
        depth.map(n -> "[{\"name\":[".repeat(n) + "\"tlp:red\"" + "]}]".repeat(n)),
        Arbitraries.integers().between(1, 3_000).map(n -> "9".repeat(n)),
        Arbitraries.integers()
            .between(1, 50_000)
            .map(n -> "[" + "{\"name\":\"tlp:amber\"},".repeat(n) + "\"tlp:red\"]"),
        Arbitraries.integers()
            .between(1, 20_000)
            .map(
                n ->
                    "["
                        + "{\"type\":\"ip-dst\",\"to_ids\":true,\"value\":\"192.0.2.7\"},".repeat(n)
                        + "{}]"),
        Arbitraries.of(
            "5",
            "true",
            "false",
            "null",
            "{}",
            "[]",
            "\"\"",
            "\"tlp:red\"",
            "[\"tlp:red\",5]",
            "{\"name\":\"tlp:red\"}",
            "{\"name\":5}",
            "[{\"name\":null}]",
            "\"yes\"",
            "[1,{}]"));
  }

  @Provide
  Arbitrary<String> hostileName() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "Tag",
            "Galaxy",
            "deleted",
            "to_ids",
            "first_seen",
            "last_seen",
            "value",
            "type",
            "uuid",
            "Object",
            "Attribute",
            "x"),
        Arbitraries.integers().between(1, 70_000).map(n -> "x_" + "n".repeat(n)));
  }

  @Property(tries = 300)
  void oneHostileFieldNeverCostsTheOtherEvents(
      @ForAll("hostileName") String name,
      @ForAll("hostileValue") String value,
      @ForAll boolean onTheEvent) {
    String field = "\"" + name + "\":" + value;
    String attribute =
        "{\"type\":\"ip-dst\",\"to_ids\":true,\"value\":\"192.0.2.9\""
            + (onTheEvent ? "" : "," + field)
            + "}";
    String hostile =
        "{\"Event\":{\"info\":\"x\""
            + (onTheEvent ? "," + field : "")
            + ",\"Attribute\":["
            + attribute
            + "]}}";
    String json = "[" + good("192.0.2.1") + "," + hostile + "," + good("192.0.2.2") + "]";
    var sink = new IntelLoaderCollector();
    new MispImporter()
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m", sink);
    assertThat(sink.values()).contains("192.0.2.1", "192.0.2.2");
    assertThat(sink.problems).allSatisfy(p -> assertThat(p.where().toString()).startsWith("m"));
  }

  private static String good(String address) {
    return "{\"Event\":{\"info\":\"x\",\"Attribute\":[{\"type\":\"ip-dst\",\"to_ids\":true,"
        + "\"value\":\""
        + address
        + "\"}]}}";
  }
}
