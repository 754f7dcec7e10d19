package dev.kasa.regex;

/**
 * Writes a tree back as RE2 syntax that needs no start flags: every literal, class, dot and anchor
 * carries its own flags, every node is grouped. For checking that a tree means what its source
 * means.
 */
final class RegexWriter {
  private RegexWriter() {}

  static String write(RegexNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(RegexNode node, StringBuilder out) {
    switch (node) {
      case RegexNode.Literal l ->
          out.append(l.foldCase() ? "(?i:" : "(?-i:").append(hex(l.codePoint())).append(')');
      case RegexNode.CharClass c -> {
        out.append(c.foldCase() ? "(?i:[" : "(?-i:[").append(c.negated() ? "^" : "");
        if (c.items().isEmpty()) {
          throw new IllegalStateException("a class without members: " + c);
        }
        for (ClassItem item : c.items()) {
          item(item, out);
        }
        out.append("])");
      }
      case RegexNode.AnyChar a -> out.append(a.newline() ? "(?s:.)" : "(?-s:.)");
      case RegexNode.Assertion a ->
          out.append(
              switch (a.anchor()) {
                case BEGIN_LINE -> "(?m:^)";
                case END_LINE -> "(?m:$)";
                case BEGIN_TEXT -> "\\A";
                case END_TEXT -> "\\z";
                case WORD_BOUNDARY -> "\\b";
                case NOT_WORD_BOUNDARY -> "\\B";
              });
      case RegexNode.Empty e -> out.append("(?:)");
      case RegexNode.Capture c -> {
        out.append('(');
        write(c.body(), out);
        out.append(')');
      }
      case RegexNode.Repeat r -> {
        out.append("(?:");
        write(r.body(), out);
        out.append("){").append(r.min()).append(',');
        if (r.max() != RegexNode.Repeat.UNBOUNDED) {
          out.append(r.max());
        }
        out.append(r.greedy() ? "}" : "}?");
      }
      case RegexNode.Concat c -> {
        for (RegexNode part : c.parts()) {
          out.append("(?:");
          write(part, out);
          out.append(')');
        }
      }
      case RegexNode.Alternation a -> {
        out.append("(?:");
        for (int i = 0; i < a.branches().size(); i++) {
          out.append(i == 0 ? "" : "|");
          write(a.branches().get(i), out);
        }
        out.append(')');
      }
    }
  }

  private static void item(ClassItem item, StringBuilder out) {
    switch (item) {
      case ClassItem.Range r -> out.append(hex(r.lo())).append('-').append(hex(r.hi()));
      case ClassItem.Posix p ->
          out.append("[:").append(p.negated() ? "^" : "").append(p.name()).append(":]");
      case ClassItem.Perl p ->
          out.append('\\').append(p.negated() ? Character.toUpperCase(p.letter()) : p.letter());
      case ClassItem.Unicode u ->
          out.append(u.negated() ? "\\P{" : "\\p{").append(u.name()).append('}');
    }
  }

  private static String hex(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }
}
