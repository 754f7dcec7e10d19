package dev.kasa.regex;

import com.google.re2j.Pattern;

/**
 * The flags a whole expression starts with, as RE2J's {@link Pattern#compile(String, int)} takes
 * them (the expression may change them with {@code (?i)}, {@code (?s)}, {@code (?m)}).
 *
 * @param caseInsensitive {@code (?i)}: RE2's simple case folding
 * @param dotAll {@code (?s)}: {@code .} matches a newline too
 * @param multiLine {@code (?m)}: {@code ^} and {@code $} match at line breaks too
 */
public record RegexFlags(boolean caseInsensitive, boolean dotAll, boolean multiLine) {
  /** No flag: case-sensitive, {@code .} without newline, {@code ^ $} at the text's ends. */
  public static final RegexFlags NONE = new RegexFlags(false, false, false);

  /** The same flags as RE2J's {@link Pattern} flag bits. */
  public int re2j() {
    return (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0)
        | (dotAll ? Pattern.DOTALL : 0)
        | (multiLine ? Pattern.MULTILINE : 0);
  }
}
