package dev.kasa.node.taxii;

import java.util.Objects;

/**
 * What the TAXII server says about itself.
 *
 * @param title the discovery and API root title
 * @param description the API root description
 * @param maxContentLength the largest request body accepted, in bytes
 */
public record TaxiiSettings(String title, String description, long maxContentLength) {
  public TaxiiSettings {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    if (maxContentLength < 1) {
      throw new IllegalArgumentException(
          "maxContentLength must be > 0 but was " + maxContentLength);
    }
  }
}
