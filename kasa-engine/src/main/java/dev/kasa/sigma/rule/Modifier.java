package dev.kasa.sigma.rule;

import java.util.Locale;
import java.util.Optional;

/** The value modifiers of the Sigma modifiers appendix 2.1, with their names as written. */
public enum Modifier {
  CONTAINS("contains"),
  STARTSWITH("startswith"),
  ENDSWITH("endswith"),
  ALL("all"),
  EXISTS("exists"),
  CASED("cased"),
  NEQ("neq"),
  WINDASH("windash"),
  RE("re"),
  /** {@code re} sub-modifier {@code i}: case-insensitive. */
  RE_I("i"),
  /** {@code re} sub-modifier {@code m}: multi-line anchors. */
  RE_M("m"),
  /** {@code re} sub-modifier {@code s}: dot matches newline. */
  RE_S("s"),
  BASE64("base64"),
  BASE64OFFSET("base64offset"),
  UTF16LE("utf16le"),
  UTF16BE("utf16be"),
  UTF16("utf16"),
  /** Alias of {@link #UTF16LE}. */
  WIDE("wide"),
  LT("lt"),
  LTE("lte"),
  GT("gt"),
  GTE("gte"),
  MINUTE("minute"),
  HOUR("hour"),
  DAY("day"),
  WEEK("week"),
  MONTH("month"),
  YEAR("year"),
  CIDR("cidr"),
  EXPAND("expand"),
  FIELDREF("fieldref");

  private final String written;

  Modifier(String written) {
    this.written = written;
  }

  /** The name as written after {@code |} in a rule. */
  public String written() {
    return written;
  }

  /** The modifier written as {@code name} (case-insensitive), if any. */
  public static Optional<Modifier> fromWritten(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Modifier m : values()) {
      if (m.written.equals(n)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
