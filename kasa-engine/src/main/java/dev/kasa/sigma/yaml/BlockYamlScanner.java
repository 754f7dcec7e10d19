package dev.kasa.sigma.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * The parser events of one YAML document written in the block style that rule and configuration
 * files use — block mappings and sequences, single-line plain and quoted scalars, literal and
 * folded block scalars, flow collections on one line, anchors on values and aliases, comments —
 * exactly as snakeyaml-engine's parser gives them (values, styles, marks), in one pass without
 * tokens. Anything else (tags, directives, complex keys, multi-line plain, quoted or flow nodes,
 * tabs, carriage returns, characters outside the basic plane, every syntax error) makes {@link
 * #events} answer null so that the caller hands the text to snakeyaml-engine, which reads all of
 * YAML and reports errors. Not thread-safe; one per text.
 */
final class BlockYamlScanner {
  /**
   * Deepest nesting of collections read here (the scanner recurses per level); deeper texts go to
   * snakeyaml-engine, whose parser does not recurse, and the callers' depth limits (at most 64)
   * report them from its events.
   */
  private static final int MAX_DEPTH = 100;

  /** The longest simple key snakeyaml-engine accepts, from its first char to its colon. */
  private static final int MAX_KEY = 1024;

  private static final ImplicitTuple PLAIN_IMPLICIT = new ImplicitTuple(true, false);
  private static final ImplicitTuple QUOTED_IMPLICIT = new ImplicitTuple(false, true);

  /** Thrown where the text leaves the subset; never escapes {@link #events}. */
  private static final class Outside extends RuntimeException {
    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  private final String text;
  private final String label;
  private final int n;
  private final int[] codePoints;
  private final List<Event> events = new ArrayList<>();
  private int pos;
  private int line;
  private int lineStart;
  private int depth;

  /** The anchor read for the next node, and where it starts (the node's start mark). */
  private Optional<Anchor> anchor = Optional.empty();

  private Mark anchorStart;

  private BlockYamlScanner(String text, String label, int[] codePoints) {
    this.text = text;
    this.label = label;
    this.n = text.length();
    this.codePoints = codePoints;
  }

  /**
   * The events snakeyaml-engine's parser gives for {@code text} (marks named {@code label}), or
   * null when the text is not in the subset this scanner reads.
   */
  static List<Event> events(String text, String label) {
    int[] codePoints = inPlane(text);
    if (codePoints == null) {
      return null;
    }
    BlockYamlScanner s = new BlockYamlScanner(text, label, codePoints);
    try {
      s.document();
      return s.events;
    } catch (Outside e) {
      return null;
    }
  }

  /**
   * The text's chars as code points, or null when one is a tab, a carriage return, another control
   * char, a surrogate, a byte order mark or a Unicode line separator.
   */
  private static int[] inPlane(String text) {
    int[] out = new int[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 ? c != '\n' : c >= 0x7F && !plainPrintable(c)) {
        return null;
      }
      out[i] = c;
    }
    return out;
  }

  private static boolean plainPrintable(char c) {
    return (c >= 0xA0 && c < 0xD800 && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  private void document() {
    // snakeyaml-engine marks the stream's start before it has read any of the text
    Mark start = new Mark(label, 0, 0, 0, new int[0], 0);
    events.add(new StreamStartEvent(Optional.of(start), Optional.of(start)));
    // comments and blank lines may come before a document start marker
    while (pos < n && !(pos == lineStart && marker(pos))) {
      char c = text.charAt(pos);
      if (c == '\n') {
        newLine();
      } else if (c == ' ') {
        pos++;
      } else if (c == '#') {
        skipComment();
      } else {
        break;
      }
    }
    if (pos == n) {
      throw OUTSIDE;
    }
    if (pos == lineStart && marker(pos)) {
      if (!text.startsWith("---", pos)) {
        throw OUTSIDE;
      }
      Mark from = mark(pos);
      Mark to = mark(pos + 3);
      pos += 3;
      if (pos < n && text.charAt(pos) == ' ') {
        skipSpaces();
        if (pos < n && text.charAt(pos) != '\n' && text.charAt(pos) != '#') {
          throw OUTSIDE;
        }
      }
      skipBlank();
      if (pos == n) {
        throw OUTSIDE;
      }
      events.add(new DocumentStartEvent(true, Optional.empty(), Map.of(), of(from), of(to)));
    } else {
      Mark at = mark(pos);
      events.add(new DocumentStartEvent(false, Optional.empty(), Map.of(), of(at), of(at)));
    }
    if (keyColon() < 0) {
      throw OUTSIDE;
    }
    mapping(column());
    if (pos != n) {
      throw OUTSIDE;
    }
    Mark end = mark(n);
    events.add(new DocumentEndEvent(false, of(end), of(end)));
    events.add(new StreamEndEvent(of(end), of(end)));
  }

  /** A block mapping whose first key is at {@code pos}, in column {@code c}. */
  private void mapping(int c) {
    nest();
    Mark start = nodeStart(pos);
    Mark key = mark(pos);
    events.add(
        new MappingStartEvent(
            takeAnchor(), Optional.empty(), true, FlowStyle.BLOCK, of(start), of(key)));
    while (true) {
      key();
      value(c);
      if (pos == n || column() < c) {
        break;
      }
      if (column() > c || keyColon() < 0) {
        throw OUTSIDE;
      }
    }
    Mark end = mark(pos);
    events.add(new MappingEndEvent(of(end), of(end)));
    unnest();
  }

  /** A block sequence whose first {@code -} is at {@code pos}, in column {@code s}. */
  private void sequence(int s, boolean indentless) {
    nest();
    Mark start = nodeStart(pos);
    Mark startEnd = mark(indentless ? pos + 1 : pos);
    events.add(
        new SequenceStartEvent(
            takeAnchor(), Optional.empty(), true, FlowStyle.BLOCK, of(start), of(startEnd)));
    while (true) {
      pos++;
      skipSpaces();
      if (pos == n || text.charAt(pos) == '\n' || text.charAt(pos) == '#' || entry()) {
        throw OUTSIDE;
      }
      if (keyColon() >= 0) {
        mapping(column());
      } else {
        scalar(s);
      }
      if (pos == n || column() < s) {
        break;
      }
      if (column() > s) {
        throw OUTSIDE;
      }
      if (!entry()) {
        if (indentless) {
          break;
        }
        throw OUTSIDE;
      }
    }
    Mark end = mark(pos);
    events.add(new SequenceEndEvent(of(end), of(end)));
    unnest();
  }

  /** The key at {@code pos} (a simple key: plain or quoted, one line); leaves pos after ':'. */
  private void key() {
    int colon = keyColon();
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      quoted(c);
    } else {
      int end = colon;
      while (text.charAt(end - 1) == ' ') {
        end--;
      }
      plainEvent(pos, end);
    }
    pos = colon + 1;
  }

  /**
   * The index of the colon that makes the text at {@code pos} a simple key on this line, or -1: a
   * quoted scalar or a plain one, then a ':' followed by a space, a line break or the end.
   */
  private int keyColon() {
    int i = pos;
    char c = text.charAt(i);
    if (c == '\'' || c == '"') {
      i = QuotedText.closingQuote(text, i, c);
      if (i < 0) {
        return -1;
      }
      i++;
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      return i < n && text.charAt(i) == ':' && blankAt(i + 1) && i - pos < MAX_KEY ? i : -1;
    }
    if (!plainStart(i)) {
      return -1;
    }
    int colon = valueColon(i, lineEnd(i));
    return colon >= 0 && colon - pos < MAX_KEY && comment(pos, colon) < 0 ? colon : -1;
  }

  /** The end of the line holding {@code i}: its line break or the end of the text. */
  private int lineEnd(int i) {
    int e = text.indexOf('\n', i);
    return e < 0 ? n : e;
  }

  /** The first ':' in {@code [from, to)} followed by a space, a line break or the end, or -1. */
  private int valueColon(int from, int to) {
    for (int c = text.indexOf(':', from, to); c >= 0; c = text.indexOf(':', c + 1, to)) {
      if (blankAt(c + 1)) {
        return c;
      }
    }
    return -1;
  }

  /** The first comment's '#' (after a space) in {@code (from, to)}, or -1. */
  private int comment(int from, int to) {
    for (int h = text.indexOf('#', from + 1, to); h >= 0; h = text.indexOf('#', h + 1, to)) {
      if (text.charAt(h - 1) == ' ') {
        return h;
      }
    }
    return -1;
  }

  /** The value after a key's colon (at {@code pos}) in the mapping of column {@code c}. */
  private void value(int c) {
    Mark afterColon = mark(pos);
    skipSpaces();
    if (pos < n && text.charAt(pos) == '&') {
      readAnchor();
      skipSpaces();
    }
    if (pos < n && text.charAt(pos) != '\n' && text.charAt(pos) != '#') {
      scalar(c);
      return;
    }
    skipBlank();
    if (pos < n && column() == c && entry()) {
      sequence(c, true);
    } else if (pos < n && column() > c) {
      if (entry()) {
        sequence(column(), false);
      } else if (keyColon() >= 0) {
        mapping(column());
      } else {
        throw OUTSIDE;
      }
    } else if (anchor.isPresent()) {
      throw OUTSIDE;
    } else {
      events.add(
          new ScalarEvent(
              Optional.empty(),
              Optional.empty(),
              PLAIN_IMPLICIT,
              "",
              ScalarStyle.PLAIN,
              of(afterColon),
              of(afterColon)));
    }
  }

  /**
   * A scalar starting at {@code pos} on this line, in a block of indentation {@code indent}; leaves
   * pos at the next token or the end.
   */
  private void scalar(int indent) {
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      quoted(c);
      skipSpaces();
      if (pos < n && text.charAt(pos) != '\n' && text.charAt(pos) != '#') {
        throw OUTSIDE;
      }
      skipBlank();
    } else if (c == '|' || c == '>') {
      new BlockScalar(this, c == '>').scan(indent);
      skipBlank();
    } else if (c == '*' || c == '[' || c == '{') {
      new FlowNodes(this).node();
      skipSpaces();
      if (pos < n && text.charAt(pos) != '\n' && text.charAt(pos) != '#') {
        throw OUTSIDE;
      }
      skipBlank();
    } else if (plainStart(pos)) {
      plainValue(indent);
    } else {
      throw OUTSIDE;
    }
  }

  /** A one-line plain scalar that is a value, not a key; a continuation line is outside. */
  private void plainValue(int indent) {
    int start = pos;
    int lineEnd = lineEnd(pos);
    int hash = comment(pos, lineEnd);
    int to = hash >= 0 ? hash : lineEnd;
    if (valueColon(pos, to) >= 0) {
      throw OUTSIDE;
    }
    int end = to;
    while (text.charAt(end - 1) == ' ') {
      end--;
    }
    plainEvent(start, end);
    pos = end;
    if (continues(end, indent)) {
      throw OUTSIDE;
    }
    skipBlank();
  }

  /**
   * Whether snakeyaml-engine would fold the next line into the plain scalar ending at {@code end}:
   * when it is indented more than the block and is not a comment.
   */
  private boolean continues(int end, int indent) {
    int next = end;
    boolean newLine = false;
    while (next < n && (text.charAt(next) == ' ' || text.charAt(next) == '\n')) {
      newLine |= text.charAt(next) == '\n';
      next++;
    }
    return newLine && next < n && text.charAt(next) != '#' && columnOf(next) > indent;
  }

  void plainEvent(int start, int end) {
    Mark from = nodeStart(start);
    events.add(
        new ScalarEvent(
            takeAnchor(),
            Optional.empty(),
            PLAIN_IMPLICIT,
            text.substring(start, end),
            ScalarStyle.PLAIN,
            of(from),
            of(mark(end))));
  }

  /** A quoted scalar that closes on this line, at {@code pos}; leaves pos after the quote. */
  void quoted(char quote) {
    int close = QuotedText.closingQuote(text, pos, quote);
    if (close < 0) {
      throw OUTSIDE;
    }
    String value =
        quote == '\''
            ? text.substring(pos + 1, close).replace("''", "'")
            : QuotedText.unescape(text, pos + 1, close);
    ScalarStyle style = quote == '\'' ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED;
    Mark from = nodeStart(pos);
    events.add(
        new ScalarEvent(
            takeAnchor(),
            Optional.empty(),
            QUOTED_IMPLICIT,
            value,
            style,
            of(from),
            of(mark(close + 1))));
    pos = close + 1;
    if (pos < n && " \n:,]}".indexOf(text.charAt(pos)) < 0) {
      throw OUTSIDE;
    }
  }

  /** One collection deeper; too deep is outside. */
  void nest() {
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  /** One collection less deep. */
  void unnest() {
    depth--;
  }

  boolean hasAnchor() {
    return anchor.isPresent();
  }

  /** An alias ({@code *name}) at {@code pos}. */
  void alias() {
    if (anchor.isPresent()) {
      throw OUTSIDE;
    }
    int from = pos;
    int to = nameEnd(pos + 1);
    events.add(
        new AliasEvent(
            Optional.of(new Anchor(text.substring(from + 1, to))), of(mark(from)), of(mark(to))));
    pos = to;
  }

  /** An anchor ({@code &name}) at {@code pos}, for the next node. */
  void readAnchor() {
    int to = nameEnd(pos + 1);
    anchorStart = mark(pos);
    anchor = Optional.of(new Anchor(text.substring(pos + 1, to)));
    pos = to;
  }

  /**
   * The end of an anchor or alias name starting at {@code from}: letters, digits, '-' and '_' only
   * (snakeyaml-engine takes more; those names are left to it), then a blank or a flow indicator.
   */
  private int nameEnd(int from) {
    int i = from;
    while (i < n && nameChar(text.charAt(i))) {
      i++;
    }
    if (i == from || !(blankAt(i) || ",]}".indexOf(text.charAt(i)) >= 0)) {
      throw OUTSIDE;
    }
    return i;
  }

  private static boolean nameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  boolean at(char c) {
    return pos < n && text.charAt(pos) == c;
  }

  /** The start mark of a node at {@code i}: its anchor's, when it has one. */
  Mark nodeStart(int i) {
    return anchor.isPresent() ? anchorStart : mark(i);
  }

  /** The anchor of the node being made, which no later node has. */
  Optional<Anchor> takeAnchor() {
    Optional<Anchor> a = anchor;
    anchor = Optional.empty();
    return a;
  }

  /** Whether a plain scalar may start at {@code i} in the block context. */
  private boolean plainStart(int i) {
    char c = text.charAt(i);
    if ("-?:".indexOf(c) >= 0) {
      return !blankAt(i + 1);
    }
    return c != ' ' && c != '\n' && ",[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }

  /** Whether {@code pos} is a block sequence entry: '-' then a space, a line break or the end. */
  private boolean entry() {
    return text.charAt(pos) == '-' && blankAt(pos + 1);
  }

  boolean blankAt(int i) {
    return i >= n || text.charAt(i) == ' ' || text.charAt(i) == '\n';
  }

  /** Whether a document marker ({@code ---} or {@code ...}) starts the line at {@code i}. */
  private boolean marker(int i) {
    return (text.startsWith("---", i) || text.startsWith("...", i)) && blankAt(i + 3);
  }

  void skipSpaces() {
    while (pos < n && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  /** Skips spaces, line breaks and comments to the next token or the end. */
  private void skipBlank() {
    while (pos < n) {
      char c = text.charAt(pos);
      if (c == ' ') {
        pos++;
      } else if (c == '\n') {
        newLine();
        if (marker(pos)) {
          throw OUTSIDE;
        }
      } else if (c == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (pos < n && text.charAt(pos) != '\n') {
      pos++;
    }
  }

  /** Steps over the line break at {@code pos}. */
  void newLine() {
    pos++;
    line++;
    lineStart = pos;
  }

  int column() {
    return pos - lineStart;
  }

  /** The column of {@code i}, which is on this line or a later one. */
  private int columnOf(int i) {
    int start = text.lastIndexOf('\n', i - 1) + 1;
    return i - start;
  }

  /** The mark of index {@code i}, which is on the current line. */
  Mark mark(int i) {
    return new Mark(label, i, line, i - lineStart, codePoints, i);
  }

  static Optional<Mark> of(Mark m) {
    return Optional.of(m);
  }

  String text() {
    return text;
  }

  int length() {
    return n;
  }

  int pos() {
    return pos;
  }

  void pos(int p) {
    pos = p;
  }

  void add(Event e) {
    events.add(e);
  }

  static RuntimeException outside() {
    return OUTSIDE;
  }
}
