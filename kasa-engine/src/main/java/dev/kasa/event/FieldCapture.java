package dev.kasa.event;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which event fields the decoders hand over as text in {@link DecodedRecord} (for Sigma rules),
 * besides the observables of the field map. Immutable and thread-safe.
 *
 * <p>Names are canonical field names, compared case-sensitively as written in events: the full
 * dotted path for JSON formats ({@code dns.answers.rdata}), the column name for Zeek TSV, and for
 * {@code evtx-json} also the short Windows names ({@code Image}, {@code EventID}, {@code
 * Provider_Name}); see {@code docs/formats.md}. Fields nobody asked for are skipped without being
 * decoded.
 *
 * @param names canonical names to capture, no duplicates, none null or empty; the index of a name
 *     is its capture id ({@link DecodedRecord#capturedId(int)})
 * @param all also capture every other scalar field, with capture id -1 (for keyword searches)
 * @param allSources when {@code all}, the input sources ({@link EventInput#fieldMapSource()}) it
 *     applies to; empty means every source
 */
public record FieldCapture(List<String> names, boolean all, Set<String> allSources) {
  /** Capture nothing. */
  public static final FieldCapture NONE = new FieldCapture(List.of(), false);

  /** Captures {@code names}, and every field of every source when {@code all}. */
  public FieldCapture(List<String> names, boolean all) {
    this(names, all, Set.of());
  }

  public FieldCapture {
    Objects.requireNonNull(names, "names");
    allSources = Set.copyOf(allSources);
    names = List.copyOf(names);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isEmpty()) {
        throw new IllegalArgumentException("names[" + i + "] is empty");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("names[" + i + "] '" + n + "' is a duplicate");
      }
    }
  }

  /** Captures {@code names} only. */
  public static FieldCapture of(List<String> names) {
    return new FieldCapture(names, false);
  }

  /** True when every field of inputs of {@code source} is captured. */
  public boolean allFor(String source) {
    return all && (allSources.isEmpty() || allSources.contains(source));
  }

  /** True when decoders capture nothing. */
  public boolean isNone() {
    return names.isEmpty() && !all;
  }
}
