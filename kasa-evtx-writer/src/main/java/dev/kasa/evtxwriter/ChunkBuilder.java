package dev.kasa.evtxwriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Builds one 64 KiB chunk: records appended in order, names and template definitions stored the
 * first time the chunk uses them and referenced by offset afterwards, the string and template
 * tables, then the header with its checksums. A record that does not fit is rolled back. Not
 * thread-safe.
 */
final class ChunkBuilder {
  static final int SIZE = 65536;
  private static final int HEADER = 512;

  /** Thrown (without a stack trace) when the record being appended does not fit. */
  private static final class Full extends RuntimeException {
    Full() {
      super("chunk full", null, false, false);
    }
  }

  private static final Full FULL = new Full();

  private final byte[] buf = new byte[SIZE];
  private final Map<String, Integer> names = new HashMap<>();
  private final Map<UUID, Integer> templates = new HashMap<>();
  private final int[] stringTable = new int[64];
  private final int[] templateTable = new int[32];
  private final List<String> newNames = new ArrayList<>();
  private final List<UUID> newTemplates = new ArrayList<>();
  private int pos = HEADER;
  private int records;
  private long firstNumber;
  private long firstId;
  private long lastNumber;
  private long lastId;
  private int lastRecordOffset;

  boolean isEmpty() {
    return records == 0;
  }

  int records() {
    return records;
  }

  /** Appends a record; false (and the chunk unchanged) when it does not fit. */
  boolean tryAppend(long number, long id, long fileTime, Template template, List<Value> values) {
    int start = pos;
    int[] strings = stringTable.clone();
    int[] tpls = templateTable.clone();
    newNames.clear();
    newTemplates.clear();
    try {
      u32(0x00002a2a);
      u32(0);
      u64(id);
      u64(fileTime);
      fragmentHeader();
      instance(template, values);
      u8(0x00);
      int size = pos - start + 4;
      u32(size);
      putU32(start + 4, size);
    } catch (RuntimeException e) {
      Arrays.fill(buf, start, SIZE, (byte) 0);
      pos = start;
      newNames.forEach(names::remove);
      newTemplates.forEach(templates::remove);
      System.arraycopy(strings, 0, stringTable, 0, 64);
      System.arraycopy(tpls, 0, templateTable, 0, 32);
      if (e == FULL) {
        return false;
      }
      throw e;
    }
    if (records == 0) {
      firstNumber = number;
      firstId = id;
    }
    records++;
    lastNumber = number;
    lastId = id;
    lastRecordOffset = start;
    return true;
  }

  /** The finished chunk (header and checksums written); valid until {@link #reset}. */
  byte[] finish() {
    byte[] magic = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    System.arraycopy(magic, 0, buf, 0, 8);
    putU64(8, firstNumber);
    putU64(16, lastNumber);
    putU64(24, firstId);
    putU64(32, lastId);
    putU32(40, 128);
    putU32(44, lastRecordOffset);
    putU32(48, pos);
    CRC32 data = new CRC32();
    data.update(buf, HEADER, pos - HEADER);
    putU32(52, (int) data.getValue());
    for (int i = 0; i < 64; i++) {
      putU32(128 + 4 * i, stringTable[i]);
    }
    for (int i = 0; i < 32; i++) {
      putU32(384 + 4 * i, templateTable[i]);
    }
    CRC32 header = new CRC32();
    header.update(buf, 0, 120);
    header.update(buf, 128, HEADER - 128);
    putU32(124, (int) header.getValue());
    return buf;
  }

  void reset() {
    Arrays.fill(buf, (byte) 0);
    names.clear();
    templates.clear();
    Arrays.fill(stringTable, 0);
    Arrays.fill(templateTable, 0);
    pos = HEADER;
    records = 0;
  }

  private void fragmentHeader() {
    u8(0x0f);
    u8(0x01);
    u8(0x01);
    u8(0x00);
  }

  private void instance(Template template, List<Value> values) {
    byte[] guid = Value.guidBytes(template.id());
    int templateId =
        (guid[0] & 0xff) | (guid[1] & 0xff) << 8 | (guid[2] & 0xff) << 16 | guid[3] << 24;
    u8(0x0c);
    u8(0x01);
    u32(templateId);
    Integer def = templates.get(template.id());
    if (def != null) {
      u32(def);
    } else {
      int at = pos + 4;
      u32(at);
      int bucket = Integer.remainderUnsigned(templateId, 32);
      u32(templateTable[bucket]);
      for (byte g : guid) {
        u8(g);
      }
      int sizeAt = pos;
      u32(0);
      fragmentHeader();
      element(template.root(), true);
      u8(0x00);
      putU32(sizeAt, pos - sizeAt - 4);
      templates.put(template.id(), at);
      newTemplates.add(template.id());
      templateTable[bucket] = at;
    }
    u32(values.size());
    int descriptors = pos;
    for (int i = 0; i < values.size(); i++) {
      u32(0);
    }
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      int start = pos;
      value(v);
      int size = pos - start;
      if (size > 0xffff) {
        throw new IllegalArgumentException("value " + i + " is longer than 65535 bytes: " + size);
      }
      putU16(descriptors + 4 * i, size);
      buf[descriptors + 4 * i + 2] = (byte) v.typeCode();
    }
  }

  private void value(Value v) {
    switch (v) {
      case Value.Scalar s -> {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
          buf[pos++] = s.byteAt(i);
        }
      }
      case Value.Nested n -> {
        fragmentHeader();
        instance(n.template(), n.values());
        u8(0x00);
      }
      case Value.NestedElement e -> {
        fragmentHeader();
        element(e.element(), false);
        u8(0x00);
      }
    }
  }

  private void element(XmlNode.Element e, boolean dependencyIds) {
    boolean attributes = !e.attributes().isEmpty();
    u8(attributes ? 0x41 : 0x01);
    if (dependencyIds) {
      u16(0xffff);
    }
    int sizeAt = pos;
    u32(0);
    name(e.name());
    if (attributes) {
      int listAt = pos;
      u32(0);
      List<XmlNode.Attribute> list = e.attributes();
      for (int i = 0; i < list.size(); i++) {
        u8(i + 1 < list.size() ? 0x46 : 0x06);
        name(list.get(i).name());
        for (XmlNode part : list.get(i).value()) {
          content(part, dependencyIds);
        }
      }
      putU32(listAt, pos - listAt - 4);
    }
    if (e.children().isEmpty()) {
      u8(0x03);
    } else {
      u8(0x02);
      for (XmlNode child : e.children()) {
        content(child, dependencyIds);
      }
      u8(0x04);
    }
    putU32(sizeAt, pos - sizeAt - 4);
  }

  private void content(XmlNode node, boolean dependencyIds) {
    switch (node) {
      case XmlNode.Element e -> element(e, dependencyIds);
      case XmlNode.Text t -> {
        u8(0x05);
        u8(0x01);
        utf16Counted(t.text());
      }
      case XmlNode.Substitution s -> {
        u8(s.optional() ? 0x0e : 0x0d);
        u16(s.index());
        u8(s.type().code());
      }
      case XmlNode.CharRef c -> {
        u8(0x08);
        u16(c.code());
      }
      case XmlNode.EntityRef r -> {
        u8(0x09);
        name(r.name());
      }
      case XmlNode.CData c -> {
        u8(0x07);
        utf16Counted(c.text());
      }
      case XmlNode.ProcessingInstruction p -> {
        u8(0x0a);
        name(p.target());
        u8(0x0b);
        utf16Counted(p.data());
      }
    }
  }

  /** A name reference: the offset of the name, stored inline right here the first time. */
  private void name(String name) {
    Integer at = names.get(name);
    if (at != null) {
      u32(at);
      return;
    }
    int off = pos + 4;
    u32(off);
    int hash = XmlNames.hash(name);
    u32(stringTable[hash % 64]);
    u16(hash);
    u16(name.length());
    utf16(name);
    u16(0);
    stringTable[hash % 64] = off;
    names.put(name, off);
    newNames.add(name);
  }

  private void utf16Counted(String s) {
    u16(s.length());
    utf16(s);
  }

  private void utf16(String s) {
    ensure(2 * s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      buf[pos++] = (byte) c;
      buf[pos++] = (byte) (c >>> 8);
    }
  }

  private void ensure(int n) {
    if (pos + n > SIZE) {
      throw FULL;
    }
  }

  private void u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  private void u16(int v) {
    ensure(2);
    putU16(pos, v);
    pos += 2;
  }

  private void u32(int v) {
    ensure(4);
    putU32(pos, v);
    pos += 4;
  }

  private void u64(long v) {
    ensure(8);
    putU64(pos, v);
    pos += 8;
  }

  private void putU16(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
  }

  private void putU32(int at, int v) {
    for (int i = 0; i < 4; i++) {
      buf[at + i] = (byte) (v >>> (8 * i));
    }
  }

  private void putU64(int at, long v) {
    for (int i = 0; i < 8; i++) {
      buf[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
