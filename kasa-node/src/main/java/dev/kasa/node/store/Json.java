package dev.kasa.node.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON text for the small details the store writes into audit entries. */
final class Json {
  private Json() {}

  /** {@code s} as a JSON string literal (null as {@code null}). */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
