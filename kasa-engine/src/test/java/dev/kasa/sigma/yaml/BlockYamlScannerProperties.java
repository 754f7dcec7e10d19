package dev.kasa.sigma.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The oracle: on generated block YAML, and on the same texts with random edits, the block scanner
 * either leaves the text to snakeyaml-engine or gives exactly its events; and it never accepts a
 * text snakeyaml-engine rejects.
 */
class BlockYamlScannerProperties {
  private static final String EDITS = " \n\n::--#'\"|>+ab12\\[]{},&*";

  @Property(tries = 1500)
  void generatedDocumentsGiveSnakeyamlsEvents(@ForAll("seeds") long seed) {
    String text = new Generator(new Random(seed)).document();
    List<String> fast = EventDescriptions.fast(text);
    assertThat(fast).as("the generator writes only the subset:%n%s", visible(text)).isNotNull();
    assertThat(fast).as(visible(text)).isEqualTo(EventDescriptions.reference(text));
  }

  @Property(tries = 3000)
  void editedDocumentsAreLeftAloneOrGiveTheSameEvents(
      @ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 4) int edits) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(new Generator(r).document());
    for (int k = 0; k < edits && !b.isEmpty(); k++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, EDITS.charAt(r.nextInt(EDITS.length())));
        default -> b.setCharAt(at, EDITS.charAt(r.nextInt(EDITS.length())));
      }
    }
    String text = b.toString();
    List<String> fast = EventDescriptions.fast(text);
    if (fast != null) {
      assertThat(fast).as(visible(text)).isEqualTo(EventDescriptions.reference(text));
    }
  }

  /** The text with its spaces and line ends shown, for a failure's message. */
  private static String visible(String text) {
    return text.replace(' ', '\u00b7').replace("\n", "\u21b5\n");
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** Random documents in the subset: nested block collections and every scalar form. */
  private static final class Generator {
    private final Random r;
    private final StringBuilder out = new StringBuilder();

    Generator(Random r) {
      this.r = r;
    }

    String document() {
      if (r.nextInt(8) == 0) {
        out.append("# head\n\n");
      }
      if (r.nextInt(8) == 0) {
        out.append("---\n");
      }
      mapping(r.nextInt(4) == 0 ? 2 : 0, 0);
      if (r.nextBoolean()) {
        out.setLength(out.length() - 1);
      }
      return out.toString();
    }

    private void mapping(int col, int depth) {
      int entries = 1 + r.nextInt(4);
      for (int e = 0; e < entries; e++) {
        indent(col);
        out.append(key()).append(':');
        entryValue(col, depth);
        blankOrComment(col);
      }
    }

    private void entryValue(int col, int depth) {
      int kind = depth > 3 ? r.nextInt(2) : r.nextInt(7);
      switch (kind) {
        case 0 -> out.append(' ').append(scalar()).append(comment()).append('\n');
        case 1 -> blockScalar(col);
        case 2 -> {
          out.append(comment()).append('\n');
          mapping(col + 1 + r.nextInt(4), depth + 1);
        }
        case 3 -> {
          out.append(comment()).append('\n');
          sequence(r.nextBoolean() ? col : col + 1 + r.nextInt(3), depth + 1);
        }
        case 4 -> out.append(r.nextBoolean() ? "\n" : "   # empty\n");
        case 5 -> out.append(' ').append(anchored()).append(flow(0)).append(comment()).append('\n');
        default -> out.append(' ').append(anchored()).append(scalar()).append('\n');
      }
    }

    private void sequence(int col, int depth) {
      int items = 1 + r.nextInt(4);
      for (int i = 0; i < items; i++) {
        indent(col);
        out.append('-').append(" ".repeat(1 + r.nextInt(2)));
        if (r.nextInt(3) == 0 && depth < 4) {
          int inner = out.length() - out.lastIndexOf("\n") - 1;
          out.append(key()).append(':');
          entryValue(inner, depth + 1);
          if (r.nextBoolean()) {
            indent(inner);
            out.append(key()).append(": ").append(scalar()).append('\n');
          }
        } else if (r.nextInt(4) == 0) {
          blockScalar(col);
        } else {
          out.append(scalar()).append(comment()).append('\n');
        }
      }
    }

    private void blockScalar(int col) {
      String indicator = List.of("", "-", "+", "2", "1-", "+3").get(r.nextInt(6));
      out.append(' ').append(r.nextBoolean() ? '|' : '>').append(indicator);
      out.append(r.nextInt(4) == 0 ? " # c" : "").append('\n');
      // an explicit indentation is counted from the block's; else the first line sets it
      String digit = indicator.replaceAll("[^0-9]", "");
      int base = digit.isEmpty() ? col + 1 + r.nextInt(3) : col + Integer.parseInt(digit);
      // at least one line of content: snakeyaml-engine rejects an empty block scalar followed by
      // a line less indented than its block but not at the block's own column
      int lines = 1 + r.nextInt(4);
      boolean content = false;
      for (int l = 0; l < lines || !content; l++) {
        int kind = r.nextInt(5);
        if (kind == 0) {
          out.append(" ".repeat(r.nextInt(base + 1))).append('\n');
        } else if (kind == 1 && content) {
          out.append(" ".repeat(base + 1 + r.nextInt(2))).append(word()).append('\n');
        } else {
          out.append(" ".repeat(base)).append(word()).append(' ').append(word()).append('\n');
          content = true;
        }
      }
    }

    /** An anchor for the next node, sometimes; an alias of it may follow later. */
    private String anchored() {
      if (r.nextInt(4) != 0) {
        return "";
      }
      anchors++;
      return "&a" + anchors + " ";
    }

    private int anchors;

    private String flow(int depth) {
      if (depth > 0 && anchors > 0 && r.nextInt(6) == 0) {
        return "*a" + (1 + r.nextInt(anchors));
      }
      boolean map = r.nextBoolean();
      StringBuilder b = new StringBuilder(map ? "{" : "[").append(r.nextBoolean() ? "" : " ");
      int items = r.nextInt(4);
      for (int i = 0; i < items; i++) {
        if (i > 0) {
          b.append(',').append(r.nextInt(3) == 0 ? "" : " ");
        }
        if (map) {
          b.append(r.nextBoolean() ? word() : "'" + word() + "'").append(':');
          if (r.nextInt(6) == 0) {
            continue;
          }
          b.append(' ');
        }
        b.append(depth < 2 && r.nextInt(4) == 0 ? flow(depth + 1) : flowScalar());
      }
      return b.append(r.nextBoolean() ? "" : " ").append(map ? "}" : "]").toString();
    }

    private String flowScalar() {
      return switch (r.nextInt(5)) {
        case 0 -> "'" + word() + ", " + word() + "'";
        case 1 -> "\"" + word() + "\"";
        case 2 -> word() + " " + word();
        case 3 -> "-" + word();
        default -> word();
      };
    }

    private void blankOrComment(int col) {
      switch (r.nextInt(6)) {
        case 0 -> out.append('\n');
        case 1 -> out.append(" ".repeat(r.nextInt(col + 3))).append("# note\n");
        default -> {}
      }
    }

    private String key() {
      return switch (r.nextInt(6)) {
        case 0 -> "'" + word() + " k'";
        case 1 -> "\"" + word() + "\"";
        case 2 -> word() + "|contains|all";
        default -> word();
      };
    }

    private String scalar() {
      return switch (r.nextInt(9)) {
        case 0 -> "'" + word() + "''s " + word() + "'";
        case 1 -> "\"" + word() + "\\\\" + word() + "\\t\\\"\\x41\"";
        case 2 -> word() + " " + word() + "  ";
        case 3 -> "-" + word();
        case 4 -> word() + ":" + word() + "#x";
        case 5 -> String.valueOf(r.nextInt(100));
        case 6 -> "\\\\server\\" + word() + "*";
        case 7 -> "''";
        default -> word();
      };
    }

    private String comment() {
      return r.nextInt(5) == 0 ? "  # " + word() : "";
    }

    private String word() {
      String[] words = {"a", "cmd.exe", "Image", "sel", "x y", "true", "null", "~", "1.5", "é"};
      String w = words[r.nextInt(words.length)];
      return w.contains(" ") ? w.replace(' ', '_') : w;
    }

    private void indent(int col) {
      out.append(" ".repeat(col));
    }
  }
}
