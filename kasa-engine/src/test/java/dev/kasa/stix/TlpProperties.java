package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The TLP rules against an oracle written from them: an object's TLP is the most restrictive level
 * of the standard ids among its object and granular markings; a marking definition is rejected
 * exactly when it presents a TLP under another id or restates a standard id's level wrongly.
 */
class TlpProperties {
  private static final Map<String, Tlp> STANDARD =
      Map.of(
          TlpTest.TLP1_WHITE, Tlp.CLEAR,
          TlpTest.TLP1_GREEN, Tlp.GREEN,
          TlpTest.TLP1_AMBER, Tlp.AMBER,
          TlpTest.TLP1_RED, Tlp.RED,
          TlpTest.TLP2_CLEAR, Tlp.CLEAR,
          TlpTest.TLP2_GREEN, Tlp.GREEN,
          TlpTest.TLP2_AMBER, Tlp.AMBER,
          TlpTest.TLP2_AMBER_STRICT, Tlp.AMBER_STRICT,
          TlpTest.TLP2_RED, Tlp.RED);
  private static final List<String> OTHER =
      List.of(TlpTest.CUSTOM, "marking-definition--0000bbbb-aaaa-4aaa-8aaa-aaaaaaaaaaaa");

  @Provide
  Arbitrary<String> refs() {
    return Arbitraries.oneOf(Arbitraries.of(List.copyOf(STANDARD.keySet())), Arbitraries.of(OTHER));
  }

  @Provide
  Arbitrary<List<String>> refLists() {
    return refs().list().ofMaxSize(4);
  }

  @Property(tries = 500)
  void theTlpIsTheMostRestrictiveStandardId(
      @ForAll("refLists") List<String> object, @ForAll("refLists") List<String> granular) {
    StringBuilder g = new StringBuilder("[");
    for (String ref : granular) {
      g.append(g.length() > 1 ? "," : "")
          .append("{`marking_ref`:`")
          .append(ref)
          .append("`,`selectors`:[`name`]}");
    }
    String json =
        "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--a932fcc6-e032-476c-826f-cb970a5a1ade`,"
            + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,`pattern`:`[ipv4-addr:value"
            + " = '1.2.3.4']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`"
            + (object.isEmpty()
                ? ""
                : ",`object_marking_refs`:[`" + String.join("`,`", object) + "`]")
            + (granular.isEmpty() ? "" : ",`granular_markings`:" + g + "]")
            + "}";
    StixEntry e = StixJson.entries(StixJson.bundle(json)).get(0);
    assertThat(e.errors()).isEmpty();
    Tlp expected = Tlp.NONE;
    List<String> all = new ArrayList<>(object);
    all.addAll(granular);
    for (String ref : all) {
      expected = expected.max(STANDARD.getOrDefault(ref, Tlp.NONE));
    }
    assertThat(Tlp.of(e.object().common())).isEqualTo(expected);
  }

  record Definition(String id, String type, String level, boolean extension, String name) {}

  @Provide
  Arbitrary<Definition> definitions() {
    return Combinators.combine(
            refs(),
            Arbitraries.of("tlp", "TLP", "statement"),
            Arbitraries.of("white", "clear", "green", "amber", "amber+strict", "red", "purple"),
            Arbitraries.of(true, false),
            Arbitraries.of("", "TLP:GREEN", "Copyright"))
        .as(Definition::new);
  }

  @Property(tries = 1000)
  void aDefinitionIsRejectedExactlyWhenItMisstatesATlp(@ForAll("definitions") Definition d) {
    boolean typeTlp = d.type().equalsIgnoreCase("tlp");
    String json =
        "{`type`:`marking-definition`,`spec_version`:`2.1`,`id`:`"
            + d.id()
            + "`,`created`:`2022-10-01T00:00:00.000Z`"
            + (d.name().isEmpty() ? "" : ",`name`:`" + d.name() + "`")
            + ",`definition_type`:`"
            + d.type()
            + "`,`definition`:"
            + (typeTlp ? "{`tlp`:`" + d.level() + "`}" : "{`statement`:`x`}")
            + (d.extension()
                ? ",`extensions`:{`"
                    + Tlp.TLP2_EXTENSION
                    + "`:{`extension_type`:`property-extension`,`tlp_2_0`:`"
                    + d.level()
                    + "`}}"
                : "")
            + "}";
    List<Problem> errors = StixJson.errorsOf(json);
    Tlp standard = STANDARD.get(d.id());
    boolean presents = typeTlp || d.extension() || d.name().startsWith("TLP:");
    Optional<Tlp> stated = Tlp.ofLabel(d.level());
    boolean expectRejected =
        standard == null
            ? presents
            : (typeTlp || d.extension()) && (stated.isEmpty() || stated.get() != standard);
    assertThat(!errors.isEmpty()).as("%s -> %s", d, errors).isEqualTo(expectRejected);
  }
}
