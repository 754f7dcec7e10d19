package dev.kasa.observable;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Canonical forms of observable values, shared by indicators and events so that both sides of a
 * comparison are normalised the same way. The rules are documented in {@code docs/matching.md}.
 * Thread-safe: stateless.
 */
public final class Observables {
  static final int MAX_DOMAIN_LENGTH = 253;

  private Observables() {}

  /**
   * Returns the canonical form of {@code raw} as a value of {@code type}.
   *
   * <ul>
   *   <li>IPv4/IPv6: canonical address; a CIDR keeps its prefix with host bits cleared, and a full
   *       prefix ({@code /32}, {@code /128}) becomes the plain address.
   *   <li>Domain: lower case, trailing dot removed, internationalised names in their ASCII form.
   *   <li>URL: scheme and host lower case, default port dropped, empty path as {@code /}; a value
   *       without a scheme is read as {@code http://}.
   *   <li>Email: lower case; a header form {@code "Name" <a@b>} yields the address.
   *   <li>Hashes: lower-case hex of the algorithm's length.
   * </ul>
   *
   * @throws KasaException with {@link ErrorCode#INVALID_INPUT} naming the value when it is not a
   *     valid value of {@code type}
   */
  public static String normalize(ObservableType type, String raw) {
    String result = canonical(type, raw);
    if (result == null) {
      throw new KasaException(
          ErrorCode.INVALID_INPUT,
          "not a valid " + type.stixName() + " value: '" + clip(raw) + "'");
    }
    return result;
  }

  /** Like {@link #normalize} but empty instead of throwing. */
  public static Optional<String> tryNormalize(ObservableType type, String raw) {
    // No exception on the way: events are full of values that are not what a field map hoped for.
    return Optional.ofNullable(canonical(type, raw));
  }

  private static String canonical(ObservableType type, String raw) {
    String value = raw.strip();
    return switch (type) {
      case IPV4 -> ipv4(value);
      case IPV6 -> ipv6(value);
      case DOMAIN -> domain(value);
      case URL -> url(value);
      case EMAIL -> emailAddressOf(value);
      case MD5 -> hash(value, 32);
      case SHA1 -> hash(value, 40);
      case SHA256 -> hash(value, 64);
      case SHA512 -> hash(value, 128);
    };
  }

  /**
   * A value and its type.
   *
   * @param type the observable type, non-null
   * @param value the value in the canonical form of {@link #normalize}, non-null
   */
  public record Typed(ObservableType type, String value) {
    public Typed {
      java.util.Objects.requireNonNull(type, "type");
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Guesses the type of a bare value, as found in a plain indicator list: addresses and CIDRs,
   * hashes by hex length, email addresses, URLs (with a scheme) and domain names.
   */
  public static Optional<ObservableType> infer(String raw) {
    Typed typed = inferNormalized(raw);
    return typed == null ? Optional.empty() : Optional.of(typed.type());
  }

  /**
   * {@link #infer} and {@link #normalize} in one pass: the type of a bare value and its canonical
   * form, or null when the type cannot be told. An already canonical value is returned as the same
   * instance.
   */
  public static Typed inferNormalized(String raw) {
    String v = raw.strip();
    if (v.isEmpty()) {
      return null;
    }
    String c = ipv4(v);
    if (c != null) {
      return new Typed(ObservableType.IPV4, c);
    }
    if (v.indexOf(':') >= 0 && (c = ipv6(v)) != null) {
      return new Typed(ObservableType.IPV6, c);
    }
    if (isHex(v)) {
      ObservableType hash =
          switch (v.length()) {
            case 32 -> ObservableType.MD5;
            case 40 -> ObservableType.SHA1;
            case 64 -> ObservableType.SHA256;
            case 128 -> ObservableType.SHA512;
            default -> null;
          };
      if (hash != null) {
        return new Typed(hash, v.toLowerCase(Locale.ROOT));
      }
    }
    if (v.contains("://")) {
      return typed(ObservableType.URL, url(v));
    }
    if (v.indexOf('@') > 0) {
      return typed(ObservableType.EMAIL, email(v));
    }
    int slash = v.indexOf('/');
    if (slash > 0) {
      // An address before the slash is a CIDR with a bad prefix, not a URL to that address.
      String head = v.substring(0, slash);
      if (ipv4(head) != null || (head.indexOf(':') >= 0 && ipv6(head) != null)) {
        return null;
      }
      return typed(ObservableType.URL, url(v));
    }
    return v.indexOf('.') > 0 ? typed(ObservableType.DOMAIN, domain(v)) : null;
  }

  private static Typed typed(ObservableType type, String canonical) {
    return canonical == null ? null : new Typed(type, canonical);
  }

  /**
   * Extracts the address from an email header value such as {@code "Name" <a@b.example>} or {@code
   * a@b.example}; null when there is none.
   */
  public static String emailAddressOf(String header) {
    int lt = header.lastIndexOf('<');
    int gt = header.lastIndexOf('>');
    String candidate = lt >= 0 && gt > lt ? header.substring(lt + 1, gt) : header;
    return email(candidate.strip());
  }

  static String ipv4(String v) {
    int slash = v.indexOf('/');
    if (slash < 0) {
      // The parser accepts only dotted quads without leading zeros: exactly the canonical form.
      return Addresses.parseIpv4(v) < 0 ? null : v;
    }
    return cidr4(v, slash, true);
  }

  /** {@link #ipv4} without the shortcut for canonical input; the reference in tests. */
  static String rebuiltIpv4(String v) {
    int slash = v.indexOf('/');
    if (slash < 0) {
      long a = Addresses.parseIpv4(v);
      return a < 0 ? null : Addresses.formatIpv4(a);
    }
    return cidr4(v, slash, false);
  }

  private static String cidr4(String v, int slash, boolean shortcut) {
    long a = Addresses.parseIpv4(v, 0, slash);
    int prefix = prefix(v, slash + 1, 32);
    if (a < 0 || prefix < 0) {
      return null;
    }
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    if (shortcut
        && (a & mask) == a
        && prefix != 32
        && (slash + 2 == v.length() || v.charAt(slash + 1) != '0')) {
      return v;
    }
    String address = Addresses.formatIpv4(a & mask);
    return prefix == 32 ? address : address + "/" + prefix;
  }

  static String ipv6(String v) {
    int slash = v.indexOf('/');
    long[] parts = new long[2];
    if (slash < 0) {
      return Addresses.parseIpv6(v, parts) ? Addresses.formatIpv6(parts[0], parts[1]) : null;
    }
    int prefix = prefix(v, slash + 1, 128);
    if (prefix < 0 || !Addresses.parseIpv6(v, 0, slash, parts)) {
      return null;
    }
    long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
    long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    String address = Addresses.formatIpv6(parts[0] & hiMask, parts[1] & loMask);
    return prefix == 128 ? address : address + "/" + prefix;
  }

  private static int prefix(String v, int from, int max) {
    if (from >= v.length() || v.length() - from > 3) {
      return -1;
    }
    int p = 0;
    for (int i = from; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      p = p * 10 + (c - '0');
    }
    return p <= max ? p : -1;
  }

  static String domain(String v) {
    return CanonicalShapes.isDomain(v, 0, v.length()) ? v : rebuiltDomain(v);
  }

  /** {@link #domain} without the shortcut for canonical input; the reference in tests. */
  static String rebuiltDomain(String v) {
    String d = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    if (d.isEmpty() || d.length() > MAX_DOMAIN_LENGTH) {
      return null;
    }
    if (!isAscii(d)) {
      try {
        d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    d = d.toLowerCase(Locale.ROOT);
    if (allDigits(d, d.lastIndexOf('.') + 1)) {
      // RFC 3696 section 2: a top-level domain is never all-numeric; "256.1.1.1" is a bad address.
      return null;
    }
    int labelStart = 0;
    for (int i = 0; i <= d.length(); i++) {
      if (i == d.length() || d.charAt(i) == '.') {
        int len = i - labelStart;
        if (len == 0 || len > 63) {
          return null;
        }
        labelStart = i + 1;
        continue;
      }
      char c = d.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return null;
      }
    }
    return d;
  }

  private static boolean allDigits(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return from < s.length();
  }

  static String url(String v) {
    return CanonicalShapes.isUrl(v) ? v : rebuiltUrl(v);
  }

  /** {@link #url} without the shortcut for canonical input; the reference in tests. */
  static String rebuiltUrl(String v) {
    if (v.isEmpty() || containsWhitespace(v)) {
      return null;
    }
    int schemeEnd = v.indexOf("://");
    String scheme;
    String rest;
    if (schemeEnd > 0 && isScheme(v, schemeEnd)) {
      scheme = v.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      rest = v.substring(schemeEnd + 3);
    } else if (schemeEnd < 0) {
      scheme = "http";
      rest = v;
    } else {
      return null;
    }
    int pathStart = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        pathStart = i;
        break;
      }
    }
    String authority = rest.substring(0, pathStart);
    String path = rest.substring(pathStart);
    int at = authority.lastIndexOf('@');
    String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
    String hostPort = authority.substring(at + 1);
    String host;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return null;
      }
      String v6 = ipv6(hostPort.substring(1, close));
      if (v6 == null || v6.indexOf('/') >= 0) {
        return null;
      }
      host = "[" + v6 + "]";
      port = hostPort.substring(close + 1);
      if (!port.isEmpty() && !port.startsWith(":")) {
        return null;
      }
      port = port.isEmpty() ? "" : port.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
      port = colon >= 0 ? hostPort.substring(colon + 1) : "";
      String v4 = ipv4(host);
      host = v4 != null && v4.indexOf('/') < 0 ? v4 : domain(host);
      if (host == null) {
        return null;
      }
    }
    if (!port.isEmpty() && !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    if (port.equals(defaultPort(scheme))) {
      port = "";
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      path = "/" + path;
    }
    return scheme + "://" + userInfo + host + (port.isEmpty() ? "" : ":" + port) + path;
  }

  /**
   * The host of a normalised URL, without brackets for IPv6, or null. Used to check a URL's host as
   * a domain or address.
   */
  public static String hostOfNormalizedUrl(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return null;
    }
    start += 3;
    int end = start;
    while (end < url.length() && url.charAt(end) != '/') {
      end++;
    }
    String authority = url.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return authority.substring(1, close);
    }
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }

  static String defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> "80";
      case "https", "wss" -> "443";
      case "ftp" -> "21";
      default -> "";
    };
  }

  static String email(String v) {
    int at = v.lastIndexOf('@');
    if (at <= 0 || at == v.length() - 1 || containsWhitespace(v) || v.indexOf('<') >= 0) {
      return null;
    }
    String domain = domain(v.substring(at + 1));
    if (domain == null) {
      return null;
    }
    return v.substring(0, at).toLowerCase(Locale.ROOT) + "@" + domain;
  }

  static String hash(String v, int length) {
    if (v.length() != length || !isHex(v)) {
      return null;
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static boolean isHex(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isScheme(String v, int end) {
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      boolean ok =
          Character.isLetter(c) && c < 128
              || i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value} is a valid value of {@code type} in the canonical form of {@link
   * #normalize}. Cheap for the common canonical shapes, which are recognised without copying.
   */
  public static boolean isCanonical(ObservableType type, String value) {
    String c = canonical(type, value);
    return c == value || (c != null && c.equals(value));
  }

  private static boolean containsWhitespace(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String raw) {
    return raw.length() <= 200 ? raw : raw.substring(0, 200) + "…";
  }
}
