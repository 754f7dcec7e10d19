package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.Versions;
import dev.kasa.stix.StixTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The URL filters of TAXII 2.1 section 3.4, parsed and checked: {@code added_after}, {@code limit},
 * {@code next}, {@code match[id|type|version|spec_version]}. A malformed or repeated parameter is
 * 400; a {@code match[...]} field an endpoint does not support is ignored, as the specification
 * allows.
 */
final class TaxiiFilters {
  /** The page size when the client gives no limit, and the largest page the node serves. */
  static final int DEFAULT_LIMIT = 1000;

  static final int MAX_LIMIT = 10_000;
  private static final int MAX_VALUES = 1000;

  private TaxiiFilters() {}

  /** Which filters an endpoint takes. */
  enum Allowed {
    OBJECTS(Set.of("id", "type", "version", "spec_version")),
    OBJECT(Set.of("version", "spec_version")),
    VERSIONS(Set.of("spec_version")),
    DELETE(Set.of("version", "spec_version"));

    final Set<String> match;

    Allowed(Set<String> match) {
      this.match = match;
    }
  }

  /**
   * The query for an endpoint, with {@code ids} fixed for the by-id endpoints and {@code
   * defaultVersions} used when no {@code match[version]} is given.
   */
  static EntryQuery parse(
      Map<String, List<String>> params,
      Allowed allowed,
      List<String> ids,
      VersionSelector defaultVersions) {
    long after = Long.MIN_VALUE;
    String addedAfter = single(params, "added_after");
    if (addedAfter != null) {
      Instant t = StixTimestamp.parseInstant(addedAfter);
      if (t == null) {
        throw bad(
            "added_after must be a timestamp such as 2024-01-02T03:04:05.678901Z but is '"
                + TaxiiMedia.clip(addedAfter)
                + "'");
      }
      after = Versions.micros(t);
    }
    String next = single(params, "next");
    if (next != null) {
      if (!next.matches("-?[0-9]{1,19}")) {
        throw bad(
            "next must be a value from a previous response's 'next' but is '"
                + TaxiiMedia.clip(next)
                + "'");
      }
      try {
        after = Math.max(after, Long.parseLong(next));
      } catch (NumberFormatException e) {
        throw bad("next is out of range: '" + next + "'");
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitText = single(params, "limit");
    if (limitText != null) {
      if (!limitText.matches("[0-9]{1,10}")) {
        throw bad("limit must be a positive integer but is '" + TaxiiMedia.clip(limitText) + "'");
      }
      long l = Long.parseLong(limitText);
      if (l < 1) {
        throw bad("limit must be greater than zero but is " + l);
      }
      limit = (int) Math.min(l, MAX_LIMIT);
    }
    List<String> matchIds = allowed.match.contains("id") ? values(params, "id") : List.of();
    List<String> types = allowed.match.contains("type") ? values(params, "type") : List.of();
    List<String> specs =
        allowed.match.contains("spec_version") ? values(params, "spec_version") : List.of();
    for (String s : specs) {
      if (!s.matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
        throw bad(
            "match[spec_version] values must look like 2.1 but one is '"
                + TaxiiMedia.clip(s)
                + "'");
      }
    }
    VersionSelector versions = defaultVersions;
    if (allowed.match.contains("version") && params.containsKey("match[version]")) {
      versions = versions(values(params, "version"));
    }
    List<String> allIds = ids.isEmpty() ? matchIds : ids;
    if (!ids.isEmpty() && !matchIds.isEmpty()) {
      allIds = matchIds.stream().filter(ids::contains).toList();
      if (allIds.isEmpty()) {
        allIds = List.of("\u0000none");
      }
    }
    return new EntryQuery(after, limit, allIds, types, versions, specs);
  }

  private static VersionSelector versions(List<String> values) {
    boolean last = false;
    boolean first = false;
    boolean all = false;
    var keys = new ArrayList<String>();
    for (String v : values) {
      switch (v) {
        case "last" -> last = true;
        case "first" -> first = true;
        case "all" -> all = true;
        default -> {
          Instant t = StixTimestamp.parseInstant(v);
          if (t == null) {
            throw bad(
                "match[version] values must be last, first, all or a timestamp, not '"
                    + TaxiiMedia.clip(v)
                    + "'");
          }
          keys.add(Versions.key(t));
        }
      }
    }
    if (all && values.size() > 1) {
      throw bad("match[version]=all cannot be combined with other versions");
    }
    return new VersionSelector(last, first, all, keys);
  }

  // The comma-separated values of match[field]; repeated or empty values are 400.
  private static List<String> values(Map<String, List<String>> params, String field) {
    String raw = single(params, "match[" + field + "]");
    if (raw == null) {
      return List.of();
    }
    var out = new LinkedHashSet<String>();
    for (String v : raw.split(",", -1)) {
      if (v.isEmpty()) {
        throw bad("match[" + field + "] has an empty value");
      }
      if (!out.add(v)) {
        throw bad("match[" + field + "] names '" + TaxiiMedia.clip(v) + "' twice");
      }
    }
    if (out.size() > MAX_VALUES) {
      throw bad("match[" + field + "] has more than " + MAX_VALUES + " values");
    }
    return List.copyOf(out);
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw bad(name + " may be given only once");
    }
    if (v.get(0).isEmpty()) {
      throw bad(name + " is empty");
    }
    return v.get(0);
  }

  private static HttpProblem bad(String message) {
    return new HttpProblem(HttpProblem.Kind.BAD_REQUEST, message);
  }
}
