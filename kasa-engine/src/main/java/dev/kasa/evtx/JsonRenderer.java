package dev.kasa.evtx;

import dev.kasa.evtx.Scope.Kind;
import dev.kasa.evtx.Scope.Scoped;
import dev.kasa.evtx.Utf8Out.Escape;
import dev.kasa.evtx.XmlNode.Attribute;
import dev.kasa.evtx.XmlNode.Substitution;
import java.util.List;

/**
 * Renders a record as the JSON object the Rust evtx_dump writes: element names as keys, attributes
 * under {@code #attributes}, text beside child elements under {@code #text}, a lone integer or
 * boolean value as a JSON number or boolean and any other content as a string, an element without
 * content as {@code null}, repeated names suffixed {@code _1}, {@code _2}…, and the {@code Data}
 * elements of {@code EventData} and {@code UserData} keyed by their {@code Name} attribute (or
 * gathered under {@code Data.#text} when they have none). Not thread-safe.
 */
final class JsonRenderer {
  private static final int MAX_UNIQUE_NAMES = 64;

  private final Scope scope;
  private final byte[] c;
  private final Utf8Out out;

  JsonRenderer(Scope scope, Utf8Out out) {
    this.scope = scope;
    this.c = scope.chunk();
    this.out = out;
  }

  /** Appends {@code {"Root": ...}} for a record whose fragment root is {@code root}. */
  void record(XmlNode root) {
    Scoped r = scope.resolve(root, Values.NONE, 0);
    out.write('{');
    key(r.element().name(), 0);
    elementValue(r, false, 1);
    out.write('}');
  }

  private void key(String name, int suffix) {
    out.write('"').text(name, Escape.JSON);
    if (suffix > 0) {
      out.write('_').decimal(suffix);
    }
    out.write('"').write(':');
  }

  private void elementValue(Scoped e, boolean container, int depth) {
    boolean elements = scope.anyElement(e);
    boolean text = scope.anyText(e.element().children(), e.values());
    boolean attributes = attributesWithText(e);
    if (!elements && !text && !attributes) {
      out.ascii("null");
    } else if (!elements && !attributes) {
      content(e.element().children(), e.values(), false);
    } else {
      body(e, container, depth);
    }
  }

  private boolean attributesWithText(Scoped e) {
    for (Attribute a : e.element().attributes()) {
      if (scope.anyText(a.value(), e.values())) {
        return true;
      }
    }
    return false;
  }

  private void body(Scoped e, boolean container, int depth) {
    List<Scoped> children = scope.elements(e, depth);
    boolean flatten = false;
    int positional = 0;
    if (container) {
      for (Scoped child : children) {
        if (isData(child)) {
          List<XmlNode> name = nameAttribute(child);
          flatten |= name != null && scope.anyText(name, child.values());
          positional++;
        }
      }
    }
    out.write('{');
    boolean wrote = attributes(e);
    if (scope.anyText(e.element().children(), e.values())) {
      if (wrote) {
        out.write(',');
      }
      wrote = true;
      out.ascii("\"#text\":");
      content(e.element().children(), e.values(), true);
    }
    String[] names = null;
    int[] counts = null;
    int unique = 0;
    boolean positionalDone = false;
    for (Scoped child : children) {
      if (container && isData(child)) {
        if (flatten) {
          List<XmlNode> name = nameAttribute(child);
          if (name == null || !scope.anyText(name, child.values())) {
            continue;
          }
          if (wrote) {
            out.write(',');
          }
          wrote = true;
          out.write('"');
          text(name, child.values(), false);
          out.write('"').write(':');
          dataValue(child, depth);
        } else if (!positionalDone) {
          positionalDone = true;
          if (wrote) {
            out.write(',');
          }
          wrote = true;
          out.ascii("\"Data\":{\"#text\":");
          if (positional == 1) {
            dataValue(child, depth);
          } else {
            out.write('[');
            int n = 0;
            for (Scoped d : children) {
              if (isData(d)) {
                if (n++ > 0) {
                  out.write(',');
                }
                dataValue(d, depth);
              }
            }
            out.write(']');
          }
          out.write('}');
        }
        continue;
      }
      String name = child.element().name();
      int suffix = 0;
      if (names == null) {
        names = new String[MAX_UNIQUE_NAMES];
        counts = new int[MAX_UNIQUE_NAMES];
      }
      boolean found = false;
      for (int i = 0; i < unique; i++) {
        if (names[i].equals(name)) {
          suffix = counts[i]++;
          found = true;
          break;
        }
      }
      if (!found && unique < MAX_UNIQUE_NAMES) {
        names[unique] = name;
        counts[unique++] = 1;
      }
      if (wrote) {
        out.write(',');
      }
      wrote = true;
      key(name, suffix);
      elementValue(child, name.equals("EventData") || name.equals("UserData"), depth + 1);
    }
    out.write('}');
  }

  private static boolean isData(Scoped e) {
    return e.element().name().equals("Data");
  }

  private static List<XmlNode> nameAttribute(Scoped e) {
    for (Attribute a : e.element().attributes()) {
      if (a.name().equals("Name")) {
        return a.value();
      }
    }
    return null;
  }

  private void dataValue(Scoped d, int depth) {
    boolean text = scope.anyText(d.element().children(), d.values());
    boolean elements = scope.anyElement(d);
    if (!text && !elements) {
      out.ascii("\"\"");
    } else if (elements) {
      body(d, false, depth + 1);
    } else {
      content(d.element().children(), d.values(), false);
    }
  }

  private boolean attributes(Scoped e) {
    boolean any = false;
    for (Attribute a : e.element().attributes()) {
      if (!scope.anyText(a.value(), e.values())) {
        continue;
      }
      out.ascii(any ? "," : "\"#attributes\":{");
      any = true;
      key(a.name(), 0);
      content(a.value(), e.values(), false);
    }
    if (any) {
      out.write('}');
    }
    return any;
  }

  /**
   * Content as one JSON value: a number or boolean when it is a single integer or boolean value,
   * else a string of all its text; with {@code skipElements} element children are passed over.
   */
  private void content(List<XmlNode> nodes, Values v, boolean skipElements) {
    Substitution single = skipElements ? singleValueSkipping(nodes, v) : singleValue(nodes, v);
    if (single != null && ValueText.isJsonNumber(v.type(single.index()))) {
      int i = single.index();
      ValueText.scalar(
          out, c, v.offset(i), v.size(i), v.type(i), ValueText.Style.EVTX_DUMP, Escape.JSON);
      return;
    }
    out.write('"');
    text(nodes, v, skipElements);
    out.write('"');
  }

  /** The only node when there is exactly one and it is a value, else null. */
  private Substitution singleValue(List<XmlNode> nodes, Values v) {
    Substitution single = null;
    int count = 0;
    for (XmlNode n : nodes) {
      Kind k = scope.kind(n, v);
      if (k == Kind.NONE) {
        continue;
      }
      count++;
      single = k == Kind.VALUE ? (Substitution) n : null;
    }
    return count == 1 ? single : null;
  }

  /** The only non-empty value among text nodes and values, elements passed over, else null. */
  private Substitution singleValueSkipping(List<XmlNode> nodes, Values v) {
    Substitution single = null;
    for (XmlNode n : nodes) {
      switch (scope.kind(n, v)) {
        case TEXT -> {
          if (scope.hasText(n, v)) {
            return null;
          }
        }
        case VALUE -> {
          Substitution s = (Substitution) n;
          if (scope.isEmpty(v, s.index())) {
            continue;
          }
          if (single != null) {
            return null;
          }
          single = s;
        }
        case NONE, ELEMENT, PI -> {}
      }
    }
    return single;
  }

  /** The text of the nodes, JSON-escaped, without quotes. */
  private void text(List<XmlNode> nodes, Values v, boolean skipElements) {
    for (XmlNode n : nodes) {
      switch (scope.kind(n, v)) {
        case NONE, PI -> {}
        case ELEMENT -> {
          if (!skipElements) {
            throw new EvtxFormatException("an element where text was expected");
          }
        }
        case VALUE -> {
          int i = ((Substitution) n).index();
          ValueText.append(
              out, c, v.offset(i), v.size(i), v.type(i), ValueText.Style.EVTX_DUMP, Escape.JSON);
        }
        case TEXT -> {
          switch (n) {
            case XmlNode.Text t -> out.text(t.text(), Escape.JSON);
            case XmlNode.CData d -> out.text(d.text(), Escape.JSON);
            case XmlNode.CharRef r -> out.ascii("&#").decimal(r.code()).write(';');
            case XmlNode.EntityRef r -> out.write('&').text(r.name(), Escape.JSON).write(';');
            default -> {}
          }
        }
      }
    }
  }
}
