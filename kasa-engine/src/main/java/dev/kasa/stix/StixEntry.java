package dev.kasa.stix;

import dev.kasa.Problem;
import java.util.List;

/**
 * One element of a bundle's {@code objects} array, as read.
 *
 * @param index the position in {@code objects}
 * @param id the object's id, or null when it has none
 * @param object the valid object, or null when it was rejected
 * @param errors why it was rejected (all errors of the object together); empty when valid
 */
public record StixEntry(int index, String id, StixObject object, List<Problem> errors) {
  public StixEntry {
    errors = List.copyOf(errors);
    if ((object == null) == errors.isEmpty()) {
      throw new IllegalArgumentException("an entry has an object or errors: " + path(index));
    }
  }

  /**
   * {@code objects[index]}: made when asked, not held (a million entries read for an import never
   * ask for it unless something is wrong with them).
   */
  public String path() {
    return path(index);
  }

  /** The JSON path of element {@code index} of {@code objects}. */
  public static String path(int index) {
    return "objects[" + index + "]";
  }

  /** Whether the object was accepted. */
  public boolean isValid() {
    return object != null;
  }
}
