package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import java.util.Locale;

/**
 * TAXII content negotiation: a request must accept {@code application/taxii+json} (version 2.1 or
 * none), and a POST must send it. Anything else is 406 or 415.
 */
final class TaxiiMedia {
  static final String TAXII = "application/taxii+json";
  static final String STIX_21 = "application/stix+json;version=2.1";

  private TaxiiMedia() {}

  /** Throws 406 unless {@code accept} lists a TAXII 2.1 media range. */
  static void checkAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      throw new HttpProblem(
          HttpProblem.Kind.NOT_ACCEPTABLE,
          "send 'Accept: application/taxii+json;version=2.1' (no Accept header was sent)");
    }
    if (accept.length() > 4096) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the Accept header is too long");
    }
    for (String range : accept.split(",", -1)) {
      if (isTaxii21(range)) {
        return;
      }
    }
    throw new HttpProblem(
        HttpProblem.Kind.NOT_ACCEPTABLE,
        "this endpoint answers application/taxii+json;version=2.1, which the Accept header '"
            + clip(accept)
            + "' does not include");
  }

  /** Throws 415 unless {@code contentType} is TAXII 2.1. */
  static void checkContentType(String contentType) {
    if (contentType == null || !isTaxii21(contentType)) {
      throw new HttpProblem(
          HttpProblem.Kind.UNSUPPORTED_MEDIA_TYPE,
          "send objects as 'Content-Type: application/taxii+json;version=2.1', not "
              + (contentType == null ? "without a Content-Type" : "'" + clip(contentType) + "'"));
    }
  }

  // application/taxii+json with no version or version=2.1 (quality and other parameters ignored).
  private static boolean isTaxii21(String range) {
    String[] parts = range.split(";", -1);
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(TAXII)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("version")) {
        String v = p.substring(eq + 1).strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
          v = v.substring(1, v.length() - 1);
        }
        return v.equals("2.1");
      }
    }
    return true;
  }

  static String clip(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }
}
