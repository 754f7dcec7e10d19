package dev.kasa.sigma.program;

import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.util.List;
import java.util.Objects;

/**
 * The smallest test a bucket evaluates once per event, shared by every rule that contains an equal
 * one. Records, so equal atoms of different rules collapse into one.
 */
sealed interface Atom permits Atom.Values, Atom.Present, Atom.Ref {
  /** The event field tested, or null for a keyword atom (any field). */
  String field();

  /** Some value of {@code field} (any field when null) matches one of {@code needles}. */
  record Values(String field, List<Needle> needles) implements Atom {
    public Values {
      needles = List.copyOf(needles);
    }
  }

  /** The field is present. */
  record Present(String field) implements Atom {
    public Present {
      Objects.requireNonNull(field, "field");
    }
  }

  /** A value of {@code field} stands in relation {@code kind} to a value of {@code other}. */
  record Ref(String field, String other, LiteralKind kind, boolean cased) implements Atom {
    public Ref {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(other, "other");
    }
  }
}
