package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.TestWorkers;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The reader's fast path for indicator objects changes nothing: generated bundles of valid and
 * invalid indicators import to the same versions, observables and problems (codes, locations,
 * messages, order) with it and without it, sequentially and on worker threads; and a reader that
 * keeps every property gives the same entries (records and errors) both ways.
 */
class StixIndicatorFastPathProperties {
  private static final String IDENTITY = "identity--31697c58-6280-46ad-9b18-20d6e351bdb4";
  private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
  private static final String CUSTOM = "marking-definition--6c5b3a9e-1f0e-4a4e-9a57-2f1d7d2e6f10";
  private static final String SET = "intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29";
  private static final String[] UUIDS = {
    "a932fcc6-e032-476c-826f-cb970a5a1ade",
    "b932fcc6-e032-476c-826f-cb970a5a1ade",
    "c932fcc6-e032-476c-826f-cb970a5a1ade",
    "A932FCC6-E032-476C-826F-CB970A5A1ADE"
  };
  private static final String[] TIMES = {
    "`2024-01-01T00:00:00Z`",
    "`2024-01-01T00:00:00.000Z`",
    "`2024-06-01T12:30:45.123Z`",
    "`2025-03-04T05:06:07.123456789Z`",
    "`2023-12-31T23:59:59.5Z`",
    "`2023-02-29T00:00:00Z`",
    "`2024-01-01`",
    "`2024-01-01T00:00:00+01:00`",
    "`2024-01-01T00:00:00.Z`",
    "5",
    "null",
    "[`2024-01-01T00:00:00Z`]"
  };
  private static final String[] PATTERNS = {
    "`[ipv4-addr:value = '10.0.0.1']`",
    "`[domain-name:value = 'Ex.Example.ORG']`",
    "`[url:value = 'http://a.example/x?y=1']`",
    "`[file:hashes.'SHA-256' = '" + "ab".repeat(32) + "']`",
    "`[ipv4-addr:value = '10.0.0.1'] OR [domain-name:value = 'b.example']`",
    "`[email-addr:value = 'a@b.example']`",
    "`[domain-name:value = 'ümlaut.example']`",
    "`[file:size > 5]`",
    "`[ipv4-addr:value = '999.1.1.1']`",
    "`[ipv4-addr:value = '0.0.0.0/0']`",
    "`[`",
    "`[network-traffic:dst_ref.value = '10.0.0.2' AND network-traffic:dst_port = 443]`",
    "5",
    "[`[ipv4-addr:value = '10.0.0.1']`]"
  };
  // Every property an indicator may carry, each with values of the right and of wrong shapes.
  private static final String[][] PROPERTIES = {
    {"type", "`indicator`", "`indicator`", "`malware`", "5"},
    {
      "id",
      "`indicator--" + UUIDS[0] + "`",
      "`indicator--" + UUIDS[1] + "`",
      "`indicator--" + UUIDS[3] + "`",
      "`indicator--x`",
      "`malware--" + UUIDS[2] + "`",
      "`indicator---" + UUIDS[2] + "`",
      "7",
      "null"
    },
    {"spec_version", "`2.1`", "`2.1`", "`2.0`", "`3.0`", "2.1"},
    {"created"},
    {"modified"},
    {"valid_from"},
    {"valid_until"},
    {
      "created_by_ref",
      "`" + IDENTITY + "`",
      "`" + IDENTITY + "`",
      "`identity--5d0092c5-5f74-4287-9642-33f4c354e56d`",
      "`malware--" + UUIDS[2] + "`",
      "`someone`",
      "5"
    },
    {"revoked", "false", "true", "`yes`", "null"},
    {"confidence", "80", "0", "100", "101", "-1", "1.5", "`80`", "3000000000", "1e2"},
    {"labels", "[`a`,`b`]", "[]", "[1]", "`x`"},
    {"indicator_types", "[`malicious-activity`]", "[`x`,5]", "{}"},
    {
      "object_marking_refs",
      "[`" + GREEN + "`]",
      "[`" + RED + "`,`" + GREEN + "`]",
      "[`" + GREEN + "`,`" + GREEN + "`]",
      "[`" + CUSTOM + "`]",
      "[`identity--" + UUIDS[2] + "`]",
      "[`bad`]",
      "[5]",
      "`" + GREEN + "`"
    },
    {
      "granular_markings",
      "[{`marking_ref`:`" + RED + "`,`selectors`:[`pattern`]}]",
      "[{`lang`:`en`,`selectors`:[`name`]}]",
      "[{}]",
      "5"
    },
    {"external_references", "[{`source_name`:`x`,`url`:`http://e.example`}]", "[{}]", "`x`"},
    {"kill_chain_phases", "[{`kill_chain_name`:`k`,`phase_name`:`p`}]"},
    {"extensions", "{`x-ext`:{`extension_type`:`property-extension`}}", "5"},
    {"x_custom", "`ü ☂ \\u00e9`", "{`a`:[1,{`b`:null}]}", "12345678901234567890"},
    {"name", "`Hostile address`", "`Näme ☂ \\\"q\\\"`", "5"},
    {"description", "`d`", "[`x`]"},
    {"pattern"},
    {"pattern_type", "`stix`", "`stix`", "`sigma`", "5"},
    {"pattern_version", "`2.1`", "2.1"}
  };

  @Property(tries = 400)
  void theFastPathImportsWhatTheGeneralPathImports(@ForAll Random random) throws Exception {
    byte[] json = bundle(random).getBytes(StandardCharsets.UTF_8);
    var general = importWith(json, 1, false);
    var fast = importWith(json, 1, true);
    assertThat(fast.versions).isEqualTo(general.versions);
    assertThat(fast.problems).isEqualTo(general.problems);
    var parallel = importWith(json, 2, true);
    assertThat(parallel.versions).isEqualTo(general.versions);
    assertThat(parallel.problems).isEqualTo(general.problems);
  }

  @Property(tries = 400)
  void theFastPathReadsTheSameEntriesWhenEveryPropertyIsKept(@ForAll Random random) {
    byte[] json = bundle(random).getBytes(StandardCharsets.UTF_8);
    assertThat(entries(json, true)).isEqualTo(entries(json, false));
  }

  private static List<StixEntry> entries(byte[] json, boolean fast) {
    List<StixEntry> entries = new ArrayList<>();
    try (var r =
        new StixReader(
            new ByteArrayInputStream(json),
            "b.json",
            StixReaderLimits.DEFAULT,
            (type, property) -> true,
            fast)) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
      }
    }
    return entries;
  }

  static final class Versions implements IntelSink {
    final List<IntelVersion> versions = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void version(IntelVersion version) {
      versions.add(version);
    }

    @Override
    public void indicator(Indicator indicator) {
      throw new AssertionError("versions only");
    }

    @Override
    public void problem(Problem problem) {
      problems.add(problem);
    }
  }

  private static Versions importWith(byte[] json, int threads, boolean fast) {
    var sink = new Versions();
    new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads, fast)
        .read(new ByteArrayInputStream(json), "b.json", sink);
    return sink;
  }

  static String bundle(Random random) {
    List<String> objects = new ArrayList<>();
    objects.add(
        "{`type`:`identity`,`spec_version`:`2.1`,`id`:`"
            + IDENTITY
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`name`:`Producer`}");
    objects.add(
        "{`type`:`intrusion-set`,`spec_version`:`2.1`,`id`:`"
            + SET
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`name`:`Group`}");
    if (random.nextBoolean()) {
      // A marking definition under a non-standard id: rejected, so its indicators count as RED.
      objects.add(
          "{`type`:`marking-definition`,`spec_version`:`2.1`,`id`:`"
              + CUSTOM
              + "`,`created`:`2024-01-01T00:00:00Z`,`definition_type`:`statement`,"
              + "`definition`:{`statement`:`mine`}}");
    }
    int n = 1 + random.nextInt(12);
    for (int k = 0; k < n; k++) {
      objects.add(indicator(random));
      if (random.nextInt(4) == 0) {
        objects.add(
            "{`type`:`relationship`,`spec_version`:`2.1`,`id`:`relationship--44298a74-ba52-4f0c"
                + "-87a3-1824e67d7f"
                + String.format("%02d", k)
                + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
                + "`relationship_type`:`indicates`,`source_ref`:`indicator--"
                + UUIDS[random.nextInt(3)]
                + "`,`target_ref`:`"
                + SET
                + "`}");
      }
    }
    return ("{`type`:`bundle`,`id`:`bundle--5d0092c5-5f74-4287-9642-33f4c354e56d`,`objects`:["
            + String.join(",\n", objects)
            + "]}")
        .replace('`', '"');
  }

  // Mostly a valid indicator (its properties in a random order, type mostly first), then a few
  // changes: a property dropped, added, given another value, or repeated.
  private static String indicator(Random random) {
    List<String[]> properties = new ArrayList<>();
    for (String[] p : PROPERTIES) {
      String name = p[0];
      boolean usual =
          switch (name) {
            case "type", "id", "created", "modified", "valid_from", "pattern" -> true;
            case "spec_version", "pattern_type" -> random.nextInt(5) > 0;
            case "created_by_ref", "confidence", "object_marking_refs", "name" ->
                random.nextBoolean();
            default -> random.nextInt(8) == 0;
          };
      if (usual) {
        properties.add(new String[] {name, value(p, random, true)});
      }
    }
    java.util.Collections.shuffle(properties, random);
    if (random.nextInt(5) > 0) {
      for (int i = 0; i < properties.size(); i++) {
        if (properties.get(i)[0].equals("type")) {
          properties.add(0, properties.remove(i));
          break;
        }
      }
    }
    int changes = random.nextInt(4);
    for (int c = 0; c < changes && !properties.isEmpty(); c++) {
      String[] p = PROPERTIES[random.nextInt(PROPERTIES.length)];
      int at = random.nextInt(properties.size() + 1);
      switch (random.nextInt(4)) {
        case 0 -> properties.remove(random.nextInt(properties.size()));
        case 1 -> properties.add(at, new String[] {p[0], value(p, random, false)});
        case 2 -> {
          properties.removeIf(q -> q[0].equals(p[0]));
          properties.add(
              Math.min(at, properties.size()), new String[] {p[0], value(p, random, false)});
        }
        default -> {
          String[] q = properties.get(random.nextInt(properties.size()));
          properties.add(at, new String[] {q[0], q[1]});
        }
      }
    }
    List<String> members = new ArrayList<>();
    for (String[] p : properties) {
      members.add("`" + p[0] + "`:" + p[1]);
    }
    return "{" + String.join(",", members) + "}";
  }

  // A value of property p: its first (valid) one when usual, else any.
  private static String value(String[] p, Random random, boolean usual) {
    String[] pool =
        switch (p[0]) {
          case "created", "modified", "valid_from", "valid_until" -> TIMES;
          case "pattern" -> PATTERNS;
          default -> java.util.Arrays.copyOfRange(p, 1, p.length);
        };
    if (usual) {
      int valid = p[0].equals("pattern") ? 7 : p[0].equals("created") ? 5 : 1;
      if (p[0].equals("valid_from") || p[0].equals("modified")) {
        valid = 2; // the same text as created, or another one at the same instant
      }
      return pool[random.nextInt(Math.min(valid, pool.length))];
    }
    return pool[random.nextInt(pool.length)];
  }
}
