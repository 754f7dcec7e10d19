package dev.kasa;

import dev.kasa.Location.FilePosition;
import dev.kasa.Location.RuleLocation;
import dev.kasa.Location.StixLocation;

/** What tests read from a problem's location. */
public final class Problems {
  private Problems() {}

  /** The file position of a problem located in a file or a rule; fails otherwise. */
  public static FilePosition position(Problem p) {
    return switch (p.where()) {
      case FilePosition f -> f;
      case RuleLocation r -> r.position();
      default -> throw new AssertionError("not in a file: " + p);
    };
  }

  /** The rule label of a problem located in a rule, or null. */
  public static String rule(Problem p) {
    return p.where() instanceof RuleLocation r ? r.rule() : null;
  }

  /** The JSON path of a problem located in a STIX object; fails otherwise. */
  public static String stixPath(Problem p) {
    if (p.where() instanceof StixLocation s) {
      return s.jsonPath();
    }
    throw new AssertionError("not in a STIX object: " + p);
  }

  /** The STIX id of a problem located in a STIX object; fails otherwise. */
  public static String stixId(Problem p) {
    if (p.where() instanceof StixLocation s) {
      return s.stixId();
    }
    throw new AssertionError("not in a STIX object: " + p);
  }
}
