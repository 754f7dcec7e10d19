package dev.kasa.intel;

import java.util.Objects;

/**
 * Who gave us a version of an indicator: the partner that shared it, the local user who published
 * it, or the file or feed it was read from, and in which collection. It is what the node itself
 * knows about a version's arrival, never a claim read from inside the object (a bundle's {@code
 * created_by_ref} is {@link Provenance#producer}). A sighting goes back to this origin.
 *
 * @param kind what sort of source
 * @param name the partner's or user's name, or the path of the file or feed as given; never blank
 * @param collection the collection it arrived in (a TAXII collection id or alias), or {@code ""}
 *     when there is none (a file)
 */
public record Origin(Kind kind, String name, String collection) {
  /** What sort of source a version came from. */
  public enum Kind {
    /** A partner node or organisation that shares with us. */
    PARTNER,
    /** A user of this node who published it. */
    LOCAL,
    /** A file or feed read from disk (or standard input, named {@code -}). */
    FILE
  }

  public Origin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(collection, "collection");
    if (name.isBlank()) {
      throw new IllegalArgumentException("origin name is blank (" + kind + ")");
    }
  }

  /** A file or feed, named as given (a path, or {@code -} for standard input). */
  public static Origin file(String path) {
    return new Origin(Kind.FILE, path, "");
  }

  /** A partner, and the collection it shared the version in. */
  public static Origin partner(String name, String collection) {
    return new Origin(Kind.PARTNER, name, collection);
  }

  /** A local user, and the collection the version was published in. */
  public static Origin local(String user, String collection) {
    return new Origin(Kind.LOCAL, user, collection);
  }
}
