package dev.kasa.evtx;

/**
 * A record, chunk or value that does not follow the format; the message says what and where. Thrown
 * inside the reader and turned into an {@link EvtxProblem}; it has no stack trace (it is an
 * expected outcome on damaged files, not a bug).
 */
final class EvtxFormatException extends RuntimeException {
  EvtxFormatException(String message) {
    super(message, null, false, false);
  }
}
