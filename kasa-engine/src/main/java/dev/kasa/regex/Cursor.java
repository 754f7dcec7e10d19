package dev.kasa.regex;

/**
 * A position in the expression being parsed, read by code point as RE2J reads a Java string.
 * Mutable; one per parse.
 */
final class Cursor {
  final String text;
  private int pos;

  Cursor(String text) {
    this.text = text;
  }

  int pos() {
    return pos;
  }

  void moveTo(int pos) {
    this.pos = Math.min(pos, text.length());
  }

  boolean more() {
    return pos < text.length();
  }

  /** The code point at the position. Pre: {@link #more()}. */
  int peek() {
    return text.codePointAt(pos);
  }

  /** The code point at the position, and moves past it. Pre: {@link #more()}. */
  int pop() {
    int c = text.codePointAt(pos);
    pos += Character.charCount(c);
    return c;
  }

  /** Moves past {@code n} ASCII chars. */
  void skip(int n) {
    pos += n;
  }

  boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  boolean lookingAt(String s) {
    return text.startsWith(s, pos);
  }

  /** The text from {@code from} to the position. */
  String from(int from) {
    return text.substring(from, pos);
  }
}
