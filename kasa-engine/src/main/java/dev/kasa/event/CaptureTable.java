package dev.kasa.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FieldCapture} compiled for one family of decoders: path forms to capture ids. For {@code
 * evtx-json} each name also stands for the forms it takes relative to {@code Event.EventData},
 * {@code Event.System} and {@code Event.UserData.<Element>}: {@code N}, {@code N.#text}, {@code
 * #attributes.N} (an attribute of the section element itself) and, for each underscore of {@code
 * X_Y}, {@code X.#attributes.Y}. Immutable and thread-safe.
 */
final class CaptureTable {
  static final CaptureTable NONE = new CaptureTable(FieldCapture.NONE, false);

  private final FieldCapture source;
  private final String[] names;
  private final boolean all;
  private final boolean evtx;
  private final PathTable<int[]> table;

  private CaptureTable(FieldCapture capture, boolean evtx) {
    this(capture, evtx, capture.all());
  }

  private CaptureTable(FieldCapture capture, boolean evtx, boolean all) {
    this.source = capture;
    this.names = capture.names().toArray(new String[0]);
    this.all = all;
    this.evtx = evtx;
    Map<String, List<Integer>> forms = new LinkedHashMap<>();
    for (int id = 0; id < names.length; id++) {
      for (String form : forms(names[id], evtx)) {
        List<Integer> ids = forms.computeIfAbsent(form, k -> new ArrayList<>());
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    Map<String, int[]> entries = new LinkedHashMap<>();
    forms.forEach((k, v) -> entries.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    this.table = new PathTable<>(entries);
  }

  static CaptureTable of(FieldCapture capture, boolean evtx) {
    return capture == FieldCapture.NONE ? NONE : new CaptureTable(capture, evtx);
  }

  /** The same names with capture-all switched to {@code all}. */
  static CaptureTable of(FieldCapture capture, boolean evtx, boolean all) {
    return capture == FieldCapture.NONE ? NONE : new CaptureTable(capture, evtx, all);
  }

  /** The capture this table was compiled from: what records decoded with it carry. */
  FieldCapture source() {
    return source;
  }

  private static List<String> forms(String name, boolean evtx) {
    List<String> out = new ArrayList<>();
    out.add(name);
    if (evtx) {
      out.add(name + ".#text");
      out.add("#attributes." + name);
      for (int i = 1; i < name.length() - 1; i++) {
        if (name.charAt(i) == '_') {
          out.add(name.substring(0, i) + ".#attributes." + name.substring(i + 1));
        }
      }
    }
    return out;
  }

  /** True when decoders capture anything. */
  boolean active() {
    return all || names.length > 0;
  }

  boolean all() {
    return all;
  }

  /** True for the evtx-json forms (and the relative paths the scanner computes for them). */
  boolean evtx() {
    return evtx;
  }

  boolean hasNames() {
    return names.length > 0;
  }

  String name(int id) {
    return names[id];
  }

  boolean mayContain(int h) {
    return table.mayContain(h);
  }

  /** Capture ids of path {@code b[off, off+len)} of hash {@code h}, or null. */
  int[] get(byte[] b, int off, int len, int h) {
    return table.get(b, off, len, h);
  }

  /** Capture ids of a Zeek TSV column or other single-key name, or null. */
  int[] get(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return table.get(k, 0, k.length, PathTable.hash(k, 0, k.length));
  }
}
