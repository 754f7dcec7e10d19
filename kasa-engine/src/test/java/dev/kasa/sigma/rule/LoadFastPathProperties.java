package dev.kasa.sigma.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The loader's shortcuts for the common case give what the general code gives: a text without a
 * second document is one chunk, as the line walk finds; a value is split into literal runs and
 * wildcards as a char-by-char reading of the escapes does.
 */
class LoadFastPathProperties {
  private static final String[] PIECES = {
    "---", "--- ", "---x", "\n", "\r\n", "\r", "# c", "...", "%YAML 1.2", "a: 1", " ", "-", "\t"
  };

  @Property(tries = 500)
  void documentChunksAreTheLineWalks(@ForAll long seed) {
    Random r = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < r.nextInt(12); i++) {
      text.append(PIECES[r.nextInt(PIECES.length)]);
    }
    String t = text.toString();
    assertThat(DocumentSplit.chunks(t)).isEqualTo(DocumentSplit.walk(t));
  }

  @Property(tries = 1000)
  void wildcardsAreReadAsCharByChar(@ForAll long seed) {
    Random r = new Random(seed);
    char[] alphabet = {'a', 'b', '\\', '*', '?', 'é'};
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < r.nextInt(10); i++) {
      raw.append(alphabet[r.nextInt(alphabet.length)]);
    }
    String s = raw.toString();
    assertThat(SigmaWildcards.parse(s)).isEqualTo(charByChar(s));
  }

  /** The reading the specification describes, one char at a time. */
  private static SigmaValue.Text charByChar(String raw) {
    List<SigmaValue.Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
        literal.append(raw.charAt(++i));
      } else if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          parts.add(new SigmaValue.Part.Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(c == '*' ? new SigmaValue.Part.AnyRun() : new SigmaValue.Part.AnyChar());
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      parts.add(new SigmaValue.Part.Literal(literal.toString()));
    }
    return new SigmaValue.Text(raw, parts);
  }
}
