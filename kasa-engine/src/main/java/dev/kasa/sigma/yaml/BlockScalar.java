package dev.kasa.sigma.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * A literal ({@code |}) or folded ({@code >}) block scalar read as snakeyaml-engine reads it: the
 * indentation from the first non-empty line (or the indicator), line folding, chomping, and the end
 * mark after the last line break taken.
 */
final class BlockScalar {
  private final BlockYamlScanner s;
  private final boolean folded;
  private final String text;
  private final int n;
  private String breaks;
  private Mark endMark;

  BlockScalar(BlockYamlScanner s, boolean folded) {
    this.s = s;
    this.folded = folded;
    this.text = s.text();
    this.n = s.length();
  }

  /**
   * Reads the scalar whose indicator is at the scanner's position, in a block of {@code indent}.
   */
  void scan(int blockIndent) {
    Mark start = s.nodeStart(s.pos());
    Optional<Anchor> anchor = s.takeAnchor();
    int p = s.pos() + 1;
    // null: clip, TRUE: keep, FALSE: strip
    Boolean chomp = null;
    int increment = -1;
    for (int k = 0; k < 2 && p < n; k++) {
      char c = text.charAt(p);
      if ((c == '+' || c == '-') && chomp == null) {
        chomp = c == '+';
        p++;
      } else if (c >= '1' && c <= '9' && increment < 0) {
        increment = c - '0';
        p++;
      } else {
        break;
      }
    }
    if (p < n && text.charAt(p) != ' ' && text.charAt(p) != '\n') {
      throw BlockYamlScanner.outside();
    }
    while (p < n && text.charAt(p) == ' ') {
      p++;
    }
    if (p < n && text.charAt(p) == '#') {
      while (p < n && text.charAt(p) != '\n') {
        p++;
      }
    }
    if (p < n && text.charAt(p) != '\n') {
      throw BlockYamlScanner.outside();
    }
    s.pos(p);
    if (p < n) {
      s.newLine();
    }
    int minIndent = Math.max(blockIndent + 1, 1);
    int indent;
    if (increment < 0) {
      indent = Math.max(minIndent, indentation());
    } else {
      indent = minIndent + increment - 1;
      breaks(indent);
    }
    if (s.column() < indent && s.column() != blockIndent) {
      // snakeyaml-engine's error: the leading empty lines hold more spaces than the first line
      throw BlockYamlScanner.outside();
    }
    StringBuilder chunks = new StringBuilder();
    String lineBreak = "";
    while (s.column() == indent && s.pos() < n) {
      chunks.append(breaks);
      int from = s.pos();
      boolean leadingNonSpace = text.charAt(from) != ' ';
      int to = text.indexOf('\n', from);
      to = to < 0 ? n : to;
      chunks.append(text, from, to);
      s.pos(to);
      lineBreak = to < n ? "\n" : "";
      if (to < n) {
        s.newLine();
      }
      breaks(indent);
      if (s.column() != indent || s.pos() >= n) {
        break;
      }
      if (folded && !lineBreak.isEmpty() && leadingNonSpace && text.charAt(s.pos()) != ' ') {
        if (breaks.isEmpty()) {
          chunks.append(' ');
        }
      } else {
        chunks.append(lineBreak);
      }
    }
    if (chomp == null || chomp) {
      chunks.append(lineBreak);
    }
    if (chomp != null && chomp) {
      chunks.append(breaks);
    }
    s.add(
        new ScalarEvent(
            anchor,
            Optional.empty(),
            new ImplicitTuple(false, true),
            chunks.toString(),
            folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL,
            Optional.of(start),
            Optional.of(endMark)));
  }

  /**
   * Skips the empty lines before the first line of content; returns the deepest column their spaces
   * reach (that line's indentation included).
   */
  private int indentation() {
    StringBuilder b = new StringBuilder();
    int max = 0;
    endMark = s.mark(s.pos());
    while (s.pos() < n && (text.charAt(s.pos()) == ' ' || text.charAt(s.pos()) == '\n')) {
      if (text.charAt(s.pos()) == '\n') {
        b.append('\n');
        s.newLine();
        endMark = s.mark(s.pos());
      } else {
        s.pos(s.pos() + 1);
        max = Math.max(max, s.column());
      }
    }
    breaks = b.toString();
    return max;
  }

  /** Takes empty lines, each up to {@code indent} spaces; their breaks and the end mark. */
  private void breaks(int indent) {
    StringBuilder b = new StringBuilder();
    endMark = s.mark(s.pos());
    spaces(indent);
    while (s.pos() < n && text.charAt(s.pos()) == '\n') {
      b.append('\n');
      s.newLine();
      endMark = s.mark(s.pos());
      spaces(indent);
    }
    breaks = b.toString();
  }

  private void spaces(int indent) {
    while (s.column() < indent && s.pos() < n && text.charAt(s.pos()) == ' ') {
      s.pos(s.pos() + 1);
    }
  }
}
