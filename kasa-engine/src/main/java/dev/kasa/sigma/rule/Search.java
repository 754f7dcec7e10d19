package dev.kasa.sigma.rule;

import dev.kasa.Location.FilePosition;
import java.util.List;
import java.util.Objects;

/** One named search of a detection. */
public sealed interface Search permits Search.FieldGroups, Search.Keywords {
  FilePosition position();

  /**
   * A map of field tests (all must hold), or a list of such maps (any may hold). A single map is a
   * list of one.
   */
  record FieldGroups(List<FieldGroup> alternatives, FilePosition position) implements Search {
    public FieldGroups {
      alternatives = List.copyOf(alternatives);
      Objects.requireNonNull(position, "position");
    }
  }

  /**
   * A keyword search: a list of values searched for in the whole event (any may match; {@code all}
   * in {@code test.modifiers()} makes all required). {@code test.field()} is null.
   */
  record Keywords(FieldTest test, FilePosition position) implements Search {
    public Keywords {
      Objects.requireNonNull(test, "test");
      if (test.field() != null) {
        throw new IllegalArgumentException("keyword test has a field: " + test.field());
      }
      Objects.requireNonNull(position, "position");
    }
  }

  /** Field tests that must all hold (one YAML map). */
  record FieldGroup(List<FieldTest> tests) {
    public FieldGroup {
      tests = List.copyOf(tests);
    }
  }
}
