package dev.kasa.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The byte path for objects other than indicators ({@link StixObjectBytes}) changes nothing: on
 * generated bundles of relationships, identities and reports in odd but valid JSON (every optional
 * property, escapes, text beyond ASCII, any key order, blanks and line breaks between tokens,
 * repeated keys, numbers, nulls and nested values), with some invalid and some malformed ones, the
 * parallel reader (whose runs take the byte path) gives the entries, bundle properties and error
 * location of the sequential reader (which never does), however the input is cut and whichever
 * properties are kept.
 */
class StixObjectBytesProperties {
  private static final String[] BLANKS = {"", "", "", " ", "\t", "\n", "\r\n", " \n\t", "\r"};
  private static final String REL = "relationship--44298a74-ba52-4f0c-87a3-1824e67d7f01";
  private static final String IND = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  private static final String SET = "intrusion-set--7ca9cbb9-e94b-474f-a2a8-27d2398c8b38";
  private static final String MARK = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  private static final String IDENTITY = "identity--31697c58-6280-46ad-9b18-20d6e351bdb4";
  private static final String TIME = "`2024-02-13T14:10:21.000Z`";
  private static final String[][] PROPERTIES = {
    {"type", "`relationship`", "`relationship`", "`relat\\u0069onship`", "`identity`", "`report`"},
    {"spec_version", "`2.1`", "`2.0`", "2.1", "null"},
    {"id", "`" + REL + "`", "`" + IDENTITY + "`", "`relationship--x`", "`Relationship--44`", "5"},
    {"created_by_ref", "`" + IDENTITY + "`", "`" + SET + "`", "`\\u0069dentity--x`"},
    {"created", TIME, "`2024-02-13T14:10:21Z`", "`2024-02-13`", "`2024-02-13T14:10:21\\u005a`"},
    {"modified", TIME, "`2023-01-01T00:00:00.000Z`", "7", "[" + TIME + "]"},
    {"relationship_type", "`indicates`", "`uses`", "`Indic ates`", "`ind\\u00e9cates`", "[]"},
    {"description", "`d`", "`Ünïcode ☂`", "`q \\\"q\\\" \\\\ \\/`", "`tab\\tx`", "{}"},
    {"source_ref", "`" + IND + "`", "`" + SET + "`", "`" + IND.toUpperCase() + "`", "true"},
    {"target_ref", "`" + SET + "`", "`" + IND + "`", "`x`", "null"},
    {"start_time", TIME, "`soon`"},
    {"stop_time", TIME, "`2024-02-13T14:10:20.000Z`"},
    {"revoked", "false", "true", "`true`", "null", "tru"},
    {"labels", "[`a`,`b`]", "[]", "[ `a` , `b` ]", "[`a`,1]", "[`\\u00e9`]", "[null]"},
    {"confidence", "80", "0", "100", "101", "-1", "00", "1.5", "1e2", "3000000000", "123456789"},
    {"lang", "`en`", "`\\u65e5`"},
    {
      "object_marking_refs",
      "[`" + MARK + "`]",
      "[`" + MARK + "`,`marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1`]",
      "[`bad`]",
      "`" + MARK + "`"
    },
    {
      "external_references",
      "[{`source_name`:`x`,`url`:`http://e.example/`}]",
      "[{`a`:[1,-2.5e-3,{`b`:null,`c`:[true,false]}]}]",
      "[ ]"
    },
    {"granular_markings", "[{`marking_ref`:`" + MARK + "`,`selectors`:[`description`]}]", "[]"},
    {"extensions", "{`x`:{`extension_type`:`property-extension`}}", "{}"},
    {"x_custom", "12345678901234567890", "-0", "1.0E+2", "`\\b\\f\\n\\r`", "`ü ☂`", "[1,[2]]"},
    {"name", "`Allied CERT`", "`Näme`", "5"},
    {"identity_class", "`organization`", "`individual`"},
    {"sectors", "[`defense`]", "[`defense`,`energy`]"},
    {"object_refs", "[`" + IND + "`]", "[`" + IND + "`,`" + REL + "`]", "[]"},
    {"published", TIME, "`x`"}
  };
  // Damage that makes the JSON malformed (or, for a raw control byte, only odd).
  private static final String[][] DAMAGE = {
    {",", ",,"},
    {",", ""},
    {"}", ",}"},
    {":", ""},
    {"\"", ""},
    {"0", "00"},
    {"e", "\\x"},
    {"a", "\u0001"},
    {"[", "[,"}
  };
  private static final StixReaderLimits SMALL = new StixReaderLimits(400, 2);

  @Property(tries = 300)
  void runsReadTheSameEntriesAsTheSequentialReader(@ForAll Random random) {
    String json = bundle(random);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    BiPredicate<String, String> keep =
        switch (random.nextInt(3)) {
          case 0 -> (type, property) -> true;
          case 1 -> (type, property) -> !property.startsWith("x_") && !"labels".equals(property);
          default ->
              (type, property) ->
                  type == null ? !property.equals("id") : !property.equals("description");
        };
    StixReaderLimits limits = random.nextInt(4) == 0 ? SMALL : StixReaderLimits.DEFAULT;
    StixParallelReaderTest.Outcome expected =
        StixParallelReaderTest.sequential(bytes, limits, keep);
    for (int runBytes : new int[] {1, 300, StixParallelReader.RUN_BYTES}) {
      for (int threads = 1; threads <= 2; threads++) {
        assertThat(
                StixParallelReaderTest.parallel(
                    new ByteArrayInputStream(bytes), limits, keep, threads, runBytes))
            .as("runs of %d bytes on %d threads: %s", runBytes, threads, json)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void plainObjectsTakeTheBytePathAndOddOnesThePathOfTheParser() {
    String plain =
        ("{`type`:`relationship`,`spec_version`:`2.1`,`id`:`"
                + REL
                + "`,`created_by_ref`:`"
                + IDENTITY
                + "`,`created`:"
                + TIME
                + ",`modified`:"
                + TIME
                + ",`relationship_type`:`indicates`,`source_ref`:`"
                + IND
                + "`,`target_ref`:`"
                + SET
                + "`, `confidence` : 80 ,`revoked`:false,`object_marking_refs`:[`"
                + MARK
                + "`],`x_skipped`:{`a`:[1.5]}}")
            .replace('`', '"');
    String escaped = plain.replace("\"indicates\"", "\"indic\\u0061tes\"");
    String nested = plain.replace("\"revoked\":false", "\"x_kept\":{\"a\":1}");
    String run = "[" + plain + ",\n" + plain + ",\r\n" + escaped + " , " + nested + "]";
    byte[] bytes = run.getBytes(StandardCharsets.UTF_8);
    List<StixEntry> entries = new ArrayList<>();
    try (var r =
        new StixReader(
            null,
            bytes,
            bytes.length,
            4,
            "t",
            StixReaderLimits.DEFAULT,
            (type, property) -> !property.equals("x_skipped"),
            new StixReader.Origin(0, 0, 0))) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
      }
      assertThat(r.plainObjectEntries()).isEqualTo(2);
    }
    assertThat(entries).hasSize(4).allMatch(StixEntry::isValid);
    assertThat(entries.get(0).object()).isInstanceOf(StixRelationship.class);
    assertThat(entries.get(1).object()).isEqualTo(entries.get(0).object());
    assertThat(entries.get(2).object()).isEqualTo(entries.get(0).object());
  }

  @Test
  void aRepeatedIdIsReportedUnderTheLaterIdAsByTheParser() {
    String twice =
        ("{`type`:`bundle`,`objects`:[{`type`:`relationship`,`id`:`"
                + REL
                + "`,`spec_version`:`2.1`,`id`:`"
                + REL.toUpperCase()
                + "`,`created`:"
                + TIME
                + ",`modified`:"
                + TIME
                + ",`relationship_type`:`indicates`,`source_ref`:`"
                + IND
                + "`,`target_ref`:`"
                + SET
                + "`}]}")
            .replace('`', '"');
    byte[] bytes = twice.getBytes(StandardCharsets.UTF_8);
    StixParallelReaderTest.Outcome expected =
        StixParallelReaderTest.sequential(bytes, StixReaderLimits.DEFAULT);
    assertThat(expected.entries().getFirst().errors())
        .anySatisfy(
            p -> assertThat(p.toString()).contains(REL.toUpperCase()).contains("appears twice"));
    assertThat(
            StixParallelReaderTest.parallel(
                new ByteArrayInputStream(bytes), StixReaderLimits.DEFAULT, 2, 1))
        .isEqualTo(expected);
  }

  static String bundle(Random random) {
    List<String> objects = new ArrayList<>();
    int n = 1 + random.nextInt(10);
    for (int k = 0; k < n; k++) {
      objects.add(
          random.nextInt(5) == 0
              ? StixParallelReaderTest.indicator(k)
              : object(random).replace('`', '"'));
    }
    StringBuilder json = new StringBuilder("{\"type\":\"bundle\",\"objects\":[");
    for (int k = 0; k < objects.size(); k++) {
      json.append(k == 0 ? "" : ",").append(blank(random)).append(objects.get(k));
      json.append(blank(random));
    }
    json.append("],\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\"}");
    String text = json.toString();
    if (random.nextInt(8) == 0) {
      String[] d = DAMAGE[random.nextInt(DAMAGE.length)];
      int at = text.indexOf(d[0], random.nextInt(text.length()));
      if (at >= 0) {
        text = text.substring(0, at) + d[1] + text.substring(at + d[0].length());
      }
    }
    return text;
  }

  // Mostly a plain relationship, its properties in any order (type mostly first), with blanks
  // between tokens, sometimes a property repeated.
  private static String object(Random random) {
    List<String[]> properties = new ArrayList<>();
    for (String[] p : PROPERTIES) {
      boolean usual =
          switch (p[0]) {
            case "type",
                "spec_version",
                "id",
                "created",
                "modified",
                "relationship_type",
                "source_ref",
                "target_ref" ->
                true;
            default -> random.nextInt(4) == 0;
          };
      if (usual) {
        properties.add(
            new String[] {p[0], p[random.nextInt(3) == 0 ? 1 + random.nextInt(p.length - 1) : 1]});
      }
    }
    Collections.shuffle(properties.subList(1, properties.size()), random);
    if (random.nextInt(8) == 0) {
      Collections.shuffle(properties, random);
    }
    if (random.nextInt(8) == 0) {
      properties.add(properties.get(random.nextInt(properties.size())));
    }
    boolean spaced = random.nextInt(3) == 0;
    StringBuilder o = new StringBuilder("{");
    for (int i = 0; i < properties.size(); i++) {
      String[] p = properties.get(i);
      o.append(i == 0 ? "" : ",").append(spaced ? blank(random) : "");
      o.append('`').append(p[0]).append('`').append(spaced ? blank(random) : "").append(':');
      o.append(spaced ? blank(random) : "").append(p[1]).append(spaced ? blank(random) : "");
    }
    return o.append("}").toString();
  }

  private static String blank(Random random) {
    return BLANKS[random.nextInt(BLANKS.length)];
  }
}
