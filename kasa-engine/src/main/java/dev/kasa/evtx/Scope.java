package dev.kasa.evtx;

import dev.kasa.evtx.XmlNode.Element;
import dev.kasa.evtx.XmlNode.Instance;
import dev.kasa.evtx.XmlNode.Substitution;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves substitutions while a record is rendered: what each child of an element becomes with the
 * values of its template instance, and the elements it holds once nested binary XML is parsed.
 * Shared by both renderers. Not thread-safe.
 */
final class Scope {
  /** What a child node is once its substitution, if any, is resolved. */
  enum Kind {
    /** Nothing: an optional substitution of an empty value, or an index past the values. */
    NONE,
    /** An element, a template instance or nested binary XML. */
    ELEMENT,
    /** A value from the template instance. */
    VALUE,
    /** Literal text, CDATA or a reference. */
    TEXT,
    /** A processing instruction. */
    PI
  }

  /** An element with the values its substitutions read. */
  record Scoped(Element element, Values values) {}

  private final byte[] c;
  private final BinXmlParser parser;
  private final WorkBudget budget;
  private final boolean trimmed;

  /**
   * @param trimmed whether strings are read without their trailing white space (evtx_dump's way)
   */
  Scope(byte[] chunk, BinXmlParser parser, WorkBudget budget, boolean trimmed) {
    this.c = chunk;
    this.parser = parser;
    this.budget = budget;
    this.trimmed = trimmed;
  }

  /** Whether value {@code i} of {@code v} is empty. */
  boolean isEmpty(Values v, int i) {
    return ValueText.isEmpty(c, v.offset(i), v.size(i), v.type(i), trimmed);
  }

  byte[] chunk() {
    return c;
  }

  Kind kind(XmlNode n, Values v) {
    budget.spend(1);
    // instanceof on the final record classes: this runs for every node of every record.
    if (n instanceof Substitution s) {
      return substitution(s, v);
    }
    if (n instanceof Element || n instanceof Instance) {
      return Kind.ELEMENT;
    }
    return n instanceof XmlNode.Pi ? Kind.PI : Kind.TEXT;
  }

  private Kind substitution(Substitution s, Values v) {
    if (s.index() >= v.count()) {
      return Kind.NONE;
    }
    int i = s.index();
    int type = v.type(i);
    if (type == ValueType.BIN_XML.code()) {
      return v.size(i) == 0 ? Kind.NONE : Kind.ELEMENT;
    }
    if (s.optional() && isEmpty(v, i)) {
      return Kind.NONE;
    }
    return Kind.VALUE;
  }

  /** Whether {@code n} is content with text: non-empty text, a reference, a non-empty value. */
  boolean hasText(XmlNode n, Values v) {
    budget.spend(1);
    if (n instanceof Substitution s) {
      return substitution(s, v) == Kind.VALUE && !isEmpty(v, s.index());
    }
    if (n instanceof XmlNode.Text t) {
      return !t.text().isEmpty();
    }
    if (n instanceof XmlNode.CData d) {
      return !d.text().isEmpty();
    }
    return n instanceof XmlNode.CharRef || n instanceof XmlNode.EntityRef;
  }

  boolean anyText(List<XmlNode> nodes, Values v) {
    for (XmlNode n : nodes) {
      if (hasText(n, v)) {
        return true;
      }
    }
    return false;
  }

  boolean anyElement(Scoped e) {
    if (e.element().elementChildren()) {
      return true;
    }
    for (XmlNode n : e.element().children()) {
      if (n instanceof Substitution && kind(n, e.values()) == Kind.ELEMENT) {
        return true;
      }
    }
    return false;
  }

  /** The element children of {@code e} in order, nested binary XML parsed. */
  List<Scoped> elements(Scoped e, int depth) {
    List<Scoped> out = new ArrayList<>();
    for (XmlNode n : e.element().children()) {
      if (kind(n, e.values()) == Kind.ELEMENT) {
        out.add(resolve(n, e.values(), depth));
      }
    }
    return out;
  }

  /** The element a node of kind {@link Kind#ELEMENT} stands for. */
  Scoped resolve(XmlNode n, Values v, int depth) {
    return switch (n) {
      case Element e -> new Scoped(e, v);
      case Instance i -> new Scoped(i.template().root(), i.values());
      case Substitution s -> {
        int i = s.index();
        XmlNode root = parser.fragment(v.offset(i), v.offset(i) + v.size(i), false, depth + 1);
        yield resolve(root, Values.NONE, depth + 1);
      }
      default -> throw new EvtxFormatException("not an element: " + n);
    };
  }
}
