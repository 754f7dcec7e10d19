package dev.kasa.sigma.binary;

import java.io.IOException;

/** A binary form that is truncated, corrupt or not what the reader expects. */
public final class MalformedBinaryException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedBinaryException(String message) {
    super(message);
  }
}
