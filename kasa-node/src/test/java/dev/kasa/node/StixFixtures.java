package dev.kasa.node;

import dev.kasa.stix.Tlp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** STIX objects and envelopes written for the tests. */
public final class StixFixtures {
  private StixFixtures() {}

  /** An indicator with a fixed id and modified time, marked with {@code tlp} (none for NONE). */
  public static String indicator(String id, String modified, Tlp tlp) {
    String marking =
        tlp.markingId().map(m -> ",\"object_marking_refs\":[\"" + m + "\"]").orElse("");
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\""
        + modified
        + "\",\"name\":\"test\",\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\","
        + "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\""
        + marking
        + "}";
  }

  public static String indicator(String id) {
    return indicator(id, "2024-01-01T00:00:00.000Z", Tlp.NONE);
  }

  public static String newId() {
    return "indicator--" + UUID.randomUUID();
  }

  public static String envelope(List<String> objects) {
    return "{\"objects\":[" + String.join(",", objects) + "]}";
  }

  public static String envelope(String... objects) {
    return envelope(List.of(objects));
  }

  /** {@code n} new indicators. */
  public static List<String> indicators(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> indicator(newId()))
        .collect(Collectors.toList());
  }
}
