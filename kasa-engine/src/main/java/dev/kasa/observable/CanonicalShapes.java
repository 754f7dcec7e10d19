package dev.kasa.observable;

/**
 * Recognises values already in canonical form without allocating, so that normalising them can
 * return the same instance. Each check may answer false when unsure: the full normalisation then
 * decides. Thread-safe: stateless.
 */
final class CanonicalShapes {
  private CanonicalShapes() {}

  /**
   * Whether {@code v[from, to)} is a domain that {@link Observables#normalize} of a domain returns
   * unchanged, judged without allocating: ASCII lower case, no trailing dot, labels of 1 to 63
   * characters, a top-level label that is not all digits. False sends the value to the full
   * normalisation.
   */
  static boolean isDomain(String v, int from, int to) {
    if (to - from == 0 || to - from > Observables.MAX_DOMAIN_LENGTH) {
      return false;
    }
    int labelStart = from;
    boolean digitsOnly = true;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c == '.') {
        if (i == labelStart || i - labelStart > 63) {
          return false;
        }
        labelStart = i + 1;
        digitsOnly = true;
      } else if (c >= '0' && c <= '9') {
        continue;
      } else if ((c >= 'a' && c <= 'z') || c == '-' || c == '_') {
        digitsOnly = false;
      } else {
        return false;
      }
    }
    return to > labelStart && to - labelStart <= 63 && !digitsOnly;
  }

  /**
   * Whether {@link Observables#normalize} of a URL returns {@code v} unchanged, judged without
   * allocating for the common shape {@code scheme://[userinfo@]host[:port]/path} with a lower-case
   * scheme, a canonical IPv4 or domain host, no default port and printable ASCII only. False sends
   * the value to the full normalisation, which decides.
   */
  static boolean isUrl(String v) {
    int schemeEnd = v.indexOf("://");
    if (schemeEnd <= 0) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    for (int i = 0; i < schemeEnd; i++) {
      char c = v.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
      if (!ok) {
        return false;
      }
    }
    int authority = schemeEnd + 3;
    int pathStart = -1;
    int at = -1;
    for (int i = authority; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        pathStart = i;
        break;
      }
      if (c == '@') {
        at = i;
      }
    }
    if (pathStart < 0 || v.charAt(pathStart) != '/') {
      return false;
    }
    int host = at >= 0 ? at + 1 : authority;
    int colon = v.lastIndexOf(':', pathStart - 1);
    int hostEnd = colon >= host ? colon : pathStart;
    if (host < pathStart && v.charAt(host) == '[') {
      return false;
    }
    if (Addresses.parseIpv4(v, host, hostEnd) < 0 && !isDomain(v, host, hostEnd)) {
      return false;
    }
    if (hostEnd == pathStart) {
      return true;
    }
    if (hostEnd + 1 == pathStart) {
      return false;
    }
    for (int i = hostEnd + 1; i < pathStart; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    String defaultPort = Observables.defaultPort(v.substring(0, schemeEnd));
    return !(defaultPort.length() == pathStart - hostEnd - 1
        && v.regionMatches(hostEnd + 1, defaultPort, 0, defaultPort.length()));
  }
}
