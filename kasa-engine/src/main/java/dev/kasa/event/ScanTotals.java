package dev.kasa.event;

/**
 * Totals of one {@link EventScanner#scan} call.
 *
 * @param inputs inputs decoded (files and stdin)
 * @param unreadable inputs reported as unreadable
 * @param records records decoded
 * @param malformed malformed records
 * @param bytes bytes read (after decompression)
 * @param cancelled true when {@link EventScanner#cancel()} stopped the scan before its end
 */
public record ScanTotals(
    int inputs, int unreadable, long records, long malformed, long bytes, boolean cancelled) {}
