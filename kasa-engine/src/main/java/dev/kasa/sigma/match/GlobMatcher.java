package dev.kasa.sigma.match;

import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma glob ({@code *} any run, {@code ?} one char) matched without backtracking: the pattern is
 * cut at each {@code *} into segments (which may hold {@code ?}); the first segment must sit at the
 * start, the last at the end, and each middle one is taken at its leftmost place after the previous
 * one, which is optimal for globs. Time is O(value length × longest segment). Immutable.
 */
final class GlobMatcher implements ValueMatcher {
  /** Placeholder for {@code ?} inside segments: a char no folded text is compared against. */
  private static final char ANY = '\uFFFF';

  private final char[][] segments;
  private final boolean[][] anyAt;
  private final boolean leadingStar;
  private final boolean trailingStar;
  private final boolean cased;
  private final String describe;

  GlobMatcher(List<Part> normalized, boolean cased) {
    this.cased = cased;
    List<char[]> segs = new ArrayList<>();
    List<boolean[]> anys = new ArrayList<>();
    StringBuilder seg = new StringBuilder();
    List<Boolean> any = new ArrayList<>();
    StringBuilder shown = new StringBuilder();
    boolean lead = false;
    boolean trail = false;
    for (int i = 0; i < normalized.size(); i++) {
      Part p = normalized.get(i);
      switch (p) {
        case Part.Literal l -> {
          String t = cased ? l.text() : CaseFold.fold(l.text());
          for (int k = 0; k < t.length(); k++) {
            seg.append(t.charAt(k));
            any.add(false);
          }
          shown.append(l.text().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
        }
        case Part.AnyChar q -> {
          seg.append(ANY);
          any.add(true);
          shown.append('?');
        }
        case Part.AnyRun r -> {
          if (i == 0) {
            lead = true;
          } else {
            segs.add(seg.toString().toCharArray());
            anys.add(toArray(any));
          }
          seg.setLength(0);
          any.clear();
          trail = i == normalized.size() - 1;
          shown.append('*');
        }
      }
    }
    if (!trail) {
      segs.add(seg.toString().toCharArray());
      anys.add(toArray(any));
    }
    this.segments = segs.toArray(new char[0][]);
    this.anyAt = anys.toArray(new boolean[0][]);
    this.leadingStar = lead;
    this.trailingStar = trail;
    this.describe = (cased ? "glob-cased:" : "glob:") + shown;
  }

  private static boolean[] toArray(List<Boolean> any) {
    boolean[] a = new boolean[any.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = any.get(i);
    }
    return a;
  }

  @Override
  public boolean test(String value) {
    int n = value.length();
    int count = segments.length;
    if (count == 0) {
      return true; // "*" alone
    }
    int from = 0;
    int first = 0;
    if (!leadingStar) {
      if (!matchAt(value, 0, 0)) {
        return false;
      }
      from = segments[0].length;
      first = 1;
      if (count == 1 && !trailingStar) {
        return from == n;
      }
    }
    int last = trailingStar ? count : count - 1;
    for (int s = first; s < last; s++) {
      int at = find(value, s, from);
      if (at < 0) {
        return false;
      }
      from = at + segments[s].length;
    }
    if (trailingStar) {
      return true;
    }
    int start = n - segments[count - 1].length;
    return start >= from && matchAt(value, count - 1, start);
  }

  private int find(String value, int s, int from) {
    int limit = value.length() - segments[s].length;
    for (int at = from; at <= limit; at++) {
      if (matchAt(value, s, at)) {
        return at;
      }
    }
    return -1;
  }

  private boolean matchAt(String value, int s, int at) {
    char[] seg = segments[s];
    if (at + seg.length > value.length()) {
      return false;
    }
    boolean[] any = anyAt[s];
    for (int k = 0; k < seg.length; k++) {
      if (any[k]) {
        continue;
      }
      char c = value.charAt(at + k);
      if ((cased ? c : Character.toLowerCase(c)) != seg[k]) {
        return false;
      }
    }
    return true;
  }

  /** The longest run of literal chars (folded): every accepted value contains it. */
  @Override
  public List<String> requiredLiterals() {
    String best = "";
    for (int s = 0; s < segments.length; s++) {
      StringBuilder run = new StringBuilder();
      for (int k = 0; k <= segments[s].length; k++) {
        if (k < segments[s].length && !anyAt[s][k]) {
          run.append(segments[s][k]);
        } else {
          if (run.length() > best.length()) {
            best = run.toString();
          }
          run.setLength(0);
        }
      }
    }
    return best.isEmpty() ? List.of() : List.of(CaseFold.fold(best));
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return describe;
  }
}
