package dev.kasa.event;

/**
 * Totals of one {@link EventScanner#scan} call.
 *
 * @param inputs inputs decoded (files and stdin)
 * @param unreadable inputs reported as unreadable
 * @param records records decoded
 * @param malformed malformed records
 * @param bytes bytes read (after decompression)
 */
public record ScanTotals(int inputs, int unreadable, long records, long malformed, long bytes) {}
