package dev.kasa.event;

import dev.kasa.observable.Addresses;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns field values found by a decoder into observables of one {@link DecodedRecord}: checks each
 * value against its role, splits lists, composes URL pairs at the end of the record. Not
 * thread-safe: one per decoder.
 */
final class Extractor {
  private final DecodedRecord record;
  private final FieldMap map;
  private final String[] pairHost;
  private final String[] pairPath;
  private final String[] pairHostField;
  private final String[] pairNames;
  private final long[] ip6 = new long[2];
  private int timeRank;

  Extractor(DecodedRecord record, FieldMap map) {
    this.record = record;
    this.map = map;
    int n = map.pairCount();
    pairHost = new String[n];
    pairPath = new String[n];
    pairHostField = new String[n];
    pairNames = map.urlPairs().toArray(new String[0]);
  }

  DecodedRecord record() {
    return record;
  }

  FieldMap map() {
    return map;
  }

  void begin(long line) {
    record.reset(line);
    record.useContext(map.context());
    timeRank = Integer.MAX_VALUE;
    if (pairHost.length > 0) {
      Arrays.fill(pairHost, null);
      Arrays.fill(pairPath, null);
    }
  }

  /** Offers an event time from the TIME field of rank {@code rank} (lower wins). */
  void time(int rank, long millis) {
    if (millis != DecodedRecord.NO_TIME && rank < timeRank) {
      timeRank = rank;
      record.setTimeMillis(millis);
    }
  }

  /** A string value of a mapped field (TIME is handled by the decoder from bytes). */
  void value(Slot slot, String value) {
    if (slot.role() != null && slot.role() != Role.TIME) {
      emit(slot.field(), slot.role(), value);
    }
    if (slot.pairHost() >= 0 && pairHost[slot.pairHost()] == null) {
      pairHost[slot.pairHost()] = value;
      pairHostField[slot.pairHost()] = slot.field();
    }
    if (slot.pairPath() >= 0 && pairPath[slot.pairPath()] == null) {
      pairPath[slot.pairPath()] = value;
    }
  }

  /** Completes the record: composes URL pairs. */
  void finish() {
    for (int i = 0; i < pairHost.length; i++) {
      String path = pairPath[i];
      if (path == null || path.isEmpty() || path.equals("-")) {
        continue;
      }
      String url;
      if (path.regionMatches(true, 0, "http://", 0, 7)
          || path.regionMatches(true, 0, "https://", 0, 8)) {
        url = path;
      } else if (pairHost[i] != null && !pairHost[i].isEmpty() && !pairHost[i].equals("-")) {
        url = "http://" + pairHost[i] + (path.startsWith("/") ? "" : "/") + path;
      } else {
        continue;
      }
      String normal = Observables.tryNormalize(ObservableType.URL, url).orElse(null);
      addUrl(pairNames[i], url, normal);
      if (normal != null
          && map.roles().get(pairHostField[i] == null ? "" : pairHostField[i]) == null) {
        host(pairNames[i], Observables.hostOfNormalizedUrl(normal));
      }
    }
  }

  void emit(String field, Role role, String value) {
    switch (role) {
      case IP -> ip(field, value.strip());
      case DOMAIN -> host(field, value.strip());
      case URL -> url(field, value.strip());
      case EMAIL -> emails(field, value);
      case MD5 -> hash(field, ObservableType.MD5, value.strip());
      case SHA1 -> hash(field, ObservableType.SHA1, value.strip());
      case SHA256 -> hash(field, ObservableType.SHA256, value.strip());
      case SHA512 -> hash(field, ObservableType.SHA512, value.strip());
      case HASHES -> hashes(field, value);
      case TIME -> {
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        time(0, EventTimes.parse(b, 0, b.length));
      }
      case TEXT -> TextTokens.each(value, word -> word(field, word));
    }
  }

  /** One word of free text: a URL, a hash, an email address, else an address or a domain. */
  private void word(String field, String w) {
    if (w.indexOf("://") > 0) {
      url(field, w);
      return;
    }
    ObservableType hash = isHex(w) ? byLength(w.length()) : null;
    if (hash != null) {
      hash(field, hash, w);
    } else if (w.indexOf('@') > 0) {
      emails(field, w);
    } else {
      host(field, w);
    }
  }

  private boolean ip(String field, String v) {
    if (v.indexOf(':') < 0 && v.length() >= 7 && v.length() <= 15) {
      long address = Addresses.parseIpv4(v);
      if (address >= 0) {
        record.addIpv4(field, v, address);
        return true;
      }
      return false;
    }
    ObservableType t = ipType(v);
    if (t != null) {
      record.add(field, t, v);
      return true;
    }
    return false;
  }

  private ObservableType ipType(String v) {
    if (v.length() < 2 || v.length() > 45) {
      return null;
    }
    if (v.indexOf(':') >= 0) {
      return Addresses.parseIpv6(v, ip6) ? ObservableType.IPV6 : null;
    }
    return Addresses.parseIpv4(v) >= 0 ? ObservableType.IPV4 : null;
  }

  private void host(String field, String v) {
    if (ip(field, v)) {
      return;
    }
    if (v.startsWith("[") && v.indexOf(']') > 0) {
      ip(field, v.substring(1, v.indexOf(']')));
      return;
    }
    int colon = v.indexOf(':');
    if (colon > 0 && colon == v.lastIndexOf(':')) {
      // Either side of one colon: an address and its port (203.0.113.7:443), or a label and an
      // address (a firewall's interface, outside:203.0.113.7).
      String left = v.substring(0, colon);
      String right = v.substring(colon + 1);
      if (ip(field, left) || ip(field, right)) {
        return;
      }
      if (looksLikeDomain(left)) {
        record.add(field, ObservableType.DOMAIN, left);
      } else if (looksLikeDomain(right)) {
        record.add(field, ObservableType.DOMAIN, right);
      }
      return;
    }
    if (looksLikeDomain(v)) {
      record.add(field, ObservableType.DOMAIN, v);
    }
  }

  static boolean looksLikeDomain(String v) {
    int n = v.length();
    if (n > 0 && v.charAt(n - 1) == '.') {
      n--;
    }
    if (n < 3 || n > 253 || v.charAt(0) == '.' || v.charAt(0) == '-') {
      return false;
    }
    int lastDot = -1;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c == '.') {
        if (i == lastDot + 1) {
          return false;
        }
        lastDot = i;
      } else if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    if (lastDot < 0 || lastDot == n - 1) {
      return false;
    }
    for (int i = lastDot + 1; i < n; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return true;
      }
    }
    return false;
  }

  private void url(String field, String v) {
    if (v.indexOf("://") <= 0) {
      return;
    }
    String normal = Observables.tryNormalize(ObservableType.URL, v).orElse(null);
    addUrl(field, v, normal);
    if (normal != null) {
      host(field, Observables.hostOfNormalizedUrl(normal));
    }
  }

  private void addUrl(String field, String url, String normal) {
    if (normal != null) {
      record.addNormalized(field, ObservableType.URL, url, normal);
    } else {
      record.add(field, ObservableType.URL, url);
    }
  }

  private void emails(String field, String v) {
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i <= v.length(); i++) {
      char c = i < v.length() ? v.charAt(i) : ',';
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        String part = v.substring(start, i).strip();
        if (!part.isEmpty()) {
          String address = Observables.emailAddressOf(part);
          if (address != null) {
            record.add(field, ObservableType.EMAIL, address);
          }
        }
        start = i + 1;
      }
    }
  }

  private void hash(String field, ObservableType type, String v) {
    int want =
        switch (type) {
          case MD5 -> 32;
          case SHA1 -> 40;
          case SHA256 -> 64;
          default -> 128;
        };
    if (v.length() == want && isHex(v)) {
      record.add(field, type, v);
    }
  }

  private void hashes(String field, String v) {
    for (String part : v.split(",")) {
      part = part.strip();
      int eq = part.indexOf('=');
      if (eq < 0) {
        ObservableType t = byLength(part.length());
        if (t != null) {
          hash(field, t, part);
        }
        continue;
      }
      String alg = part.substring(0, eq).strip().toUpperCase(Locale.ROOT).replace("-", "");
      String hex = part.substring(eq + 1).strip();
      switch (alg) {
        case "MD5" -> hash(field, ObservableType.MD5, hex);
        case "SHA1" -> hash(field, ObservableType.SHA1, hex);
        case "SHA256" -> hash(field, ObservableType.SHA256, hex);
        case "SHA512" -> hash(field, ObservableType.SHA512, hex);
        default -> {}
      }
    }
  }

  private static ObservableType byLength(int n) {
    return switch (n) {
      case 32 -> ObservableType.MD5;
      case 40 -> ObservableType.SHA1;
      case 64 -> ObservableType.SHA256;
      case 128 -> ObservableType.SHA512;
      default -> null;
    };
  }

  private static final boolean[] HEX = new boolean[128];

  static {
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      HEX[c] = true;
    }
  }

  private static boolean isHex(String v) {
    // One table load a digit: hash fields are long and this runs for every one of them.
    boolean hex = true;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      hex &= c < 128 && HEX[c];
    }
    return hex;
  }
}
