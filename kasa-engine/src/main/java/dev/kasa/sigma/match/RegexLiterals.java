package dev.kasa.sigma.match;

import dev.kasa.regex.ClassItem;
import dev.kasa.regex.RegexNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conservative prefilter for a regular expression, read from the tree of Kasa's one RE2 parser
 * ({@link dev.kasa.regex.RegexParser}): folded literals (see {@link CaseFold}) one of which every
 * match contains. Alternations give one literal per branch ({@code (?i)(pwsh|powershell)} requires
 * "pwsh" or "powershell"); escapes and one-char classes are literals ({@code \x41}, {@code [Aa]}).
 * Under case-insensitive matching only ASCII chars other than {@code k} and {@code s} are kept: RE2
 * also folds those two to non-ASCII chars (Kelvin sign, long s) that {@link CaseFold} keeps apart.
 * Stateless.
 */
final class RegexLiterals {
  private RegexLiterals() {}

  /** At most this many alternative literals. */
  private static final int MAX_ALTERNATIVES = 16;

  /** Exact runs longer than this are cut: a prefilter needs no more. */
  private static final int MAX_LENGTH = 64;

  /** The folded literals one of which every match of {@code root} contains, or an empty list. */
  static List<String> required(RegexNode root) {
    Set<String> best = info(root).required;
    if (score(best) == 0) {
      return List.of();
    }
    // A literal that contains another is redundant: finding the shorter one is enough.
    return best.stream()
        .filter(s -> best.stream().noneMatch(o -> !o.equals(s) && s.contains(o)))
        .sorted()
        .toList();
  }

  /**
   * Sets of folded literals such that every match of {@code root} contains one literal of each set
   * (a conjunction of alternatives; the set {@link #required} gives is one of them when it is not
   * empty): the literals of each part of a concatenation and of the body of a repetition that must
   * run at least once, not only the best one. {@code (set).*&&.*(invoke|input)} gives {@code [set],
   * [&&], [input, invoke]}. Only the top {@link #FACTOR_DEPTH} levels of the tree are looked into
   * (each level reads its subtree again).
   */
  static List<List<String>> factors(RegexNode root) {
    Set<Set<String>> found = new java.util.LinkedHashSet<>();
    collect(root, found, FACTOR_DEPTH);
    List<Set<String>> kept = new java.util.ArrayList<>();
    for (Set<String> f : found) {
      // A set is implied by a stronger one whose every member contains one of its own ({&} by
      // {&&}); of two that imply each other both are kept.
      boolean implied =
          found.stream().anyMatch(g -> !g.equals(f) && implies(g, f) && !implies(f, g));
      if (!implied) {
        kept.add(f);
      }
    }
    // The most selective first: the longest shortest member.
    kept.sort(java.util.Comparator.comparingInt(RegexLiterals::score).reversed());
    return kept.stream().map(f -> f.stream().sorted().toList()).toList();
  }

  /** True when every string that contains a member of {@code g} contains a member of {@code f}. */
  private static boolean implies(Set<String> g, Set<String> f) {
    return g.stream().allMatch(x -> f.stream().anyMatch(x::contains));
  }

  private static void addFactor(Set<String> f, Set<Set<String>> out) {
    if (score(f) > 0) {
      out.add(Set.copyOf(f));
    }
  }

  /** How many levels of a regex's tree {@link #factors} looks into. */
  private static final int FACTOR_DEPTH = 4;

  private static void collect(RegexNode node, Set<Set<String>> out, int depth) {
    addFactor(info(node).required, out);
    if (depth == 0) {
      return;
    }
    switch (node) {
      case RegexNode.Capture c -> collect(c.body(), out, depth - 1);
      case RegexNode.Repeat r -> {
        if (r.min() > 0) {
          collect(r.body(), out, depth - 1);
        }
      }
      case RegexNode.Concat c -> {
        // Each run of exact parts is a factor (the concatenation's own set is only the best run).
        Set<String> run = Set.of("");
        for (RegexNode part : c.parts()) {
          Info p = info(part);
          Set<String> joined = p.exact == null ? null : join(run, p.exact);
          if (joined != null) {
            run = joined;
            continue;
          }
          addFactor(run, out);
          run = p.exact == null || maxLength(p.exact) > MAX_LENGTH ? Set.of("") : p.exact;
          collect(part, out, depth - 1);
        }
        addFactor(run, out);
      }
      case RegexNode.Literal l -> {}
      case RegexNode.CharClass c -> {}
      case RegexNode.AnyChar a -> {}
      case RegexNode.Assertion a -> {}
      case RegexNode.Empty e -> {}
      case RegexNode.Alternation a -> {}
    }
  }

  /**
   * The fewest UTF-16 chars a match of {@code root} spans: every code point a literal, class or
   * {@code .} matches takes at least one char (at most {@link Integer#MAX_VALUE}).
   */
  static int minChars(RegexNode root) {
    return (int) Math.min(Integer.MAX_VALUE, minLength(root));
  }

  /**
   * The most UTF-16 chars a value can have when {@code root} is anchored at both ends of the text
   * ({@code ^...$} without {@code (?m)}, so every match is the whole value): two per code point;
   * {@link Integer#MAX_VALUE} when unbounded or not anchored so.
   */
  static int maxWholeChars(RegexNode root) {
    RegexNode n = root;
    while (n instanceof RegexNode.Capture c) {
      n = c.body();
    }
    if (!(n instanceof RegexNode.Concat c)
        || c.parts().size() < 2
        || !(c.parts().getFirst() instanceof RegexNode.Assertion first)
        || first.anchor() != RegexNode.Anchor.BEGIN_TEXT
        || !(c.parts().getLast() instanceof RegexNode.Assertion last)
        || last.anchor() != RegexNode.Anchor.END_TEXT) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.min(Integer.MAX_VALUE, maxLength(root));
  }

  private static long maxLength(RegexNode node) {
    long n =
        switch (node) {
          case RegexNode.Literal l -> 2;
          case RegexNode.CharClass c -> 2;
          case RegexNode.AnyChar a -> 2;
          case RegexNode.Assertion a -> 0;
          case RegexNode.Empty e -> 0;
          case RegexNode.Capture c -> maxLength(c.body());
          case RegexNode.Repeat r ->
              r.max() == RegexNode.Repeat.UNBOUNDED
                  ? Integer.MAX_VALUE
                  : r.max() * maxLength(r.body());
          case RegexNode.Concat c -> c.parts().stream().mapToLong(RegexLiterals::maxLength).sum();
          case RegexNode.Alternation a ->
              a.branches().stream().mapToLong(RegexLiterals::maxLength).max().orElse(0);
        };
    return Math.min(n, Integer.MAX_VALUE);
  }

  /** The folded literal every match of {@code root} starts with (possibly empty). */
  static String prefix(RegexNode root) {
    return info(root).prefix;
  }

  private static long minLength(RegexNode node) {
    long n =
        switch (node) {
          case RegexNode.Literal l -> 1;
          case RegexNode.CharClass c -> 1;
          case RegexNode.AnyChar a -> 1;
          case RegexNode.Assertion a -> 0;
          case RegexNode.Empty e -> 0;
          case RegexNode.Capture c -> minLength(c.body());
          case RegexNode.Repeat r -> r.min() * minLength(r.body());
          case RegexNode.Concat c -> c.parts().stream().mapToLong(RegexLiterals::minLength).sum();
          case RegexNode.Alternation a ->
              a.branches().stream().mapToLong(RegexLiterals::minLength).min().orElse(0);
        };
    return Math.min(n, Integer.MAX_VALUE);
  }

  /**
   * What is known of a node's matches, folded: all are in {@code exact} (null: not known); all
   * start with {@code prefix} and end with {@code suffix}; each contains one of {@code required}
   * (null: nothing known).
   */
  private record Info(Set<String> exact, String prefix, String suffix, Set<String> required) {
    static final Info OPAQUE = new Info(null, "", "", null);

    static Info exactly(Set<String> strings) {
      return new Info(strings, commonPrefix(strings), commonSuffix(strings), strings);
    }

    static Info inexact(String prefix, String suffix, Set<String> required) {
      return new Info(
          null, prefix, suffix, better(better(required, Set.of(prefix)), Set.of(suffix)));
    }
  }

  private static Info info(RegexNode node) {
    return switch (node) {
      case RegexNode.Literal l -> {
        String f = folded(l.codePoint(), l.foldCase());
        yield f == null ? Info.OPAQUE : Info.exactly(Set.of(f));
      }
      case RegexNode.CharClass c -> {
        String f = onlyMember(c);
        yield f == null ? Info.OPAQUE : Info.exactly(Set.of(f));
      }
      case RegexNode.AnyChar a -> Info.OPAQUE;
      case RegexNode.Assertion a -> Info.exactly(Set.of(""));
      case RegexNode.Empty e -> Info.exactly(Set.of(""));
      case RegexNode.Capture c -> info(c.body());
      case RegexNode.Repeat r -> repeat(r);
      case RegexNode.Concat c -> concat(c.parts());
      case RegexNode.Alternation a -> alternation(a.branches());
    };
  }

  private static Info repeat(RegexNode.Repeat r) {
    if (r.max() == 0) {
      return Info.exactly(Set.of(""));
    }
    if (r.min() == 0) {
      return Info.OPAQUE;
    }
    Info body = info(r.body());
    if (r.min() == 1 && r.max() == 1) {
      return body;
    }
    if (r.min() == r.max() && body.exact != null && body.exact.size() == 1) {
      String once = body.exact.iterator().next();
      if ((long) once.length() * r.min() <= MAX_LENGTH) {
        return Info.exactly(Set.of(once.repeat(r.min())));
      }
    }
    return Info.inexact(body.prefix, body.suffix, body.required);
  }

  private static Info concat(List<RegexNode> parts) {
    Set<String> run = Set.of(""); // the exact strings of the run of exact parts ending here
    boolean exact = true;
    String prefix = null;
    Set<String> required = null;
    for (RegexNode part : parts) {
      Info p = info(part);
      if (p.exact != null) {
        Set<String> joined = join(run, p.exact);
        if (joined != null) {
          run = joined;
          continue;
        }
        if (maxLength(p.exact) <= MAX_LENGTH) {
          // The run is long enough: keep it as a candidate and start a new one.
          required = better(required, run);
          prefix = prefix == null ? commonPrefix(run) : prefix;
          exact = false;
          run = p.exact;
          continue;
        }
        p = Info.inexact(p.prefix, p.suffix, p.required);
      }
      exact = false;
      Set<String> before = join(run, Set.of(p.prefix));
      if (before == null) {
        before = run;
      }
      required = better(better(required, before), p.required);
      prefix = prefix == null ? commonPrefix(before) : prefix;
      run = Set.of(p.suffix);
    }
    if (exact) {
      return Info.exactly(run);
    }
    return Info.inexact(prefix, commonSuffix(run), better(required, run));
  }

  private static Info alternation(List<RegexNode> branches) {
    Set<String> exact = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    Set<String> suffixes = new TreeSet<>();
    boolean allExact = true;
    for (RegexNode b : branches) {
      Info i = info(b);
      if (i.exact == null) {
        allExact = false;
      } else if (allExact) {
        exact.addAll(i.exact);
      }
      if (required != null && score(i.required) > 0) {
        required.addAll(i.required);
      } else {
        required = null;
      }
      prefixes.add(i.prefix);
      suffixes.add(i.suffix);
    }
    if (allExact && exact.size() <= MAX_ALTERNATIVES) {
      return Info.exactly(Set.copyOf(exact));
    }
    if (required != null && required.size() > MAX_ALTERNATIVES) {
      required = null;
    }
    return Info.inexact(commonPrefix(prefixes), commonSuffix(suffixes), required);
  }

  /** Every a + b, or null when there would be too many or too long. */
  private static Set<String> join(Set<String> as, Set<String> bs) {
    if ((long) as.size() * bs.size() > MAX_ALTERNATIVES
        || maxLength(as) + maxLength(bs) > MAX_LENGTH) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    for (String a : as) {
      for (String b : bs) {
        out.add(a + b);
      }
    }
    return out;
  }

  /** The better prefilter: the shortest member longer, then fewer members. */
  private static Set<String> better(Set<String> a, Set<String> b) {
    int sa = score(a);
    int sb = score(b);
    if (sa != sb) {
      return sa > sb ? a : b;
    }
    return sa == 0 || a.size() <= b.size() ? a : b;
  }

  private static int score(Set<String> s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    int min = Integer.MAX_VALUE;
    for (String x : s) {
      min = Math.min(min, x.length());
    }
    return min;
  }

  private static int maxLength(Set<String> s) {
    int max = 0;
    for (String x : s) {
      max = Math.max(max, x.length());
    }
    return max;
  }

  private static String commonPrefix(Set<String> s) {
    String p = null;
    for (String x : s) {
      if (p == null) {
        p = x;
      } else {
        int n = 0;
        while (n < p.length() && n < x.length() && p.charAt(n) == x.charAt(n)) {
          n++;
        }
        p = p.substring(0, n);
      }
    }
    return p == null ? "" : p;
  }

  private static String commonSuffix(Set<String> s) {
    String p = null;
    for (String x : s) {
      if (p == null) {
        p = x;
      } else {
        int n = 0;
        while (n < p.length()
            && n < x.length()
            && p.charAt(p.length() - 1 - n) == x.charAt(x.length() - 1 - n)) {
          n++;
        }
        p = p.substring(p.length() - n);
      }
    }
    return p == null ? "" : p;
  }

  /**
   * The folded text of one code point as a prefilter may use it, or null: under case folding RE2
   * also matches the other chars of its case orbit, so only ASCII chars whose orbit {@link
   * CaseFold} folds to one char qualify (not k, K, s, S).
   */
  private static String folded(int codePoint, boolean foldCase) {
    if (!foldCase) {
      return CaseFold.fold(Character.toString(codePoint));
    }
    if (codePoint < 128 && "kKsS".indexOf(codePoint) < 0) {
      return String.valueOf(Character.toLowerCase((char) codePoint));
    }
    return null;
  }

  /**
   * The folded text every member of a small class folds to ({@code [Aa]}, {@code [x]}), or null.
   */
  private static String onlyMember(RegexNode.CharClass c) {
    if (c.negated()) {
      return null;
    }
    String only = null;
    int members = 0;
    for (ClassItem item : c.items()) {
      if (!(item instanceof ClassItem.Range r) || r.hi() - r.lo() >= 8) {
        return null;
      }
      for (int cp = r.lo(); cp <= r.hi(); cp++) {
        String f = folded(cp, c.foldCase());
        if (f == null || ++members > 8 || only != null && !only.equals(f)) {
          return null;
        }
        only = f;
      }
    }
    return only;
  }
}
