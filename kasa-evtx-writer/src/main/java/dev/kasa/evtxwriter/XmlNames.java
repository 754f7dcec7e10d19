package dev.kasa.evtxwriter;

/** Checks of element, attribute, entity and PI names. Stateless. */
final class XmlNames {
  private XmlNames() {}

  static void check(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("XML name is empty");
    }
    if (name.length() > 0xffff) {
      throw new IllegalArgumentException("XML name longer than 65535 chars: " + name.length());
    }
  }

  /** The 16-bit name hash stored beside each name (multiply by 65599, add each UTF-16 unit). */
  static int hash(String name) {
    int h = 0;
    for (int i = 0; i < name.length(); i++) {
      h = h * 65599 + name.charAt(i);
    }
    return h & 0xffff;
  }
}
