package dev.kasa.stix;

import static dev.kasa.stix.StixJson.bundle;
import static dev.kasa.stix.StixJson.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixReaderTest {
  static final String GOOD =
      "{`type`:`x-thing`,`id`:`x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad`}";

  @Test
  void badElementsAreRejectedAndTheRestIsRead() {
    List<StixEntry> e = entries(bundle("42", GOOD, "{`type`:`x-thing`}", GOOD));
    assertThat(e).extracting(StixEntry::isValid).containsExactly(false, true, false, true);
    assertThat(Problems.stixPath(e.get(0).errors().get(0))).isEqualTo("objects[0]");
    assertThat(Problems.stixPath(e.get(2).errors().get(0))).isEqualTo("objects[2].id");
  }

  @Test
  void tooDeepObjectIsSkippedWithoutLosingItsNeighbours() {
    String deep =
        "{`type`:`x-thing`,`id`:`x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`x_d`:[[[[[[[[1]]]]]]]]}";
    List<StixEntry> e = entries(bundle(deep, GOOD), new StixReaderLimits(1 << 20, 5));
    assertThat(e).extracting(StixEntry::isValid).containsExactly(false, true);
    assertThat(e.get(0).errors().get(0).message()).contains("nesting deeper than 5");
    assertThat(e.get(0).id()).isEqualTo("x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad");
  }

  @Test
  void objectNestedBeyondWhatTheJsonParserAllowsIsSkippedWithoutLosingTheRest() {
    for (int depth : new int[] {999, 1_000, 5_000, 100_000}) {
      String deep =
          "{`type`:`x-thing`,`id`:`x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad`,`x_d`:"
              + "[{`a`:".repeat(depth)
              + "1"
              + "}]".repeat(depth)
              + "}";
      List<StixEntry> e = entries(bundle(GOOD, deep, GOOD));
      assertThat(e).extracting(StixEntry::isValid).containsExactly(true, false, true);
      assertThat(e.get(1).errors()).singleElement().asString().contains("nesting deeper than 64");
    }
  }

  @Test
  void tooLargeObjectIsSkipped() {
    String big =
        "{`type`:`x-thing`,`id`:`x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`x_big`:`"
            + "a".repeat(500)
            + "`}";
    List<StixEntry> e = entries(bundle(big, GOOD), new StixReaderLimits(200, 10));
    assertThat(e).extracting(StixEntry::isValid).containsExactly(false, true);
    assertThat(e.get(0).errors().get(0).message()).contains("larger than 200 bytes");
  }

  @Test
  void bundlePropertiesAfterObjectsAreKept() {
    String json = "{\"objects\":[" + GOOD.replace('`', '"') + "],\"id\":\"bundle--1\",\"x_y\":1}";
    try (var r = new StixReader(in(json), "t")) {
      assertThat(r.next()).isNotNull();
      assertThat(r.next()).isNull();
      assertThat(r.bundleId()).isEqualTo("bundle--1");
      assertThat(r.bundleOther()).containsKey("x_y");
    }
  }

  @Test
  void nonObjectInputAndMalformedJsonAreKasaExceptions() {
    assertThatThrownBy(() -> new StixReader(in("[1]"), "t"))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("not a STIX bundle");
    try (var r = new StixReader(in("{\"objects\":[" + GOOD.replace('`', '"') + ",{\"a\":}"), "t")) {
      assertThat(r.next()).isNotNull();
      assertThatThrownBy(r::next)
          .isInstanceOfSatisfying(
              KasaException.class, k -> assertThat(k.code()).isEqualTo(ErrorCode.INVALID_INPUT))
          .hasMessageContaining("malformed JSON at line 1");
    }
  }

  @Test
  void skippedPropertiesAreNotDecoded() {
    String ind =
        "{`type`:`x-thing`,`id`:`x-thing--44298a74-ba52-4f0c-87a3-1824e67d7fad`,"
            + "`x_skip`:{`a`:[1,2]},`x_keep`:1}";
    try (var r =
        new StixReader(
            in(bundle(ind)), "t", StixReaderLimits.DEFAULT, (type, p) -> !p.equals("x_skip"))) {
      assertThat(r.next().object().other()).containsOnlyKeys("x_keep");
    }
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The reader picks the indicator fast path from an object's first decoded property, in a method
   * of its own: whatever the order of properties and kinds of objects, the entries are those of the
   * general path.
   */
  @Test
  void fastPathDispatchGivesTheGeneralPathsEntries() {
    String id = "`id`:`indicator--44298a74-ba52-4f0c-87a3-1824e67d7fad`";
    String rest =
        "`spec_version`:`2.1`,`created`:`2024-01-01T00:00:00Z`,"
            + "`modified`:`2024-01-01T00:00:00Z`,`pattern`:`[ipv4-addr:value = '1.2.3.4']`,"
            + "`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`";
    String json =
        bundle(
            GOOD,
            "{`type`:`indicator`," + id + "," + rest + "}",
            // not a property the fast path takes: handed over to the general path mid-object
            "{`type`:`indicator`," + id + ",`x_custom`:1," + rest + "}",
            // a repeated type after the handover: the general path's type is the last one
            "{`type`:`indicator`," + id + ",`x_custom`:1,`type`:`relationship`," + rest + "}",
            // type not first: the general path
            "{" + id + ",`type`:`indicator`," + rest + "}",
            "{`x_skipped`:[1,2],`type`:`indicator`," + id + "," + rest + "}",
            "{`type`:`indicator`," + id + ",`x_big`:`" + "a".repeat(600) + "`," + rest + "}",
            "{`type`:`indicator`}",
            "{`type`:7," + id + "}",
            "{}",
            GOOD);
    // The skipped property is not decoded: the first decoded property is the type.
    java.util.function.BiPredicate<String, String> keep =
        (type, property) -> !property.equals("x_skipped");
    var limits = new StixReaderLimits(500, 64);
    List<StixEntry> fast = read(json, keep, limits, true);
    assertThat(fast.toString()).isEqualTo(read(json, keep, limits, false).toString());
    assertThat(fast)
        .extracting(StixEntry::isValid)
        .containsExactly(true, true, true, false, true, true, false, false, false, false, true);
  }

  private static List<StixEntry> read(
      String json,
      java.util.function.BiPredicate<String, String> keep,
      StixReaderLimits limits,
      boolean fast) {
    var out = new java.util.ArrayList<StixEntry>();
    try (var r =
        new StixReader(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            "b.json",
            limits,
            keep,
            fast)) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
    }
    return out;
  }
}
