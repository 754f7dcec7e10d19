package dev.kasa.regex;

import dev.kasa.regex.RegexNode.Anchor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Kasa's one reader of RE2 syntax, as RE2J 1.8 accepts it in Perl mode ({@link
 * com.google.re2j.Pattern#compile(String, int)}): flags {@code (?imsU)} and {@code (?flags:...)},
 * capturing, named ({@code (?P<n>...)}, {@code (?<n>...)}) and non-capturing groups, classes,
 * escapes, {@code \Q...\E}, anchors, repetitions with lazy {@code ?}, alternation. It accepts
 * exactly what RE2J accepts (property-tested against it), except trees nested deeper than {@link
 * #MAX_NESTING}; it names the constructs of other engines that RE2 cannot run (backreferences,
 * lookarounds, atomic groups, possessive quantifiers, ...). It runs in time linear in the
 * expression and never recurses, so hostile expressions cannot exhaust the stack. Stateless.
 */
public final class RegexParser {
  /**
   * The deepest tree accepted (groups, repetitions, alternations and concatenations inside each
   * other), as RE2's own parser bounds it: RE2J compiles recursively, so deeper trees are refused.
   */
  public static final int MAX_NESTING = 1000;

  private static final int FOLD = 1;
  private static final int DOT_NL = 2;
  private static final int ONE_LINE = 4;
  private static final int NON_GREEDY = 8;

  private final Cursor in;
  private final ClassSyntax classes;
  private final Deque<OpenGroup> groups = new ArrayDeque<>();
  private final Set<String> names = new HashSet<>();
  private int flags;
  private int captures;

  private RegexParser(String pattern, RegexFlags start) {
    in = new Cursor(pattern);
    classes = new ClassSyntax(in);
    flags =
        (start.caseInsensitive() ? FOLD : 0)
            | (start.dotAll() ? DOT_NL : 0)
            | (start.multiLine() ? 0 : ONE_LINE);
    groups.push(new OpenGroup(0, flags, 0, ""));
  }

  /** The tree of {@code pattern} under the {@code start} flags, or why it is refused. */
  public static ParseResult parse(String pattern, RegexFlags start) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(start, "start");
    try {
      return new ParseResult.Parsed(new RegexParser(pattern, start).run());
    } catch (Refusal r) {
      return new ParseResult.Refused(r.problem, r.getMessage(), r.offset);
    }
  }

  private RegexNode run() {
    // RE2 refuses a repetition right after another (a**, a*+); a '{' that is not a repeat
    // count counts as one there, as in RE2J (a{* is refused).
    int lastRepeat = -1;
    boolean lastWasOperator = false;
    while (in.more()) {
      int at = in.pos();
      int repeat = -1;
      boolean operator = false;
      switch (in.peek()) {
        case '(' -> openGroup(at);
        case '|' -> {
          in.skip(1);
          top().endBranch();
        }
        case ')' -> {
          in.skip(1);
          closeGroup(at);
        }
        case '^' -> {
          in.skip(1);
          add(new RegexNode.Assertion(has(ONE_LINE) ? Anchor.BEGIN_TEXT : Anchor.BEGIN_LINE));
        }
        case '$' -> {
          in.skip(1);
          add(new RegexNode.Assertion(has(ONE_LINE) ? Anchor.END_TEXT : Anchor.END_LINE));
        }
        case '.' -> {
          in.skip(1);
          add(new RegexNode.AnyChar(has(DOT_NL)));
        }
        case '[' -> add(classes.bracketed(has(FOLD)));
        case '*', '+', '?' -> {
          repeat = at;
          operator = true;
          int op = in.pop();
          int min = op == '+' ? 1 : 0;
          int max = op == '?' ? 1 : RegexNode.Repeat.UNBOUNDED;
          repeat(min, max, at, lastRepeat, lastWasOperator);
        }
        case '{' -> {
          repeat = at;
          int[] count = RepeatCount.parse(in);
          if (count == null) {
            in.moveTo(at + 1);
            literal('{');
          } else {
            operator = true;
            repeat(count[0], count[1], at, lastRepeat, lastWasOperator);
          }
        }
        case '\\' -> escape(at);
        default -> literal(in.pop());
      }
      lastRepeat = repeat;
      lastWasOperator = operator;
    }
    if (groups.size() > 1) {
      throw Refusal.invalid("missing closing )", top().offset);
    }
    return top().finish().node();
  }

  private void openGroup(int at) {
    if (!in.lookingAt("(?")) {
      in.skip(1);
      groups.push(new OpenGroup(at, flags, ++captures, ""));
      return;
    }
    String construct = GroupSyntax.unsupported(in);
    if (construct != null) {
      throw Refusal.unsupported(construct, at);
    }
    if (in.lookingAt("(?P<") || in.lookingAt("(?<")) {
      int begin = at + (in.lookingAt("(?P<") ? 4 : 3);
      int end = in.text.indexOf('>', begin);
      if (end < 0) {
        throw Refusal.invalid("invalid named capture: no closing >", at);
      }
      String name = in.text.substring(begin, end);
      in.moveTo(end + 1);
      if (!GroupSyntax.isValidName(name)) {
        throw Refusal.invalid("invalid named capture " + in.from(at), at);
      }
      int index = ++captures;
      if (!names.add(name)) {
        throw Refusal.invalid("duplicate capture group name '" + name + "'", at);
      }
      groups.push(new OpenGroup(at, flags, index, name));
      return;
    }
    in.skip(2);
    int f = flags;
    boolean negate = false;
    boolean sawFlag = false;
    while (in.more()) {
      int c = in.pop();
      int bit =
          switch (c) {
            case 'i' -> FOLD;
            case 's' -> DOT_NL;
            case 'U' -> NON_GREEDY;
            case 'm' -> ONE_LINE;
            default -> 0;
          };
      if (bit != 0) {
        // (?m) clears ONE_LINE; the other letters set their bit; after '-' the reverse.
        f = (bit == ONE_LINE) == negate ? f | bit : f & ~bit;
        sawFlag = true;
      } else if (c == '-' && !negate) {
        negate = true;
        sawFlag = false;
      } else if ((c == ':' || c == ')') && (!negate || sawFlag)) {
        if (c == ':') {
          groups.push(new OpenGroup(at, flags, 0, ""));
        }
        flags = f;
        return;
      } else {
        break;
      }
    }
    throw Refusal.invalid("invalid or unsupported Perl syntax " + in.from(at), at);
  }

  private void closeGroup(int at) {
    if (groups.size() == 1) {
      throw Refusal.invalid("unexpected ) without an opening (", at);
    }
    OpenGroup g = groups.pop();
    Built body = g.finish();
    flags = g.savedFlags;
    if (g.capture == 0) {
      add(body);
    } else {
      add(Built.of(new RegexNode.Capture(g.capture, g.name, body.node()), body, g.offset));
    }
  }

  private void escape(int at) {
    in.skip(1);
    if (in.more()) {
      switch (in.peek()) {
        case 'A' -> {
          in.skip(1);
          add(new RegexNode.Assertion(Anchor.BEGIN_TEXT));
          return;
        }
        case 'z' -> {
          in.skip(1);
          add(new RegexNode.Assertion(Anchor.END_TEXT));
          return;
        }
        case 'b' -> {
          in.skip(1);
          add(new RegexNode.Assertion(Anchor.WORD_BOUNDARY));
          return;
        }
        case 'B' -> {
          in.skip(1);
          add(new RegexNode.Assertion(Anchor.NOT_WORD_BOUNDARY));
          return;
        }
        case 'C' -> throw Refusal.unsupported("the single-byte escape \\C", at);
        case 'Q' -> {
          // Literal text up to \E or the end.
          int from = at + 2;
          int end = in.text.indexOf("\\E", from);
          int stop = end < 0 ? in.text.length() : end;
          in.moveTo(from);
          while (in.pos() < stop) {
            literal(in.pop());
          }
          in.moveTo(end < 0 ? stop : end + 2);
          return;
        }
        default -> {}
      }
    }
    in.moveTo(at);
    if (in.lookingAt("\\p") || in.lookingAt("\\P")) {
      add(new RegexNode.CharClass(List.of(classes.unicode()), false, has(FOLD)));
    } else if (classes.isPerlClass()) {
      add(new RegexNode.CharClass(List.of(classes.perl()), false, has(FOLD)));
    } else {
      literal(Escapes.parse(in, false));
    }
  }

  private void repeat(int min, int max, int at, int lastRepeat, boolean lastWasOperator) {
    int f = flags;
    if (in.at('?')) {
      in.skip(1);
      f ^= NON_GREEDY;
    }
    if (lastRepeat >= 0) {
      String both = in.text.substring(lastRepeat, in.pos());
      if (lastWasOperator && in.text.charAt(at) == '+' && in.pos() == at + 1) {
        throw Refusal.unsupported("the possessive quantifier " + both, lastRepeat);
      }
      throw Refusal.invalid("invalid nested repetition operator " + both, lastRepeat);
    }
    List<Built> concat = top().concat;
    if (concat.isEmpty()) {
      throw Refusal.invalid("missing argument to repetition operator " + in.from(at), at);
    }
    Built sub = concat.remove(concat.size() - 1);
    boolean greedy = (f & NON_GREEDY) == 0;
    concat.add(Built.of(new RegexNode.Repeat(sub.node(), min, max, greedy), sub, at));
  }

  private void literal(int codePoint) {
    add(new RegexNode.Literal(codePoint, has(FOLD)));
  }

  private void add(RegexNode leaf) {
    add(new Built(leaf, 1));
  }

  private void add(Built b) {
    top().concat.add(b);
  }

  private boolean has(int bit) {
    return (flags & bit) != 0;
  }

  private OpenGroup top() {
    return groups.peek();
  }
}
