package dev.kasa.intel;

import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which MISP attribute types Kasa can match, and how a composite value ({@code domain|ip}, {@code
 * filename|sha256}, {@code ip-dst|port}) splits into matchable parts.
 */
final class MispAttributes {
  private MispAttributes() {}

  /**
   * A matchable part of an attribute value, or the reason there is none; {@code port} is the port
   * an {@code ip-dst|port} or {@code ip-src|port} address also requires, else null.
   */
  record Part(ObservableType type, String value, String error, PortConstraint port) {
    Part(ObservableType type, String value, String error) {
      this(type, value, error, null);
    }
  }

  /**
   * The matchable parts of an attribute: empty when its type has none (unsupported); a part with an
   * error when the type is matchable but the value is not valid for it.
   */
  static List<Part> parts(String type, String value) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    if (t.equals("malware-sample")) {
      // Its value is "filename|md5"; the sample itself travels as an attachment.
      t = "filename|md5";
    }
    int bar = t.indexOf('|');
    if (bar < 0) {
      Kind k = kind(t);
      // A MISP uri is usually a bare path ("/gate.php"): only a full URL can be matched.
      if (k == Kind.NONE || k == Kind.URI && !value.contains("://")) {
        return List.of();
      }
      return List.of(part(k, value));
    }
    List<String> types = split(t, Integer.MAX_VALUE);
    List<Kind> kinds = new ArrayList<>(types.size());
    boolean any = false;
    for (String component : types) {
      Kind k = kind(component);
      kinds.add(k);
      any |= k != Kind.NONE;
    }
    if (!any) {
      return List.of();
    }
    // A filename may itself contain '|': when only the last part is matchable, it is after the
    // last bar.
    int last = value.lastIndexOf('|');
    List<String> values =
        types.size() == 2 && kinds.get(0) == Kind.NONE && last >= 0
            ? List.of(value.substring(0, last), value.substring(last + 1))
            : split(value, types.size());
    if (values.size() != types.size()) {
      return List.of(
          new Part(
              null,
              value,
              "value has " + values.size() + " parts, type '" + type + "' " + types.size()));
    }
    if (types.size() == 2 && types.get(1).equals("port") && kinds.get(0) == Kind.ADDRESS) {
      return List.of(addressAndPort(types.get(0), values.get(0), values.get(1)));
    }
    List<Part> parts = new ArrayList<>(2);
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i) != Kind.NONE) {
        parts.add(part(kinds.get(i), values.get(i)));
      }
    }
    return parts;
  }

  /** Whether a MISP attribute type is a link: context even when marked for IDS. */
  static boolean isContextOnly(String type) {
    return type.equalsIgnoreCase("link");
  }

  private enum Kind {
    ADDRESS,
    DOMAIN,
    URL,
    URI,
    EMAIL,
    MD5,
    SHA1,
    SHA256,
    SHA512,
    NONE
  }

  private static Kind kind(String component) {
    return switch (component) {
      case "ip-src", "ip-dst", "ip" -> Kind.ADDRESS;
      case "domain", "hostname" -> Kind.DOMAIN;
      case "url" -> Kind.URL;
      case "uri" -> Kind.URI;
      case "email",
          "email-src",
          "email-dst",
          "email-reply-to",
          "target-email",
          "whois-registrant-email" ->
          Kind.EMAIL;
      case "md5" -> Kind.MD5;
      case "sha1" -> Kind.SHA1;
      case "sha256" -> Kind.SHA256;
      case "sha512" -> Kind.SHA512;
      default -> Kind.NONE;
    };
  }

  private static Part part(Kind kind, String raw) {
    String v = raw.strip();
    ObservableType type =
        switch (kind) {
          case ADDRESS -> v.indexOf(':') >= 0 ? ObservableType.IPV6 : ObservableType.IPV4;
          case DOMAIN -> ObservableType.DOMAIN;
          case URL, URI -> ObservableType.URL;
          case EMAIL -> ObservableType.EMAIL;
          case MD5 -> ObservableType.MD5;
          case SHA1 -> ObservableType.SHA1;
          case SHA256 -> ObservableType.SHA256;
          case SHA512 -> ObservableType.SHA512;
          case NONE -> throw new IllegalArgumentException("no observable type for " + raw);
        };
    var normal = Observables.tryNormalize(type, v);
    if (normal.isEmpty()) {
      return new Part(
          type,
          raw,
          "not a valid " + type.stixName() + " value: '" + PlainListImporter.clip(raw) + "'");
    }
    return new Part(type, normal.get(), null);
  }

  /**
   * {@code ip-dst|port}, {@code ip-src|port}: the address, matched only with the port on its side
   * ({@code ip|port} names no side and matches the address alone, as before).
   */
  private static Part addressAndPort(String addressType, String address, String port) {
    Part a = part(Kind.ADDRESS, address);
    if (a.error() != null || addressType.equals("ip")) {
      return a;
    }
    Integer p = PortConstraint.parsePort(port);
    if (p == null) {
      return new Part(
          a.type(), port, "not a valid port (0 to 65535): '" + PlainListImporter.clip(port) + "'");
    }
    var side =
        addressType.equals("ip-src") ? PortConstraint.Side.SOURCE : PortConstraint.Side.DESTINATION;
    return new Part(a.type(), a.value(), null, new PortConstraint(side, p));
  }

  private static List<String> split(String s, int max) {
    List<String> out = new ArrayList<>(2);
    int start = 0;
    while (out.size() < max - 1) {
      int bar = s.indexOf('|', start);
      if (bar < 0) {
        break;
      }
      out.add(s.substring(start, bar));
      start = bar + 1;
    }
    out.add(s.substring(start));
    return out;
  }

  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (dash ? c != '-' : !hex) {
        return false;
      }
    }
    return true;
  }
}
