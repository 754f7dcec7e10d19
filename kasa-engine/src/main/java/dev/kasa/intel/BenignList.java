package dev.kasa.intel;

import com.google.re2j.Pattern;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One list of well-known benign values (a user's allowlist or one MISP warninglist): what an
 * indicator must equal, contain, fall under (a hostname and its subdomains, an address range) or
 * match to be suppressed. Not thread-safe while adding; safe to read once built.
 */
final class BenignList {
  /** How a MISP warninglist's entries match, after its {@code type}. */
  enum Kind {
    STRING,
    SUBSTRING,
    HOSTNAME,
    CIDR,
    REGEX
  }

  final String name;
  private final Set<String> exact = new HashSet<>();
  private final Set<String> hostnames = new HashSet<>();
  private final List<String> substrings = new ArrayList<>();
  private final List<Pattern> regexes = new ArrayList<>();
  private final AddressRanges ranges = new AddressRanges();

  BenignList(String name) {
    this.name = name;
  }

  /**
   * Adds one entry; returns null when it was taken, or why it was not. A {@code STRING} entry that
   * is an address range counts as one, since allowlists mix values and networks.
   */
  String add(Kind kind, String raw) {
    String v = raw.strip();
    if (v.isEmpty()) {
      return "empty entry";
    }
    switch (kind) {
      case STRING -> {
        if (v.indexOf('/') > 0 && ranges.add(v)) {
          return null;
        }
        Observables.Typed typed = Observables.inferNormalized(v);
        exact.add(typed != null ? typed.value() : v.toLowerCase(Locale.ROOT));
      }
      case SUBSTRING -> substrings.add(v.toLowerCase(Locale.ROOT));
      case HOSTNAME -> {
        String h = v.toLowerCase(Locale.ROOT);
        h = h.startsWith("*.") ? h.substring(2) : h.startsWith(".") ? h.substring(1) : h;
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        if (h.isEmpty()) {
          return "empty hostname '" + raw + "'";
        }
        hostnames.add(h);
      }
      case CIDR -> {
        if (!ranges.add(v)) {
          return "not an address or CIDR range: '" + raw + "'";
        }
      }
      case REGEX -> {
        String body = v;
        // MISP writes regexes as /…/flags, as PHP's preg_match takes them.
        if (body.length() > 2 && body.startsWith("/") && body.lastIndexOf('/') > 0) {
          String flags = body.substring(body.lastIndexOf('/') + 1);
          body = body.substring(1, body.lastIndexOf('/'));
          if (flags.contains("i")) {
            body = "(?i)" + body;
          }
        }
        try {
          regexes.add(Pattern.compile(body));
        } catch (RuntimeException e) {
          return "not a regular expression RE2 accepts: '" + raw + "'";
        }
      }
    }
    return null;
  }

  /** Whether the indicator value {@code value} of {@code type} (canonical form) is on the list. */
  boolean covers(ObservableType type, String value) {
    if (exact.contains(value)) {
      return true;
    }
    if (type.isAddress() && !ranges.isEmpty() && ranges.covers(value)) {
      return true;
    }
    if (!hostnames.isEmpty()) {
      String host =
          switch (type) {
            case DOMAIN -> value;
            case URL -> Observables.hostOfNormalizedUrl(value);
            case EMAIL -> value.substring(value.lastIndexOf('@') + 1);
            case IPV4, IPV6, MD5, SHA1, SHA256, SHA512 -> null;
          };
      if (host != null && underHostname(host)) {
        return true;
      }
    }
    for (String s : substrings) {
      if (value.contains(s)) {
        return true;
      }
    }
    for (Pattern p : regexes) {
      if (p.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  /** The host itself or one of its parent domains is a listed hostname. */
  private boolean underHostname(String host) {
    String h = host;
    while (true) {
      if (hostnames.contains(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        return false;
      }
      h = h.substring(dot + 1);
    }
  }
}
