package dev.kasa.evtx;

import java.util.List;

/**
 * Binary XML parsed into a tree: what a template definition or a record's fragment holds, before
 * substitution. Template trees are parsed once per chunk and shared by the records that use them;
 * values stay where they are in the chunk ({@link Values}). Immutable.
 */
sealed interface XmlNode {

  /**
   * An element.
   *
   * @param elementChildren whether some child is an element or a template instance (a substitution
   *     may still bring one)
   */
  record Element(
      String name, List<Attribute> attributes, List<XmlNode> children, boolean elementChildren)
      implements XmlNode {}

  /** An attribute; its value parts are text, substitutions and references. */
  record Attribute(String name, List<XmlNode> value) {}

  /** Literal text. */
  record Text(String text) implements XmlNode {}

  /** The value at {@code index} of the enclosing template instance. */
  record Substitution(int index, boolean optional) implements XmlNode {}

  /** {@code &#code;}. */
  record CharRef(int code) implements XmlNode {}

  /** {@code &name;}. */
  record EntityRef(String name) implements XmlNode {}

  /** A CDATA section. */
  record CData(String text) implements XmlNode {}

  /** A processing instruction. */
  record Pi(String target, String data) implements XmlNode {}

  /** A template's element with the values of one instance. */
  record Instance(Template template, Values values) implements XmlNode {}

  /**
   * A template definition: its root element, with substitutions.
   *
   * @param offset where the definition is in its chunk
   */
  record Template(int offset, Element root) {}
}
