package dev.kasa.node.store;

import java.util.List;

/**
 * A page of entries in date-added order.
 *
 * @param entries at most the query's limit
 * @param more whether entries the reader may receive remain after the last one
 */
public record EntryPage(List<StoredEntry> entries, boolean more) {
  public EntryPage {
    entries = List.copyOf(entries);
  }
}
