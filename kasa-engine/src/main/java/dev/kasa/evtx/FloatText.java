package dev.kasa.evtx;

/**
 * Floating point values as evtx_dump writes them: the shortest digits that read back to the same
 * value, in plain notation when the decimal point falls within 16 digits of them and as {@code
 * 1.5e-7} otherwise; {@code NaN}, {@code inf}, {@code -inf}. Stateless.
 */
final class FloatText {
  private FloatText() {}

  static void append(Utf8Out out, double v) {
    if (Double.isNaN(v)) {
      out.ascii("NaN");
    } else if (Double.isInfinite(v)) {
      out.ascii(v > 0 ? "inf" : "-inf");
    } else {
      format(out, Double.toString(v));
    }
  }

  static void append(Utf8Out out, float v) {
    if (Float.isNaN(v)) {
      out.ascii("NaN");
    } else if (Float.isInfinite(v)) {
      out.ascii(v > 0 ? "inf" : "-inf");
    } else {
      format(out, Float.toString(v));
    }
  }

  /** Re-lays Java's shortest representation ({@code 1.25E-7}, {@code 123.5}). */
  private static void format(Utf8Out out, String java) {
    int i = 0;
    if (java.charAt(0) == '-') {
      out.write('-');
      i = 1;
    }
    int e = java.indexOf('E');
    String mantissa = java.substring(i, e < 0 ? java.length() : e);
    int exp = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exp;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
      point--;
    }
    digits = digits.substring(lead);
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    if (digits.equals("0")) {
      out.ascii("0.0");
      return;
    }
    int n = digits.length();
    if (point >= n && point <= 16) {
      out.ascii(digits).ascii("0".repeat(point - n)).ascii(".0");
    } else if (point > 0 && point <= 16) {
      out.ascii(digits.substring(0, point)).write('.').ascii(digits.substring(point));
    } else if (point > -5 && point <= 0) {
      out.ascii("0.").ascii("0".repeat(-point)).ascii(digits);
    } else {
      out.write(digits.charAt(0));
      if (n > 1) {
        out.write('.').ascii(digits.substring(1));
      }
      out.write('e').decimal(point - 1);
    }
  }
}
