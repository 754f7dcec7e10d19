package dev.kasa.evtx;

import dev.kasa.evtx.Scope.Kind;
import dev.kasa.evtx.Scope.Scoped;
import dev.kasa.evtx.Utf8Out.Escape;
import dev.kasa.evtx.XmlNode.Attribute;
import dev.kasa.evtx.XmlNode.Substitution;
import java.util.List;

/**
 * Renders a record as XML the way Windows shows an event: two-space indentation, an element without
 * content closed as {@code <Name/>}, attributes without a value left out, an element whose content
 * is only an optional substitution of a null value left out ([MS-EVEN6]), an element holding an
 * array substitution repeated once per item, GUIDs in braces and times to 100 ns. Not thread-safe.
 */
final class XmlRenderer {
  private final Scope scope;
  private final byte[] c;
  private final Utf8Out out;

  XmlRenderer(Scope scope, Utf8Out out) {
    this.scope = scope;
    this.c = scope.chunk();
    this.out = out;
  }

  /** Appends the record's XML, ending with a newline. */
  void record(XmlNode root) {
    element(scope.resolve(root, Values.NONE, 0), 0);
  }

  private void element(Scoped e, int depth) {
    List<XmlNode> children = e.element().children();
    Values v = e.values();
    if (onlyNullOptionals(children, v)) {
      return;
    }
    if (children.size() == 1
        && children.get(0) instanceof Substitution s
        && scope.kind(s, v) == Kind.VALUE
        && ValueType.isArray(v.type(s.index()))
        && ValueType.ofBase(v.type(s.index())) != null) {
      int i = s.index();
      int n =
          ValueText.forEachItem(
              c,
              v.offset(i),
              v.size(i),
              v.type(i),
              (off, size) -> write(e, depth, off, size, v.type(i) & 0x7f));
      if (n == 0) {
        write(e, depth, 0, 0, ValueType.NULL.code());
      }
      return;
    }
    write(e, depth, -1, 0, 0);
  }

  private boolean onlyNullOptionals(List<XmlNode> children, Values v) {
    boolean any = false;
    for (XmlNode n : children) {
      if (!(n instanceof Substitution s)
          || !s.optional()
          || s.index() >= v.count()
          || v.type(s.index()) != ValueType.NULL.code()) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** The element; with {@code itemOff >= 0} its content is that one array item instead. */
  private void write(Scoped e, int depth, int itemOff, int itemSize, int itemType) {
    indent(depth);
    String name = e.element().name();
    out.write('<').text(name, Escape.XML_TEXT);
    for (Attribute a : e.element().attributes()) {
      if (scope.anyText(a.value(), e.values())) {
        out.write(' ').text(a.name(), Escape.XML_TEXT).ascii("=\"");
        text(a.value(), e.values(), Escape.XML_ATTRIBUTE);
        out.write('"');
      }
    }
    if (itemOff >= 0) {
      out.write('>');
      ValueText.scalar(
          out, c, itemOff, itemSize, itemType, ValueText.Style.WINDOWS, Escape.XML_TEXT);
      close(name);
      return;
    }
    List<XmlNode> children = e.element().children();
    Values v = e.values();
    boolean elements = scope.anyElement(e);
    if (!elements) {
      if (!hasOutput(children, v)) {
        out.ascii("/>\n");
        return;
      }
      out.write('>');
      text(children, v, Escape.XML_TEXT);
      close(name);
      return;
    }
    out.ascii(">\n");
    for (XmlNode n : children) {
      switch (scope.kind(n, v)) {
        case ELEMENT -> element(scope.resolve(n, v, depth), depth + 1);
        case NONE -> {}
        case VALUE, TEXT, PI -> {
          if (hasOutput(List.of(n), v)) {
            indent(depth + 1);
            text(List.of(n), v, Escape.XML_TEXT);
            out.write('\n');
          }
        }
      }
    }
    indent(depth);
    close(name);
  }

  private void close(String name) {
    out.ascii("</").text(name, Escape.XML_TEXT).ascii(">\n");
  }

  private boolean hasOutput(List<XmlNode> nodes, Values v) {
    for (XmlNode n : nodes) {
      if (n instanceof XmlNode.Pi || scope.hasText(n, v)) {
        return true;
      }
    }
    return false;
  }

  private void indent(int depth) {
    for (int i = 0; i < depth; i++) {
      out.ascii("  ");
    }
  }

  private void text(List<XmlNode> nodes, Values v, Escape escape) {
    for (XmlNode n : nodes) {
      switch (scope.kind(n, v)) {
        case NONE, ELEMENT -> {}
        case VALUE -> {
          int i = ((Substitution) n).index();
          ValueText.append(
              out, c, v.offset(i), v.size(i), v.type(i), ValueText.Style.WINDOWS, escape);
        }
        case TEXT, PI -> {
          switch (n) {
            case XmlNode.Text t -> out.text(t.text(), escape);
            case XmlNode.CData d -> out.ascii("<![CDATA[").text(d.text(), Escape.NONE).ascii("]]>");
            case XmlNode.CharRef r -> out.ascii("&#").decimal(r.code()).write(';');
            case XmlNode.EntityRef r -> out.write('&').text(r.name(), escape).write(';');
            case XmlNode.Pi p ->
                out.ascii("<?")
                    .text(p.target(), escape)
                    .write(' ')
                    .text(p.data(), Escape.NONE)
                    .ascii("?>");
            default -> {}
          }
        }
      }
    }
  }
}
