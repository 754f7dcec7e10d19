package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MISP fields in the shapes MISP and its exporters produce are read; a field that cannot be read is
 * reported, and a TLP that cannot be read never leaves an indicator less restricted.
 */
class MispSilentLossTest {
  static IntelLoaderCollector read(String json) {
    var sink = new IntelLoaderCollector();
    new MispImporter()
        .read(
            new ByteArrayInputStream(json.replace('`', '"').getBytes(StandardCharsets.UTF_8)),
            "m.json",
            sink);
    return sink;
  }

  static String event(String eventFields, String attributeFields) {
    return "{`Event`:{`info`:`x`"
        + eventFields
        + ",`Attribute`:[{`type`:`ip-dst`,`to_ids`:true,`value`:`192.0.2.1`"
        + attributeFields
        + "}]}}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "`tlp:red`",
        "{`name`:`tlp:red`}",
        "[`tlp:red`,`osint`]",
        "[{`name`:`osint`},{`name`:`TLP:RED`}]",
        "[`osint`,{`name`:`tlp:red`}]"
      })
  void everyTagShapeMispProducesCarriesItsTlp(String tags) {
    for (String json :
        new String[] {event(",`Tag`:" + tags, ""), event(",`Tag`:`tlp:green`", ",`Tag`:" + tags)}) {
      var sink = read(json);
      assertThat(sink.problems).isEmpty();
      assertThat(sink.indicators)
          .singleElement()
          .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
    }
  }

  @Test
  void galaxyTagsAsStringsGiveTheirActor() {
    var sink = read(event(",`Tag`:`misp-galaxy:threat-actor=\\`Sofacy\\``", ""));
    assertThat(sink.indicators.get(0).attribution().actors())
        .extracting(Actor::name)
        .containsExactly("Sofacy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"true", "[null]", "[{`name`:false}]", "{`colour`:`#ff0000`}", "[[`tlp:red`]]"})
  void anUnreadableTagIsReportedAndTakenAsRed(String tags) {
    for (boolean onEvent : new boolean[] {true, false}) {
      String json = onEvent ? event(",`Tag`:" + tags, "") : event("", ",`Tag`:" + tags);
      var sink = read(json);
      assertThat(sink.indicators)
          .singleElement()
          .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
      assertThat(sink.problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where().toString())
                    .isEqualTo(onEvent ? "m.json#Event.Tag" : "m.json#Event.Attribute[0].Tag");
                assertThat(p.code()).isEqualTo(ErrorCode.INTEL_WARNING);
                assertThat(p.message()).contains("TLP:RED");
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tlp:ex:chr", "tlp:unclear", "tlp:amber-strict", "tlp:purple"})
  void anUnknownTlpIsReportedAndTakenAsRed(String tag) {
    var sink = read(event(",`Tag`:[{`name`:`" + tag + "`}]", ""));
    assertThat(sink.indicators)
        .singleElement()
        .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where().toString()).isEqualTo("m.json#Event.Tag");
              assertThat(p.code()).isEqualTo(ErrorCode.INTEL_WARNING);
              assertThat(p.message()).contains(tag).contains("TLP:RED");
            });
  }

  @Test
  void aSingleAttributeOrObjectInsteadOfAListIsRead() {
    var sink =
        read(
            "{`Event`:{`info`:`x`,`Attribute`:{`type`:`ip-dst`,`to_ids`:true,`value`:`192.0.2.1`},"
                + "`Object`:{`name`:`o`,`Attribute`:{`type`:`domain`,`to_ids`:true,"
                + "`value`:`evil.example`}}}}");
    assertThat(sink.problems).isEmpty();
    assertThat(sink.values()).containsExactly("192.0.2.1", "evil.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"`Attribute`:`192.0.2.1`", "`Object`:5", "`Galaxy`:`x`"})
  void aListOfTheWrongTypeIsReported(String field) {
    var sink = read("{`Event`:{`info`:`x`," + field + "}}");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("list");
              assertThat(p.code())
                  .isEqualTo(
                      field.contains("Galaxy") ? ErrorCode.INTEL_WARNING : ErrorCode.INVALID_INPUT);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[`2026-01-01`]", "{`t`:`2026-01-01`}"})
  void aValidityOfTheWrongTypeIsInvalidNotAlwaysValid(String time) {
    for (String field : new String[] {"first_seen", "last_seen"}) {
      var sink = read(event("", ",`" + field + "`:" + time));
      assertThat(sink.indicators).isEmpty();
      assertThat(sink.problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(p.where().toString()).isEqualTo("m.json#Event.Attribute[0]");
                assertThat(p.message()).contains(field);
              });
    }
  }

  @Test
  void validityStillReadsTextDatesAndNull() {
    var sink = read(event("", ",`first_seen`:`2026-01-01`,`last_seen`:null"));
    assertThat(sink.problems).isEmpty();
    assertThat(sink.indicators.get(0).validFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"`yes`", "2", "{}", "[true]", "`deleted`"})
  void anUnreadableDeletedFlagIsReportedAndTheAttributeNotLoaded(String deleted) {
    var sink = read(event("", ",`deleted`:" + deleted));
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains("deleted");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"`yes`", "2", "{}", "[1]"})
  void anUnreadableToIdsFlagIsReported(String toIds) {
    var sink = read(event("", ",`to_ids`:" + toIds).replace("`to_ids`:true,", ""));
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("to_ids"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"false", "0", "`0`", "`false`", "null", "``", "true", "1", "`1`", "`True`"})
  void flagsInEveryReadableShapeAreRead(String flag) {
    var sink = read(event("", ",`deleted`:" + flag));
    boolean deleted = flag.contains("1") || flag.toLowerCase().contains("true");
    assertThat(sink.problems).isEmpty();
    assertThat(sink.indicators).hasSize(deleted ? 0 : 1);
  }

  @Test
  void aResponseThatIsNotAListIsReported() {
    var sink = read("{`response`:{`Event`:{`info`:`x`}}}");
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains("response");
            });
  }
}
