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
 * The byte path for indicator objects in runs ({@link StixIndicatorBytes}) changes nothing: on
 * generated bundles of indicators in odd but valid JSON (escapes, text beyond ASCII, any key order,
 * blanks and line breaks between tokens, repeated keys, numbers and nested values it skips), with a
 * few malformed ones, the parallel reader (whose runs take the byte path) gives the entries, bundle
 * properties and error location of the sequential reader (which never does), however the input is
 * cut and whichever properties are kept.
 */
class StixIndicatorBytesProperties {
  private static final String[] BLANKS = {"", "", "", " ", "\t", "\n", "\r\n", " \n\t", "\r"};
  private static final String[] TIMES = {
    "`2024-01-01T00:00:00Z`",
    "`2024-01-01T00:00:00.000Z`",
    "`2025-03-04T05:06:07.123Z`",
    "`2024-01-01`",
    "`2024-01-01T00:00:00\\u005a`",
    "5"
  };
  private static final String[][] PROPERTIES = {
    {"type", "`indicator`", "`indicator`", "`indic\\u0061tor`", "`malware`"},
    {
      "id",
      "`indicator--a932fcc6-e032-476c-826f-cb970a5a1ade`",
      "`indicator--b932fcc6-e032-476c-826f-cb970a5a1ade`",
      "`indicator--A932FCC6-E032-476C-826F-CB970A5A1ADE`",
      "`indicator--x`",
      "null"
    },
    {"spec_version", "`2.1`", "`2.0`", "2.1"},
    {"created"},
    {"modified"},
    {"valid_from"},
    {"valid_until"},
    {
      "created_by_ref",
      "`identity--31697c58-6280-46ad-9b18-20d6e351bdb4`",
      "`identity--31697c58-6280-46ad-9b18-20d6e351bdb4`",
      "`someone`"
    },
    {"revoked", "false", "true", "null", "`yes`"},
    {"confidence", "80", "0", "100", "101", "-1", "-0", "1.5", "1e2", "3000000000", "`80`"},
    {"labels", "[`a`,`b`]", "[]", "[ `a` ]", "[1]", "[`\\u00e9`]"},
    {"indicator_types", "[`malicious-activity`]", "[`x`,5]", "{}"},
    {
      "object_marking_refs",
      "[`marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb`]",
      "[`marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb`,"
          + "`marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1`]",
      "[`bad`]"
    },
    {
      "external_references",
      "[{`source_name`:`x`,`url`:`http://e.example/\\u00e9`}]",
      "[{`a`:[1,-2.5e-3,{`b`:null,`c`:[true,false]}]}]",
      "[ ]",
      "{}"
    },
    {"x_custom", "12345678901234567890", "-0", "1.0E+2", "`\\\\ \\/ \\b\\f\\n\\r\\t`", "`ü ☂`"},
    {"name", "`Hostile address`", "`Näme ☂`", "`q \\\"q\\\"`", "`tab\\tx`", "5"},
    {"description", "`d`", "`\\u00e9 ü`", "[`x`]"},
    {
      "pattern",
      "`[ipv4-addr:value = '10.0.0.1']`",
      "`[domain-name:value = 'ex.example']`",
      "`[domain-name:value = '\\u00fcmlaut.example']`",
      "`[url:value = 'http://a.example/x?y=1']`"
    },
    {"pattern_type", "`stix`", "`stix`", "`sigma`"},
    {"pattern_version", "`2.1`", "2.1"}
  };
  // Damage that makes the JSON malformed (or, for a raw control byte, only odd).
  private static final String[][] DAMAGE = {
    {",", ",,"},
    {",", ""},
    {"}", ",}"},
    {":", ""},
    {"`", ""},
    {"0", "00"},
    {"e", "\\x"},
    {"a", "\u0001"}
  };

  private static final StixReaderLimits SMALL = new StixReaderLimits(700, 3);

  @Property(tries = 300)
  void runsReadTheSameEntriesAsTheSequentialReader(@ForAll Random random) {
    String json = bundle(random);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    BiPredicate<String, String> keep =
        random.nextBoolean()
            ? (type, property) -> true
            : (type, property) ->
                !"indicator".equals(type)
                    || !property.startsWith("x_")
                        && !property.equals("description")
                        && !property.equals("labels")
                        && !property.equals("external_references");
    StixReaderLimits limits = random.nextInt(4) == 0 ? SMALL : StixReaderLimits.DEFAULT;
    StixParallelReaderTest.Outcome expected =
        StixParallelReaderTest.sequential(bytes, limits, keep);
    for (int runBytes : new int[] {1, 400, StixParallelReader.RUN_BYTES}) {
      for (int threads = 1; threads <= 2; threads++) {
        assertThat(
                StixParallelReaderTest.parallel(
                    new ByteArrayInputStream(bytes), limits, keep, threads, runBytes))
            .as("runs of %d bytes on %d threads: %s", runBytes, threads, json)
            .isEqualTo(expected);
      }
      assertThat(
              StixParallelReaderTest.parallel(
                  trickle(bytes, 1 + random.nextInt(300)), limits, keep, 1, runBytes, true))
          .as("runs of %d bytes, read a few bytes at a time: %s", runBytes, json)
          .isEqualTo(expected);
      // One thread reads plain indicators on the framer's thread; here it only cuts the runs.
      assertThat(
              StixParallelReaderTest.parallel(
                  new ByteArrayInputStream(bytes), limits, keep, 1, runBytes, false))
          .as("runs of %d bytes, not framed: %s", runBytes, json)
          .isEqualTo(expected);
    }
  }

  @Test
  void plainIndicatorsTakeTheBytePathAndOddOnesThePathOfTheParser() {
    String plain =
        "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--a932fcc6-e032-476c-826f-cb970a5a1ade`,"
            + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,`pattern`:`[ipv4-addr:value"
            + " = '10.0.0.1']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`,"
            + " `confidence` : 80 ,`x_skipped`:{`a`:[1.5]}}";
    String other =
        "{`type`:`relationship`,`id`:`relationship--44298a74-ba52-4f0c-87a3-1824e67d7f01`}";
    String escaped = plain.replace("`stix`", "`st\\u0069x`");
    String run =
        ("[" + plain + ",\n" + other + ",\r\n" + plain + " , " + escaped + "]").replace('`', '"');
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
            (type, property) -> !property.startsWith("x_"),
            new StixReader.Origin(0, 0, 0))) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
      }
      assertThat(r.plainEntries()).isEqualTo(2);
    }
    assertThat(entries).hasSize(4);
    assertThat(entries.get(1).isValid()).isFalse();
    assertThat(entries.get(2).object()).isEqualTo(entries.get(0).object());
    assertThat(entries.get(3).object()).isEqualTo(entries.get(0).object());
  }

  @Test
  void onOneThreadTheFramerReadsThePlainIndicatorsItself() {
    String plain =
        "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--a932fcc6-e032-476c-826f-cb970a5a1a%02d`,"
            + "`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,`pattern`:`[ipv4-addr:value"
            + " = '10.0.0.%d']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`}";
    String other =
        "{`type`:`relationship`,`id`:`relationship--44298a74-ba52-4f0c-87a3-1824e67d7f01`}";
    List<String> objects = new ArrayList<>();
    int plainOnes = 0;
    for (int k = 0; k < 60; k++) {
      String o = String.format(plain, k, k);
      if (k % 7 == 3) {
        objects.add(other);
      } else if (k % 11 == 5) {
        objects.add(o.replace("`stix`", "`st\\u0069x`")); // declined: the parser reads it
      } else {
        objects.add(o);
        plainOnes++;
      }
    }
    byte[] bytes =
        ("{`type`:`bundle`,`objects`:[" + String.join(",\n", objects) + "]}")
            .replace('`', '"')
            .getBytes(StandardCharsets.UTF_8);
    StixParallelReaderTest.Outcome expected =
        StixParallelReaderTest.sequential(bytes, StixReaderLimits.DEFAULT);
    assertThat(expected.entries()).hasSize(60);
    for (int runBytes : new int[] {1, 400, StixParallelReader.RUN_BYTES, -7}) {
      List<StixEntry> entries = new ArrayList<>();
      try (var r =
          new StixParallelReader<StixEntry>(
              // -7: a stream that gives 7 bytes a read, so that the framer must read on to have
              // whole objects in its buffer
              runBytes < 0 ? trickle(bytes, -runBytes) : new ByteArrayInputStream(bytes),
              "t",
              StixReaderLimits.DEFAULT,
              (type, property) -> true,
              e -> e,
              Runnable::run,
              1,
              Math.abs(runBytes),
              true)) {
        for (StixEntry e = r.next(); e != null; e = r.next()) {
          entries.add(e);
        }
        assertThat(r.framedEntries()).as("runs of %d bytes", runBytes).isEqualTo(plainOnes);
      }
      assertThat(entries).isEqualTo(expected.entries());
    }
  }

  // A stream that gives at most `most` bytes a read.
  static java.io.InputStream trickle(byte[] bytes, int most) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, most));
      }
    };
  }

  @Test
  void repeatedMarkingListsAreTheSameListAndOtherListsTheirOwn() {
    String a = "`marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb`";
    String b = "`marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1`";
    List<String> lists =
        List.of("[" + a + "]", "[" + b + "]", "[" + a + "]", "[" + a + "," + b + "]", "[]");
    var run = new StringBuilder("[");
    for (int k = 0; k < lists.size(); k++) {
      run.append(k == 0 ? "" : ",")
          .append(
              "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`indicator--a932fcc6-e032-476c-826f-cb970a5a1ad"
                  + k
                  + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
                  + "`pattern`:`[ipv4-addr:value = '10.0.0.1']`,`pattern_type`:`stix`,"
                  + "`valid_from`:`2024-01-01T00:00:00Z`,`object_marking_refs`:"
                  + lists.get(k)
                  + "}");
    }
    byte[] bytes = run.append("]").toString().replace('`', '"').getBytes(StandardCharsets.UTF_8);
    List<List<String>> refs = new ArrayList<>();
    try (var r =
        new StixReader(
            null,
            bytes,
            bytes.length,
            4,
            "t",
            StixReaderLimits.DEFAULT,
            (type, property) -> true,
            new StixReader.Origin(0, 0, 0))) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        refs.add(e.object().common().objectMarkingRefs());
      }
      assertThat(r.plainEntries()).isEqualTo(lists.size());
    }
    String idA = a.replace("`", "");
    String idB = b.replace("`", "");
    assertThat(refs)
        .containsExactly(List.of(idA), List.of(idB), List.of(idA), List.of(idA, idB), List.of());
    assertThat(refs.get(2)).isSameAs(refs.get(0));
  }

  static String bundle(Random random) {
    List<String> objects = new ArrayList<>();
    int n = 1 + random.nextInt(10);
    for (int k = 0; k < n; k++) {
      objects.add(
          random.nextInt(6) == 0
              ? "{`type`:`relationship`,`id`:`relationship--44298a74-ba52-4f0c-87a3-1824e67d7f0"
                  + k
                  + "`}"
              : indicator(random));
    }
    StringBuilder json = new StringBuilder("{`type`:`bundle`,`objects`:[");
    for (int k = 0; k < objects.size(); k++) {
      json.append(k == 0 ? "" : ",").append(blank(random)).append(objects.get(k));
      json.append(blank(random));
    }
    json.append("],`id`:`bundle--5d0092c5-5f74-4287-9642-33f4c354e56d`}");
    String text = json.toString();
    if (random.nextInt(8) == 0) {
      String[] d = DAMAGE[random.nextInt(DAMAGE.length)];
      int at = text.indexOf(d[0], random.nextInt(text.length()));
      if (at >= 0) {
        text = text.substring(0, at) + d[1] + text.substring(at + d[0].length());
      }
    }
    return text.replace('`', '"');
  }

  // Mostly a plain indicator, its properties in any order (type mostly first), with blanks
  // between tokens, sometimes a property repeated.
  private static String indicator(Random random) {
    List<String[]> properties = new ArrayList<>();
    for (String[] p : PROPERTIES) {
      boolean usual =
          switch (p[0]) {
            case "type", "id", "created", "modified", "valid_from", "pattern" -> true;
            default -> random.nextInt(3) == 0;
          };
      if (usual) {
        properties.add(new String[] {p[0], value(p, random)});
      }
    }
    Collections.shuffle(properties.subList(1, properties.size()), random);
    if (random.nextInt(6) == 0) {
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

  private static String value(String[] p, Random random) {
    return switch (p[0]) {
      case "created", "modified", "valid_from", "valid_until" ->
          TIMES[random.nextInt(3) == 0 ? random.nextInt(TIMES.length) : 0];
      default -> p[random.nextInt(3) == 0 ? 1 + random.nextInt(p.length - 1) : 1];
    };
  }

  private static String blank(Random random) {
    return BLANKS[random.nextInt(BLANKS.length)];
  }
}
