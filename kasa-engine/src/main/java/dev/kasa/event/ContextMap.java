package dev.kasa.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of a source's events give their {@link dev.kasa.EventContext}: the field map's
 * {@code @host}, {@code @source.ip}, {@code @source.port}, {@code @destination.ip}, {@code
 * @destination.port} and {@code @context.NAME} entries, each a list of candidate paths (the first
 * one present in an event wins). Immutable.
 */
final class ContextMap {
  static final String HOST = "@host";
  static final String SOURCE_IP = "@source.ip";
  static final String SOURCE_PORT = "@source.port";
  static final String DESTINATION_IP = "@destination.ip";
  static final String DESTINATION_PORT = "@destination.port";
  static final String FIELD = "@context.";

  /** Slots 0-4 are host and the endpoints, then one per context field. */
  private static final List<String> FIXED =
      List.of(HOST, SOURCE_IP, SOURCE_PORT, DESTINATION_IP, DESTINATION_PORT);

  static final ContextMap NONE = new ContextMap(Map.of());

  private final String[] fieldNames;
  private final Map<String, int[]> byPath;
  private final int slots;

  /** {@code entries}: entry name ({@code @host}, {@code @context.uid}) to candidate paths. */
  ContextMap(Map<String, List<String>> entries) {
    List<String> names = new ArrayList<>();
    Map<String, List<int[]>> paths = new HashMap<>();
    for (var e : new LinkedHashMap<>(entries).entrySet()) {
      int slot = FIXED.indexOf(e.getKey());
      if (slot < 0) {
        slot = FIXED.size() + names.size();
        names.add(e.getKey().substring(FIELD.length()));
      }
      List<String> candidates = e.getValue();
      for (int rank = 0; rank < candidates.size(); rank++) {
        paths
            .computeIfAbsent(candidates.get(rank), k -> new ArrayList<>())
            .add(new int[] {slot, rank});
      }
    }
    this.fieldNames = names.toArray(new String[0]);
    this.slots = FIXED.size() + names.size();
    Map<String, int[]> flat = new HashMap<>();
    // Packed as slot, rank, slot, rank...: one lookup per field of an event with a finding.
    paths.forEach(
        (p, list) -> {
          int[] packed = new int[list.size() * 2];
          for (int i = 0; i < list.size(); i++) {
            packed[2 * i] = list.get(i)[0];
            packed[2 * i + 1] = list.get(i)[1];
          }
          flat.put(p, packed);
        });
    this.byPath = Map.copyOf(flat);
  }

  /** True for the names of context entries ({@code @timestamp} and {@code @generic} are not). */
  static boolean isEntry(String name) {
    return FIXED.contains(name) || (name.startsWith(FIELD) && name.length() > FIELD.length());
  }

  boolean isEmpty() {
    return byPath.isEmpty();
  }

  int slots() {
    return slots;
  }

  /** The name of context field slot {@code slot} (≥ 5). */
  String fieldName(int slot) {
    return fieldNames[slot - FIXED.size()];
  }

  /** Slot, rank pairs the field at {@code path} fills, or null. */
  int[] targets(String path) {
    return byPath.get(path);
  }
}
