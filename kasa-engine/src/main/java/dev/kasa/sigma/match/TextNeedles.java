package dev.kasa.sigma.match;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.SigmaValue;
import dev.kasa.sigma.rule.SigmaValue.Part;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The string pipeline of one value: {@code expand}, then {@code windash} and the encodings in
 * written order, then the position modifiers, then one needle per resulting text. Stateless.
 */
final class TextNeedles {
  /** Most texts one written value may expand to (windash, placeholders, their product). */
  static final int MAX_EXPANSIONS = 4096;

  private static final String DASHES = "-/\u2013\u2014\u2015";

  private TextNeedles() {}

  /** One text on its way through the pipeline; {@code binary} once an encoding made it bytes. */
  private record Candidate(List<Part> parts, boolean binary, boolean base64) {}

  static List<Needle> of(SigmaValue value, FieldTest test, Placeholders placeholders) {
    List<Candidate> texts = new ArrayList<>();
    switch (value) {
      case SigmaValue.Null n -> {
        return List.of(new Needle.Null());
      }
      case SigmaValue.Bool b -> texts.add(plain(Boolean.toString(b.value())));
      case SigmaValue.Number n -> texts.add(plain(n.text()));
      case SigmaValue.Text t -> {
        if (test.has(Modifier.EXPAND)) {
          for (List<Part> parts : expand(t.raw(), placeholders)) {
            texts.add(new Candidate(parts, false, false));
          }
        } else {
          texts.add(new Candidate(t.parts(), false, false));
        }
      }
    }
    for (Modifier m : test.modifiers()) {
      texts = apply(m, texts, value);
    }
    boolean offset = test.has(Modifier.BASE64OFFSET);
    Set<Needle> needles = new LinkedHashSet<>();
    for (Candidate c : texts) {
      List<Part> parts = new ArrayList<>();
      if (offset || test.has(Modifier.CONTAINS) || test.has(Modifier.ENDSWITH)) {
        parts.add(new Part.AnyRun());
      }
      parts.addAll(c.parts());
      if (offset || test.has(Modifier.CONTAINS) || test.has(Modifier.STARTSWITH)) {
        parts.add(new Part.AnyRun());
      }
      needles.add(Wildcards.needle(parts, c.base64() || test.has(Modifier.CASED)));
    }
    if (needles.isEmpty()) {
      throw new KasaException(
          ErrorCode.BAD_VALUE, "value " + show(value) + " is too short to search for in base64");
    }
    return List.copyOf(needles);
  }

  private static Candidate plain(String text) {
    return new Candidate(List.of(new Part.Literal(text)), false, false);
  }

  private static List<Candidate> apply(Modifier m, List<Candidate> in, SigmaValue value) {
    return switch (m) {
      case WINDASH -> {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : in) {
          for (List<Part> p : windash(c.parts(), value)) {
            out.add(new Candidate(p, c.binary(), c.base64()));
            limit(out.size(), value);
          }
        }
        yield out;
      }
      case UTF16LE, WIDE, UTF16BE, UTF16 -> {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : in) {
          String s = wildcardFree(c, m, value);
          byte[] b = Encodings.utf16(s, m == Modifier.UTF16BE, m == Modifier.UTF16);
          out.add(new Candidate(List.of(new Part.Literal(Encodings.binary(b))), true, false));
        }
        yield out;
      }
      case BASE64, BASE64OFFSET -> {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : in) {
          byte[] b = Encodings.bytes(wildcardFree(c, m, value), c.binary());
          List<String> encoded =
              m == Modifier.BASE64 ? List.of(Encodings.base64(b)) : Encodings.base64Offsets(b);
          for (String e : encoded) {
            out.add(new Candidate(List.of(new Part.Literal(e)), false, true));
          }
        }
        yield out;
      }
      default -> in;
    };
  }

  private static String wildcardFree(Candidate c, Modifier m, SigmaValue value) {
    if (Wildcards.hasWildcard(c.parts())) {
      throw new KasaException(
          ErrorCode.BAD_VALUE, m.written() + " cannot encode the wildcards in " + show(value));
    }
    return Wildcards.text(c.parts());
  }

  /** Every way of writing each dash of the literal parts as any of the five dashes. */
  private static List<List<Part>> windash(List<Part> parts, SigmaValue value) {
    List<List<Part>> out = new ArrayList<>();
    out.add(List.of());
    for (Part p : parts) {
      List<String> variants =
          p instanceof Part.Literal l ? dashVariants(l.text(), value) : List.of();
      List<List<Part>> next = new ArrayList<>();
      for (List<Part> prefix : out) {
        if (variants.isEmpty()) {
          next.add(append(prefix, p));
        } else {
          for (String v : variants) {
            next.add(append(prefix, new Part.Literal(v)));
            limit(next.size(), value);
          }
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * Every way of writing the text's dashes as any of the five, the first dash varying slowest; a
   * text without one is itself (built without a string per char: rule sets have thousands).
   */
  private static List<String> dashVariants(String text, SigmaValue value) {
    int[] at = new int[text.length()];
    int dashes = 0;
    for (int i = 0; i < text.length(); i++) {
      if (DASHES.indexOf(text.charAt(i)) >= 0) {
        at[dashes++] = i;
      }
    }
    if (dashes == 0) {
      return List.of(text);
    }
    int count = 1;
    for (int k = 0; k < dashes; k++) {
      count *= DASHES.length();
      limit(count, value);
    }
    char[] chars = text.toCharArray();
    List<String> out = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      int rest = v;
      for (int k = dashes - 1; k >= 0; k--) {
        chars[at[k]] = DASHES.charAt(rest % DASHES.length());
        rest /= DASHES.length();
      }
      out.add(new String(chars));
    }
    return out;
  }

  private static List<Part> append(List<Part> prefix, Part p) {
    List<Part> l = new ArrayList<>(prefix.size() + 1);
    l.addAll(prefix);
    l.add(p);
    return l;
  }

  /**
   * The texts {@code raw} stands for once each {@code %name%} is replaced by each of its values
   * (the cartesian product when there are several); {@code \%} is a plain percent sign. Literal
   * text and placeholder values are both read with Sigma wildcards.
   */
  static List<List<Part>> expand(String raw, Placeholders placeholders) {
    List<List<Part>> out = new ArrayList<>();
    out.add(List.of());
    StringBuilder chunk = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
        chunk.append('%');
        i += 2;
        continue;
      }
      if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '\\') {
        chunk.append("\\\\"); // an escaped backslash, kept for the wildcard parser
        i += 2;
        continue;
      }
      int close = c == '%' ? raw.indexOf('%', i + 1) : -1;
      if (close < 0) {
        chunk.append(c);
        i++;
        continue;
      }
      String name = raw.substring(i + 1, close);
      List<String> values =
          placeholders
              .valuesOf(name)
              .orElseThrow(
                  () ->
                      new KasaException(
                          ErrorCode.UNKNOWN_PLACEHOLDER,
                          "placeholder %" + name + "% in '" + raw + "' has no values"));
      out = product(out, List.of(Wildcards.parse(chunk.toString())));
      chunk.setLength(0);
      List<List<Part>> alternatives = new ArrayList<>();
      for (String v : values) {
        alternatives.add(Wildcards.parse(v));
      }
      out = product(out, alternatives);
      if (out.size() > MAX_EXPANSIONS) {
        throw new KasaException(
            ErrorCode.TOO_MANY_EXPANSIONS,
            "'" + raw + "' expands to more than " + MAX_EXPANSIONS + " values");
      }
      i = close + 1;
    }
    return product(out, List.of(Wildcards.parse(chunk.toString())));
  }

  private static List<List<Part>> product(List<List<Part>> prefixes, List<List<Part>> suffixes) {
    List<List<Part>> out = new ArrayList<>(prefixes.size() * suffixes.size());
    for (List<Part> p : prefixes) {
      for (List<Part> s : suffixes) {
        List<Part> l = new ArrayList<>(p);
        l.addAll(s);
        out.add(l);
      }
    }
    return out;
  }

  private static void limit(int size, SigmaValue value) {
    if (size > MAX_EXPANSIONS) {
      throw new KasaException(
          ErrorCode.TOO_MANY_EXPANSIONS,
          "windash makes more than " + MAX_EXPANSIONS + " variants of " + show(value));
    }
  }

  static String show(SigmaValue value) {
    return switch (value) {
      case SigmaValue.Text t -> "'" + t.raw() + "'";
      case SigmaValue.Number n -> n.text();
      case SigmaValue.Bool b -> Boolean.toString(b.value());
      case SigmaValue.Null n -> "null";
    };
  }
}
