package dev.kasa;

import java.util.Objects;

/**
 * The one exception type Kasa throws on purpose. Its message names the bad value and where it was
 * found (file:line, JSON path, rule id).
 */
public class KasaException extends RuntimeException {
  private final ErrorCode code;

  public KasaException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public KasaException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
