package dev.kasa.regex;

import java.util.List;

/** A node of a tree being built, with the height of its tree (1 for a leaf). */
record Built(RegexNode node, int height) {
  static Built of(RegexNode node, Built child, int offset) {
    return checked(node, child.height() + 1, offset);
  }

  static Built of(RegexNode node, List<Built> children, int offset) {
    int h = 0;
    for (Built c : children) {
      h = Math.max(h, c.height());
    }
    return checked(node, h + 1, offset);
  }

  private static Built checked(RegexNode node, int height, int offset) {
    if (height > RegexParser.MAX_NESTING) {
      throw Refusal.tooLarge("nesting deeper than " + RegexParser.MAX_NESTING, offset);
    }
    return new Built(node, height);
  }
}
