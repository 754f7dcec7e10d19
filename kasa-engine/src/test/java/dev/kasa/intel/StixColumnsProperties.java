package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.TestWorkers;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.stix.StixReaderLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A set that takes a STIX load's versions as columns ({@link VersionColumns}, no record per
 * observable) ends up as a set fed the records would: the same current versions and counts, the
 * same index entries, the same problems, and the same expiries — on generated bundles with several
 * versions of an id, revocations, expiring windows, markings, attribution and invalid objects, read
 * directly and through a loader, sequentially and with the finish beside the caller.
 */
class StixColumnsProperties {
  private static final Instant[] EXPIRY_TIMES = {
    Instant.parse("2023-06-01T00:00:00Z"),
    Instant.parse("2024-01-01T00:00:00.0005Z"),
    Instant.parse("2024-06-01T12:30:45.124Z"),
    Instant.parse("2025-03-04T05:06:08Z"),
    Instant.parse("2030-01-01T00:00:00Z")
  };

  private static final String[] IDS = {
    "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade",
    "indicator--b932fcc6-e032-476c-826f-cb970a5a1ade",
    "indicator--c932fcc6-e032-476c-826f-cb970a5a1ade",
    "indicator--d932fcc6-e032-476c-826f-cb970a5a1ade",
    "indicator--D932FCC6-E032-476C-826F-CB970A5A1ADE"
  };
  private static final String[] MODIFIED = {
    "2024-01-01T00:00:00Z",
    "2024-02-01T00:00:00Z",
    "2024-02-01T00:00:00.000000001Z",
    "2024-03-01T00:00:00.5Z"
  };
  private static final String[] UNTIL = {
    "2024-01-01T00:00:00.0005Z",
    "2024-06-01T12:30:45.123Z",
    "2025-03-04T05:06:07.123456789Z",
    "2023-12-31T00:00:00Z", // before valid_from: the object is refused
    "2024-01-01T00:00:00Z" // equal to valid_from: refused too
  };
  private static final String[] PATTERNS = {
    "[ipv4-addr:value = '10.0.0.1']",
    "[ipv4-addr:value = '10.0.0.0/8']",
    "[ipv6-addr:value = '2001:DB8::1']",
    "[domain-name:value = 'Ex.Example.ORG']",
    "[url:value = 'http://a.example/x?y=1']",
    "[email-addr:value = 'a@b.example']",
    "[file:hashes.'SHA-256' = '" + "AB".repeat(32) + "']",
    "[file:hashes.MD5 = '" + "0f".repeat(16) + "']",
    "[domain-name:value = 'b.example'] OR [ipv4-addr:value = '10.0.0.2']"
        + " OR [domain-name:value = 'b.example']",
    "[network-traffic:dst_ref.value = '10.0.0.3' AND network-traffic:dst_port = 443]",
    "[file:size > 5]",
    "[ipv4-addr:value = '999.1.1.1']"
  };
  private static final String GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

  /**
   * Versions of a few ids (the last one the first in upper case: not storable): each with a random
   * {@code modified}, window, confidence, marking, revocation and pattern; some attributed, some in
   * a report.
   */
  static String versions(Random random) {
    List<String> objects = new ArrayList<>();
    objects.add(
        StixBundleImporterTest.sdo(
            StixBundleImporterTest.IS, ",`name`:`Group " + random.nextInt(2) + "`"));
    List<String> inReport = new ArrayList<>();
    int n = 1 + random.nextInt(16);
    for (int k = 0; k < n; k++) {
      String id = IDS[random.nextInt(IDS.length)];
      String modified = MODIFIED[random.nextInt(MODIFIED.length)];
      var o = new StringBuilder();
      o.append("{`type`:`indicator`,`spec_version`:`2.1`,`id`:`").append(id);
      o.append("`,`created`:`2024-01-01T00:00:00Z`,`modified`:`").append(modified);
      o.append("`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`,`pattern`:`");
      o.append(PATTERNS[random.nextInt(PATTERNS.length)]).append('`');
      if (random.nextInt(3) == 0) {
        o.append(",`valid_until`:`").append(UNTIL[random.nextInt(UNTIL.length)]).append('`');
      }
      if (random.nextInt(6) == 0) {
        o.append(",`revoked`:true");
      }
      if (random.nextBoolean()) {
        o.append(",`confidence`:").append(random.nextInt(101));
      }
      if (random.nextBoolean()) {
        o.append(",`name`:`").append(random.nextBoolean() ? "Bad" : "Worse").append('`');
      }
      switch (random.nextInt(3)) {
        case 0 -> o.append(",`object_marking_refs`:[`").append(GREEN).append("`]");
        case 1 -> o.append(",`object_marking_refs`:[`").append(RED).append("`]");
        default -> {}
      }
      objects.add(o.append('}').toString());
      if (random.nextInt(4) == 0) {
        objects.add(StixBundleImporterTest.rel(k, "indicates", id, StixBundleImporterTest.IS, ""));
      }
      if (random.nextInt(3) == 0) {
        inReport.add("`" + id + "`");
      }
    }
    if (!inReport.isEmpty()) {
      objects.add(
          StixBundleImporterTest.sdo(
              "report--0f6e6b3c-5a43-4b43-9c55-4b6a6f8c2d1e",
              ",`name`:`Report`,`published`:`2024-01-01T00:00:00Z`,`object_refs`:["
                  + String.join(",", inReport)
                  + "]"));
    }
    java.util.Collections.shuffle(objects.subList(1, objects.size()), random);
    return ("{\"type\":\"bundle\",\"objects\":[\n" + String.join(",\n", objects) + "\n]}")
        .replace('`', '"');
  }

  /** A sink that passes records to a set's sink, never columns: the general path. */
  private static IntelSink recordsOnly(IntelSink set) {
    return new IntelSink() {
      @Override
      public void version(IntelVersion version) {
        set.version(version);
      }

      @Override
      public void indicator(Indicator indicator) {
        set.indicator(indicator);
      }

      @Override
      public void problem(Problem problem) {
        set.problem(problem);
      }
    };
  }

  private record Loaded(IntelSet set, List<Problem> problems) {}

  private static Loaded viaImporter(byte[] json, boolean columns, int threads) {
    var set = new IntelSet();
    List<Problem> problems = new ArrayList<>();
    IntelSink sink = set.sink(problems::add);
    assertThat(sink.takesColumns()).isTrue();
    new StixBundleImporter(StixReaderLimits.DEFAULT, TestWorkers.POOL, threads)
        .read(new ByteArrayInputStream(json), "b.json", columns ? sink : recordsOnly(sink));
    return new Loaded(set, problems);
  }

  private static void assertSame(Loaded columns, Loaded records) {
    assertThat(columns.problems()).isEqualTo(records.problems());
    assertSameSet(columns.set(), records.set());
    for (Instant t : EXPIRY_TIMES) {
      assertThat(columns.set().expire(t)).isEqualTo(records.set().expire(t));
      assertSameSet(columns.set(), records.set());
    }
  }

  private static void assertSameSet(IntelSet columns, IntelSet records) {
    assertThat(columns.size()).isEqualTo(records.size());
    assertThat(columns.observables()).isEqualTo(records.observables());
    assertThat(columns.repeated()).isEqualTo(records.repeated());
    assertThat(columns.superseded()).isEqualTo(records.superseded());
    assertThat(columns.revoked()).isEqualTo(records.revoked());
    assertThat(entries(columns.index())).isEqualTo(entries(records.index()));
  }

  private static List<Indicator> entries(IndicatorIndex index) {
    return IntStream.range(0, index.size()).mapToObj(index::indicator).toList();
  }

  @Property(tries = 300)
  void aSetTakingColumnsEqualsASetTakingRecords(@ForAll Random random) {
    byte[] json = versions(random).getBytes(StandardCharsets.UTF_8);
    assertSame(viaImporter(json, true, 1), viaImporter(json, false, 1));
    assertSame(viaImporter(json, true, 2), viaImporter(json, false, 1));
  }

  @Property(tries = 200)
  void aSetTakingColumnsEqualsASetTakingRecordsOnHostileIndicators(@ForAll Random random) {
    byte[] json = StixIndicatorFastPathProperties.bundle(random).getBytes(StandardCharsets.UTF_8);
    assertSame(viaImporter(json, true, 1), viaImporter(json, false, 1));
    assertSame(viaImporter(json, true, 2), viaImporter(json, false, 1));
  }

  @Property(tries = 40)
  void aLoaderPassesTheColumnsOnAndCountsWhatTheRecordsCount(@ForAll Random random)
      throws IOException {
    Path dir = Files.createTempDirectory("kasa-columns");
    try {
      Path a = dir.resolve("a.json");
      Path b = dir.resolve("b.json");
      Files.writeString(a, versions(random));
      Files.writeString(b, random.nextBoolean() ? versions(random) : "[not json");
      List<String> inputs = List.of(a.toString(), b.toString());
      var loader = new IntelLoader(IntelLoader.Options.defaults(), TestWorkers.POOL, null);
      var columnsSet = new IntelSet();
      List<Problem> columnsProblems = new ArrayList<>();
      var columnsReport = loader.load(inputs, columnsSet.sink(columnsProblems::add));
      var recordsSet = new IntelSet();
      List<Problem> recordsProblems = new ArrayList<>();
      var recordsReport = loader.load(inputs, recordsOnly(recordsSet.sink(recordsProblems::add)));
      assertThat(columnsReport).isEqualTo(recordsReport);
      assertSame(new Loaded(columnsSet, columnsProblems), new Loaded(recordsSet, recordsProblems));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Test
  void aLoadOfSeveralRunsMadeBesideTheCallerGivesTheSameSet() {
    byte[] json =
        StixFinishPipelineTest.bundle(5 * StixFinishPipeline.CHUNK + 3)
            .getBytes(StandardCharsets.UTF_8);
    var records = viaImporter(json, false, 1);
    assertThat(records.set().size()).isGreaterThan(2 * StixFinishPipeline.CHUNK);
    assertThat(records.set().revoked()).isPositive();
    assertSame(viaImporter(json, true, 1), records);
    assertSame(viaImporter(json, true, 2), viaImporter(json, false, 1));
  }
}
