package dev.kasa.evtxwriter;

import java.util.List;
import java.util.Objects;

/**
 * The XML of a template or of a record without one: what the writer turns into binary XML tokens.
 * Immutable.
 */
public sealed interface XmlNode {

  /** An element: {@code <name attributes>children</name>}, or empty when it has no children. */
  record Element(String name, List<Attribute> attributes, List<XmlNode> children)
      implements XmlNode {
    public Element {
      XmlNames.check(name);
      attributes = List.copyOf(attributes);
      children = List.copyOf(children);
    }

    /** An element with children and no attributes. */
    public Element(String name, XmlNode... children) {
      this(name, List.of(), List.of(children));
    }
  }

  /**
   * An attribute; its value is made of text, substitutions and references only.
   *
   * @param value the parts of the value, in order
   */
  record Attribute(String name, List<XmlNode> value) {
    public Attribute {
      XmlNames.check(name);
      value = List.copyOf(value);
      for (XmlNode part : value) {
        if (!(part instanceof Text
            || part instanceof Substitution
            || part instanceof CharRef
            || part instanceof EntityRef)) {
          throw new IllegalArgumentException(
              "attribute " + name + " cannot hold " + part.getClass().getSimpleName());
        }
      }
    }

    public Attribute(String name, XmlNode part) {
      this(name, List.of(part));
    }
  }

  /** Literal text (a value token of string type). */
  record Text(String text) implements XmlNode {
    public Text {
      Objects.requireNonNull(text, "text");
      if (text.length() > 0xffff) {
        throw new IllegalArgumentException("text longer than 65535 chars: " + text.length());
      }
    }
  }

  /**
   * A substitution: the template value at {@code index}. An optional substitution whose value is
   * empty is left out by readers.
   *
   * @param type the value type the token declares (the value's own type is what readers use)
   */
  record Substitution(int index, boolean optional, ValueType type) implements XmlNode {
    public Substitution {
      if (index < 0 || index > 0xffff) {
        throw new IllegalArgumentException("substitution index out of 0..65535: " + index);
      }
      Objects.requireNonNull(type, "type of substitution " + index);
    }

    /** A normal substitution of a string value. */
    public static Substitution of(int index) {
      return new Substitution(index, false, ValueType.STRING);
    }

    /** An optional substitution declaring {@code type}. */
    public static Substitution optional(int index, ValueType type) {
      return new Substitution(index, true, type);
    }
  }

  /** A character reference, {@code &#code;}. */
  record CharRef(int code) implements XmlNode {
    public CharRef {
      if (code < 0 || code > 0xffff) {
        throw new IllegalArgumentException("character reference out of 0..65535: " + code);
      }
    }
  }

  /** An entity reference, {@code &name;}. */
  record EntityRef(String name) implements XmlNode {
    public EntityRef {
      XmlNames.check(name);
    }
  }

  /** A CDATA section. */
  record CData(String text) implements XmlNode {
    public CData {
      Objects.requireNonNull(text, "text");
      if (text.length() > 0xffff) {
        throw new IllegalArgumentException("CDATA longer than 65535 chars: " + text.length());
      }
    }
  }

  /** A processing instruction, {@code <?target data?>}. */
  record ProcessingInstruction(String target, String data) implements XmlNode {
    public ProcessingInstruction {
      XmlNames.check(target);
      Objects.requireNonNull(data, "data of " + target);
      if (data.length() > 0xffff) {
        throw new IllegalArgumentException("PI data longer than 65535 chars: " + data.length());
      }
    }
  }
}
