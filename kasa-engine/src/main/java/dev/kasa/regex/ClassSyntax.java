package dev.kasa.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Character classes as RE2 reads them: bracketed classes with ranges, negation, POSIX classes, Perl
 * and Unicode classes and escapes; Perl ({@code \d}) and Unicode ({@code \pL}) classes on their
 * own. Unicode class names are RE2J's own tables, asked through its public API. One per parse (it
 * remembers the names already asked).
 */
final class ClassSyntax {
  private static final String PERL_LETTERS = "dDsSwW";
  private final Cursor in;
  private final Map<String, Boolean> knownNames = new HashMap<>();

  ClassSyntax(Cursor in) {
    this.in = in;
  }

  /** The bracketed class at the cursor (on its {@code [}); moves past its {@code ]}. */
  RegexNode.CharClass bracketed(boolean foldCase) {
    int start = in.pos();
    in.skip(1);
    boolean negated = false;
    if (in.at('^')) {
      negated = true;
      in.skip(1);
    }
    List<ClassItem> items = new ArrayList<>();
    // A ']' right after '[' or '[^' is a member, not the end.
    boolean first = true;
    while (!in.more() || in.peek() != ']' || first) {
      first = false;
      int before = in.pos();
      if (in.lookingAt("[:")) {
        int close = in.text.indexOf(":]", before);
        if (close >= 0) {
          in.moveTo(close + 2);
          items.add(posix(in.from(before), before));
          continue;
        }
      }
      if (in.lookingAt("\\p") || in.lookingAt("\\P")) {
        items.add(unicode());
        continue;
      }
      if (isPerlClass()) {
        items.add(perl());
        continue;
      }
      int lo = classChar(start);
      int hi = lo;
      if (in.at('-')) {
        in.skip(1);
        if (in.at(']')) {
          in.moveTo(in.pos() - 1); // a '-' before the closing ']' is a member
        } else {
          hi = classChar(start);
          if (hi < lo) {
            throw Refusal.invalid("invalid character class range " + in.from(before), before);
          }
        }
      }
      items.add(new ClassItem.Range(lo, hi));
    }
    in.skip(1);
    return new RegexNode.CharClass(items, negated, foldCase);
  }

  /** True when the cursor is on a Perl class escape ({@code \d \D \s \S \w \W}). */
  boolean isPerlClass() {
    int p = in.pos();
    return in.lookingAt("\\") && p + 1 < in.text.length() && isPerlLetter(in.text.charAt(p + 1));
  }

  /** The Perl class escape at the cursor. Pre: {@link #isPerlClass()}. */
  ClassItem.Perl perl() {
    char letter = in.text.charAt(in.pos() + 1);
    in.skip(2);
    return new ClassItem.Perl(Character.toLowerCase(letter), Character.isUpperCase(letter));
  }

  /** The Unicode class at the cursor ({@code \p} or {@code \P}); moves past it. */
  ClassItem.Unicode unicode() {
    int start = in.pos();
    in.skip(1);
    boolean negated = in.pop() == 'P';
    if (!in.more()) {
      throw Refusal.invalid("invalid Unicode class " + in.from(start), start);
    }
    int c = in.pop();
    String name;
    if (c != '{') {
      name = Character.toString(c);
    } else {
      int end = in.text.indexOf('}', in.pos());
      if (end < 0) {
        throw Refusal.invalid("missing closing } of the Unicode class " + in.from(start), start);
      }
      name = in.text.substring(in.pos(), end);
      in.moveTo(end + 1);
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.substring(1);
    }
    if (!knownUnicodeName(name)) {
      throw Refusal.invalid("unknown Unicode class " + in.from(start), start);
    }
    return new ClassItem.Unicode(name, negated);
  }

  private static boolean isPerlLetter(char c) {
    return PERL_LETTERS.indexOf(c) >= 0;
  }

  private static ClassItem.Posix posix(String written, int at) {
    // written is "[:name:]" or "[:^name:]"; RE2 knows the names of ClassItem.Posix.NAMES only.
    if (written.length() > 4) {
      String name = written.substring(2, written.length() - 2);
      boolean negated = name.startsWith("^");
      if (negated) {
        name = name.substring(1);
      }
      if (ClassItem.Posix.NAMES.contains(name)) {
        return new ClassItem.Posix(name, negated);
      }
    }
    throw Refusal.invalid("unknown POSIX class " + written, at);
  }

  private int classChar(int classStart) {
    if (!in.more()) {
      throw Refusal.invalid("missing closing ] of the class " + in.from(classStart), classStart);
    }
    return in.at('\\') ? Escapes.parse(in, true) : in.pop();
  }

  /**
   * Whether RE2J has a category or script of that name: its tables are not public, so it is asked
   * to compile the class alone (a few microseconds; a name is asked once per parse).
   */
  private boolean knownUnicodeName(String name) {
    if (name.isEmpty() || name.startsWith("^")) {
      return false;
    }
    return knownNames.computeIfAbsent(
        name,
        n -> {
          try {
            Pattern.compile("\\p{" + n + "}");
            return true;
          } catch (PatternSyntaxException e) {
            return false;
          }
        });
  }
}
