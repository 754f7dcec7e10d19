package dev.kasa.evtx;

import dev.kasa.evtx.XmlNode.Attribute;
import dev.kasa.evtx.XmlNode.CData;
import dev.kasa.evtx.XmlNode.CharRef;
import dev.kasa.evtx.XmlNode.Element;
import dev.kasa.evtx.XmlNode.EntityRef;
import dev.kasa.evtx.XmlNode.Instance;
import dev.kasa.evtx.XmlNode.Pi;
import dev.kasa.evtx.XmlNode.Substitution;
import dev.kasa.evtx.XmlNode.Template;
import dev.kasa.evtx.XmlNode.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the binary XML of one chunk into {@link XmlNode} trees ([MS-EVEN6] 2.2.12). Names and
 * template definitions are parsed once per chunk and kept by their offset (at most one per byte of
 * the chunk, forgotten with it). Every offset and size read from the chunk is checked against it
 * before use; nesting of elements, template instances and nested binary XML is bounded by the depth
 * limit; every token spends from the record's {@link WorkBudget}.
 *
 * <p>Dependency identifiers are read in template definitions only, as evtx_dump does (they are
 * absent from elements written directly in a record or in nested binary XML). Not thread-safe.
 */
final class BinXmlParser {
  private final byte[] c;
  private final int maxDepth;
  private final WorkBudget budget;
  private final Map<Integer, String> names = new HashMap<>();
  private final Map<Integer, Template> templates = new HashMap<>();
  private int pos;
  private int end;

  /**
   * @param chunk the chunk being decoded (its contents change with {@link #reset})
   */
  BinXmlParser(byte[] chunk, int maxDepth, WorkBudget budget) {
    this.c = chunk;
    this.maxDepth = maxDepth;
    this.budget = budget;
  }

  /** Forgets the names and templates of the previous chunk. */
  void reset() {
    names.clear();
    templates.clear();
  }

  /**
   * The root of the fragment in {@code [start, limit)}: an element or a template instance.
   *
   * @param dependencyIds whether its elements carry dependency identifiers
   */
  XmlNode fragment(int start, int limit, boolean dependencyIds, int depth) {
    int savedPos = pos;
    int savedEnd = end;
    pos = start;
    end = limit;
    try {
      XmlNode root = null;
      while (pos < end) {
        int t = c[pos] & 0xff;
        budget.spend(1);
        switch (t) {
          case 0x00 -> {
            return rooted(root, start);
          }
          case 0x0f -> {
            need(4);
            pos += 4;
          }
          case 0x0c, 0x01, 0x41 -> {
            if (root != null) {
              throw error("a second root in one fragment");
            }
            root = t == 0x0c ? instance(depth) : element(dependencyIds, depth);
          }
          case 0x0a -> pi();
          default -> throw error(String.format("unexpected token 0x%02x in a fragment", t));
        }
      }
      return rooted(root, start);
    } finally {
      pos = savedPos;
      end = savedEnd;
    }
  }

  private XmlNode rooted(XmlNode root, int start) {
    if (root == null) {
      throw new EvtxFormatException(
          String.format("no element in the binary XML at chunk offset 0x%x", start));
    }
    return root;
  }

  private Element element(boolean dependencyIds, int depth) {
    if (depth > maxDepth) {
      throw error("elements nested deeper than " + maxDepth);
    }
    int token = c[pos] & 0xff;
    need(dependencyIds ? 7 : 5);
    pos += dependencyIds ? 7 : 5;
    String name = name();
    List<Attribute> attributes = List.of();
    if ((token & 0x40) != 0) {
      need(4);
      pos += 4;
      attributes = new ArrayList<>(4);
      while (pos < end && (c[pos] & 0xbf) == 0x06) {
        budget.spend(1);
        pos++;
        String attribute = name();
        List<XmlNode> parts = new ArrayList<>(1);
        while (pos < end && isPart(c[pos] & 0xbf)) {
          budget.spend(1);
          parts.add(part());
        }
        attributes.add(new Attribute(attribute, parts));
      }
    }
    need(1);
    int close = c[pos++] & 0xff;
    if (close == 0x03) {
      return new Element(name, attributes, List.of(), false);
    }
    if (close != 0x02) {
      pos--;
      throw error(String.format("expected the end of a start tag, found token 0x%02x", close));
    }
    List<XmlNode> children = new ArrayList<>();
    boolean elementChildren = false;
    while (true) {
      need(1);
      int t = c[pos] & 0xff;
      budget.spend(1);
      switch (t) {
        case 0x04 -> {
          pos++;
          return new Element(name, attributes, children, elementChildren);
        }
        case 0x01, 0x41 -> {
          children.add(element(dependencyIds, depth + 1));
          elementChildren = true;
        }
        case 0x0c -> {
          children.add(instance(depth + 1));
          elementChildren = true;
        }
        case 0x05, 0x45, 0x0d, 0x0e, 0x08, 0x48, 0x09, 0x49 -> children.add(part());
        case 0x07, 0x47 -> {
          pos++;
          children.add(new CData(counted()));
        }
        case 0x0a -> children.add(pi());
        default -> throw error(String.format("unexpected token 0x%02x in an element", t));
      }
    }
  }

  private static boolean isPart(int t) {
    return t == 0x05 || t == 0x0d || t == 0x0e || t == 0x08 || t == 0x09;
  }

  /** Text, a substitution or a reference: what attribute values and element content hold. */
  private XmlNode part() {
    int t = c[pos] & 0xff;
    switch (t & 0xbf) {
      case 0x05 -> {
        need(2);
        int type = c[pos + 1] & 0xff;
        if (type != ValueType.STRING.code()) {
          throw error(String.format("a value token of type 0x%02x (only strings are)", type));
        }
        pos += 2;
        return new Text(counted());
      }
      case 0x0d, 0x0e -> {
        need(4);
        int index = LittleEndian.u16(c, pos + 1);
        pos += 4;
        return new Substitution(index, t == 0x0e);
      }
      case 0x08 -> {
        need(3);
        int code = LittleEndian.u16(c, pos + 1);
        pos += 3;
        return new CharRef(code);
      }
      case 0x09 -> {
        pos++;
        return new EntityRef(name());
      }
      default -> throw error(String.format("unexpected token 0x%02x in content", t));
    }
  }

  private Pi pi() {
    pos++;
    String target = name();
    need(1);
    if ((c[pos] & 0xff) != 0x0b) {
      throw error(String.format("expected PI data (0x0b), found 0x%02x", c[pos] & 0xff));
    }
    pos++;
    return new Pi(target, counted());
  }

  private Instance instance(int depth) {
    if (depth > maxDepth) {
      throw error("template instances nested deeper than " + maxDepth);
    }
    need(10);
    int def = LittleEndian.i32(c, pos + 6);
    pos += 10;
    Template t = templates.get(def);
    if (t == null) {
      t = template(def, depth);
    }
    if (def == pos) {
      long size = LittleEndian.u32(c, def + 20);
      pos = def + 24 + (int) size;
      if (pos > end) {
        throw error("the template definition runs past its record");
      }
    }
    return new Instance(t, values());
  }

  private Template template(int def, int depth) {
    if (def < 0 || def > c.length - 24) {
      throw error(String.format("template definition offset 0x%x outside the chunk", def));
    }
    long size = LittleEndian.u32(c, def + 20);
    if (size > c.length - def - 24) {
      throw error(
          String.format("template definition at 0x%x of %d bytes runs past the chunk", def, size));
    }
    XmlNode root = fragment(def + 24, def + 24 + (int) size, true, depth + 1);
    if (!(root instanceof Element e)) {
      throw error(String.format("the template definition at 0x%x holds no element", def));
    }
    Template t = new Template(def, e);
    templates.put(def, t);
    return t;
  }

  private Values values() {
    need(4);
    long n = LittleEndian.u32(c, pos);
    pos += 4;
    if (n > (end - pos) / 4) {
      throw error(n + " template values do not fit in the record");
    }
    int count = (int) n;
    budget.spend(count);
    byte[] types = new byte[count];
    int[] offsets = new int[count];
    int[] sizes = new int[count];
    int at = pos + 4 * count;
    for (int i = 0; i < count; i++) {
      int d = pos + 4 * i;
      sizes[i] = LittleEndian.u16(c, d);
      types[i] = c[d + 2];
      offsets[i] = at;
      at += sizes[i];
    }
    if (at > end) {
      throw error("template values run " + (at - end) + " bytes past the end of the record");
    }
    pos = at;
    return new Values(types, offsets, sizes);
  }

  /** A name reference; the name itself follows inline when it is stored right here. */
  private String name() {
    need(4);
    int off = LittleEndian.i32(c, pos);
    pos += 4;
    if (off < 0 || off > c.length - 8) {
      throw error(String.format("name offset 0x%x outside the chunk", off));
    }
    String s = names.get(off);
    if (s == null) {
      int n = LittleEndian.u16(c, off + 6);
      if (off + 10 + 2 * n > c.length) {
        throw error(String.format("the name at 0x%x runs past the chunk", off));
      }
      budget.spend(1);
      s = utf16(off + 8, n);
      names.put(off, s);
    }
    if (off == pos) {
      pos = off + 10 + 2 * s.length();
      if (pos > end) {
        throw error("an inline name runs past its fragment");
      }
    }
    return s;
  }

  /** A string of a 16-bit character count and that many UTF-16 units. */
  private String counted() {
    need(2);
    int n = LittleEndian.u16(c, pos);
    need(2 + 2 * n);
    String s = utf16(pos + 2, n);
    pos += 2 + 2 * n;
    return s;
  }

  private String utf16(int at, int units) {
    char[] chars = new char[units];
    for (int i = 0; i < units; i++) {
      chars[i] = (char) LittleEndian.u16(c, at + 2 * i);
    }
    return new String(chars);
  }

  private void need(int n) {
    if (pos + n > end) {
      throw error("binary XML cut short (" + n + " more bytes needed)");
    }
  }

  private EvtxFormatException error(String what) {
    return new EvtxFormatException(what + String.format(" at chunk offset 0x%x", pos));
  }
}
