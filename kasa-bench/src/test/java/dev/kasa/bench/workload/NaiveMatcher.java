package dev.kasa.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deliberately simple, independent exact matcher for the tests: it checks every string in an
 * event (not only the fields Kasa's field map names) as an address, a domain with its parents, a
 * hash and a URL, plus Zeek http's {@code http://host+uri}.
 */
final class NaiveMatcher {
  private final Set<Long> addresses = new HashSet<>();
  private final List<long[]> ranges = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  NaiveMatcher(List<String> values) {
    for (String v : values) {
      int slash = v.indexOf('/');
      if (!v.contains("://") && slash > 0) {
        int prefix = Integer.parseInt(v.substring(slash + 1));
        ranges.add(new long[] {ipv4(v.substring(0, slash)), prefix});
      } else if (ipv4(v) >= 0) {
        addresses.add(ipv4(v));
      } else {
        names.add(v.toLowerCase(Locale.ROOT));
      }
    }
  }

  boolean matches(JsonNode event) {
    if (event.has("host") && event.has("uri")) {
      if (names.contains("http://" + event.get("host").asText() + event.get("uri").asText())) {
        return true;
      }
    }
    return anyString(event);
  }

  private boolean anyString(JsonNode node) {
    if (node.isTextual()) {
      return matchesString(node.asText());
    }
    for (JsonNode child : node) {
      if (anyString(child)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesString(String s) {
    long a = ipv4(s);
    if (a >= 0) {
      if (addresses.contains(a)) {
        return true;
      }
      for (long[] r : ranges) {
        if ((a >>> (32 - r[1])) == (r[0] >>> (32 - r[1]))) {
          return true;
        }
      }
      return false;
    }
    String v = s.toLowerCase(Locale.ROOT);
    for (String suffix = v; ; ) {
      if (names.contains(suffix)) {
        return true;
      }
      int dot = suffix.indexOf('.');
      if (dot < 0) {
        return false;
      }
      suffix = suffix.substring(dot + 1);
    }
  }

  static long ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long a = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int o = Integer.parseInt(p);
      if (o > 255) {
        return -1;
      }
      a = (a << 8) | o;
    }
    return a;
  }
}
