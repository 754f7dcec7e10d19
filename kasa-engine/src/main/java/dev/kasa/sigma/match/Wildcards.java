package dev.kasa.sigma.match;

import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigma wildcard text: parsing (for placeholder values, which arrive as raw strings) and turning a
 * list of parts into the {@link Needle} that tests it. Stateless.
 */
final class Wildcards {
  private Wildcards() {}

  /**
   * Parts of {@code raw} by the Sigma 2 escaping rules: unescaped {@code *}/{@code ?} are
   * wildcards; {@code \*}, {@code \?}, {@code \\} are literal; any other backslash is literal.
   */
  static List<Part> parse(String raw) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
        text.append(raw.charAt(++i));
      } else if (c == '*' || c == '?') {
        flush(text, parts);
        parts.add(c == '*' ? new Part.AnyRun() : new Part.AnyChar());
      } else {
        text.append(c);
      }
    }
    flush(text, parts);
    return parts;
  }

  private static void flush(StringBuilder text, List<Part> parts) {
    if (!text.isEmpty()) {
      parts.add(new Part.Literal(text.toString()));
      text.setLength(0);
    }
  }

  /** Adjacent literals merged, empty literals dropped, runs of {@code *} collapsed to one. */
  static List<Part> normalize(List<Part> parts) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      Part last = out.isEmpty() ? null : out.get(out.size() - 1);
      switch (p) {
        case Part.Literal l -> {
          if (l.text().isEmpty()) {
            continue;
          }
          if (last instanceof Part.Literal prev) {
            out.set(out.size() - 1, new Part.Literal(prev.text() + l.text()));
          } else {
            out.add(l);
          }
        }
        case Part.AnyRun r -> {
          if (!(last instanceof Part.AnyRun)) {
            out.add(r);
          }
        }
        case Part.AnyChar q -> out.add(q);
      }
    }
    return out;
  }

  /**
   * The needle for {@code parts}: a literal when the only wildcards are a leading and/or trailing
   * {@code *}, else a glob pattern. Uncased literal text is folded.
   */
  static Needle needle(List<Part> parts, boolean cased) {
    List<Part> n = normalize(parts);
    int size = n.size();
    if (size == 0) {
      return literal(LiteralKind.EQUALS, "", cased);
    }
    boolean lead = n.get(0) instanceof Part.AnyRun;
    boolean trail = size > 1 && n.get(size - 1) instanceof Part.AnyRun;
    int inner = size - (lead ? 1 : 0) - (trail ? 1 : 0);
    if (inner == 1 && n.get(lead ? 1 : 0) instanceof Part.Literal l) {
      LiteralKind kind =
          lead && trail
              ? LiteralKind.CONTAINS
              : lead ? LiteralKind.ENDS_WITH : trail ? LiteralKind.STARTS_WITH : LiteralKind.EQUALS;
      return literal(kind, l.text(), cased);
    }
    return new Needle.Pattern(new GlobMatcher(n, cased));
  }

  private static Needle.Literal literal(LiteralKind kind, String text, boolean cased) {
    return new Needle.Literal(kind, cased ? text : CaseFold.fold(text), cased);
  }

  /** True when some part is a wildcard. */
  static boolean hasWildcard(List<Part> parts) {
    for (Part p : parts) {
      if (!(p instanceof Part.Literal)) {
        return true;
      }
    }
    return false;
  }

  /** The literal text of wildcard-free {@code parts}. */
  static String text(List<Part> parts) {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Part.Literal l) {
        b.append(l.text());
      }
    }
    return b.toString();
  }
}
