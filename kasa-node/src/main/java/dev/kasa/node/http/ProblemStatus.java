package dev.kasa.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP status of an error (its category's, {@link ErrorCode.Category#httpStatus()}, written out
 * in {@code docs/errors.md}), and the TAXII error message every error response carries. A client's
 * input never maps to a 5xx: only the store being unavailable (503) and Kasa's own bugs (500) do.
 */
public final class ProblemStatus {
  /** The media type of every response body the node writes. */
  public static final String TAXII_JSON = "application/taxii+json;version=2.1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemStatus() {}

  /** The HTTP status of a {@link KasaException}: its category's ({@link ErrorCode.Category}). */
  public static int of(KasaException e) {
    return e.code().category().httpStatus();
  }

  /** A TAXII error message: title, description and http_status. */
  public static byte[] body(int status, String title, String description) {
    ObjectNode o = JSON.createObjectNode();
    o.put("title", title);
    if (description != null && !description.isEmpty()) {
      o.put("description", description);
    }
    o.put("http_status", Integer.toString(status));
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The standard title of a status. */
  public static String title(int status) {
    for (HttpProblem.Kind k : HttpProblem.Kind.values()) {
      if (k.status() == status) {
        return k.title();
      }
    }
    return switch (status) {
      case 500 -> "Internal error";
      case 503 -> "Service unavailable";
      default -> "HTTP " + status;
    };
  }
}
