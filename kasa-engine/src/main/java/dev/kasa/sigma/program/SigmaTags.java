package dev.kasa.sigma.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ATT&CK technique ids from Sigma tags ({@code attack.t1059.001} → {@code T1059.001}). */
public final class SigmaTags {
  private SigmaTags() {}

  /** The technique ids among {@code tags}, upper-cased, in order, without duplicates. */
  public static List<String> techniques(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (!t.startsWith("attack.t") || t.length() < 12) {
        continue;
      }
      String id = t.substring("attack.".length());
      if (isTechnique(id) && !out.contains(id.toUpperCase(Locale.ROOT))) {
        out.add(id.toUpperCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static boolean isTechnique(String id) {
    // t + 4 digits, optionally . + 3 digits
    if (id.length() != 5 && id.length() != 9) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = i == 5 ? c == '.' : c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
