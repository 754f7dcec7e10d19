package dev.kasa.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FieldCapture} compiled for one family of decoders ({@link Layout}): path forms to
 * capture ids. For {@code evtx-json} each name also stands for the forms it takes relative to
 * {@code Event.EventData}, {@code Event.System} and {@code Event.UserData.<Element>}: {@code N},
 * {@code N.#text}, {@code #attributes.N} (an attribute of the section element itself) and, for each
 * underscore of {@code X_Y}, {@code X.#attributes.Y}. For the Windows layouts every form is also
 * kept without its spaces, which is how the scanner looks up names in which spaces do not count.
 * Immutable and thread-safe.
 */
final class CaptureTable {
  static final CaptureTable NONE = new CaptureTable(FieldCapture.NONE, Layout.JSON);

  /** How the decoders of a family name fields. */
  enum Layout {
    /** Full dotted paths, exactly as written. */
    JSON,
    /**
     * evtx_dump JSON: full paths, and short names relative to the event's sections in which spaces
     * do not count ({@code Threat Name} is {@code ThreatName}).
     */
    EVTX,
    /**
     * Flat Windows JSON (NXLog, Winlogbeat): full dotted paths in which spaces do not count, since
     * event-data names sit at the top level or under {@code winlog.event_data}.
     */
    WINDOWS;

    static Layout of(EventFormat format) {
      return switch (format) {
        case EVTX_JSON, EVTX -> Layout.EVTX;
        case WINDOWS_JSON -> WINDOWS;
        case NDJSON, ZEEK_TSV, ZEEK_JSON, EVE -> JSON;
      };
    }
  }

  private final FieldCapture source;
  private final String[] names;
  private final boolean[] spaced;
  private final boolean all;
  private final Layout layout;
  private final PathTable<int[]> table;

  private CaptureTable(FieldCapture capture, Layout layout) {
    this(capture, layout, capture.all());
  }

  private CaptureTable(FieldCapture capture, Layout layout, boolean all) {
    this.source = capture;
    this.names = capture.names().toArray(new String[0]);
    this.spaced = new boolean[names.length];
    for (int id = 0; id < names.length; id++) {
      spaced[id] = names[id].indexOf(' ') >= 0;
    }
    this.all = all;
    this.layout = layout;
    Map<String, List<Integer>> forms = new LinkedHashMap<>();
    for (int id = 0; id < names.length; id++) {
      List<String> written = forms(names[id], layout == Layout.EVTX);
      List<String> lookedUp = new ArrayList<>(written);
      if (layout != Layout.JSON) {
        written.forEach(f -> lookedUp.add(withoutSpaces(f)));
      }
      for (String form : lookedUp) {
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
    return of(capture, evtx ? Layout.EVTX : Layout.JSON);
  }

  static CaptureTable of(FieldCapture capture, Layout layout) {
    return capture == FieldCapture.NONE ? NONE : new CaptureTable(capture, layout);
  }

  /** The same names with capture-all switched to {@code all}. */
  static CaptureTable of(FieldCapture capture, Layout layout, boolean all) {
    return capture == FieldCapture.NONE ? NONE : new CaptureTable(capture, layout, all);
  }

  /** The capture this table was compiled from: what records decoded with it carry. */
  FieldCapture source() {
    return source;
  }

  static String withoutSpaces(String name) {
    return name.indexOf(' ') < 0 ? name : name.replace(" ", "");
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
    return layout == Layout.EVTX;
  }

  /** True when spaces do not count in names looked up relative to a section (Windows layouts). */
  boolean spacesIgnored() {
    return layout != Layout.JSON;
  }

  Layout layout() {
    return layout;
  }

  boolean hasNames() {
    return names.length > 0;
  }

  String name(int id) {
    return names[id];
  }

  /** True when the name of {@code id} has a space. */
  boolean spaced(int id) {
    return spaced[id];
  }

  boolean mayContain(int h) {
    return table.mayContain(h);
  }

  /** Whether a captured path is {@code name} or lies under it (see {@link PathTable}). */
  boolean hasAtOrUnder(String name) {
    return table.hasAtOrUnder(name);
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
