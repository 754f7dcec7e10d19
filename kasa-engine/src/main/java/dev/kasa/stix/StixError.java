package dev.kasa.stix;

import java.util.Objects;

/**
 * One violation of the STIX specification found in an object.
 *
 * @param id the offending object's id, or null when it has none (or it is unreadable)
 * @param path the JSON path of the bad property, e.g. {@code objects[3].valid_from}
 * @param message a sentence naming the bad value
 */
public record StixError(String id, String path, String message) {
  public StixError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + (id == null ? "" : " (" + id + ")") + ": " + message;
  }
}
