package dev.kasa.stix;

import dev.kasa.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: bundles from single-quoted JSON snippets. */
final class StixJson {
  private StixJson() {}

  static String bundle(String... objects) {
    return "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
        + "\"objects\":["
        + String.join(",", objects).replace('`', '"')
        + "]}";
  }

  static List<StixEntry> entries(String json) {
    return entries(json, StixReaderLimits.DEFAULT);
  }

  static List<StixEntry> entries(String json, StixReaderLimits limits) {
    List<StixEntry> out = new ArrayList<>();
    try (var r =
        new StixReader(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test", limits)) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
    }
    return out;
  }

  static List<Problem> errorsOf(String object) {
    List<StixEntry> e = entries(bundle(object));
    return e.get(0).errors();
  }
}
