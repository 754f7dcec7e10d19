package dev.kasa.node.http;

import java.util.Objects;

/**
 * A request that cannot be answered as asked, with the HTTP status it gets. Thrown by handlers;
 * {@link ProblemStatus} renders it as a TAXII error message.
 */
public final class HttpProblem extends RuntimeException {
  /** The problems a request can have beyond the {@link dev.kasa.KasaException} categories. */
  public enum Kind {
    BAD_REQUEST(400, "Bad request"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    TOO_LARGE(413, "Request too large"),
    CONFLICT(409, "Conflict"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type");

    private final int status;
    private final String title;

    Kind(int status, String title) {
      this.status = status;
      this.title = title;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }
  }

  private final Kind kind;

  public HttpProblem(Kind kind, String description) {
    super(description, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
