package dev.kasa.cli.report;

import dev.kasa.EventRef;
import dev.kasa.detect.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sort time} and {@code --dedup} over the rows of {@code csv} or {@code jsonl}
 * (docs/output.md#views). Sorted, rows go through {@link SortedRows} and the copies of a finding
 * are next to each other in their second, so folding holds one second of rows. Unsorted, folding
 * holds up to {@link ViewSpec#buffer} groups in input order of their first copy; a copy that comes
 * after its group was written (more groups between than the buffer) starts a new row.
 */
public final class TimelineReport implements HitReport {
  private final PrintWriter out;
  private final ViewSpec spec;
  private final TimelineRows rows;
  private final SortedRows sorted;
  private final LinkedHashMap<String, List<String>> groups = new LinkedHashMap<>();
  private long seq;
  private long folded;
  private long secondHeld = Long.MIN_VALUE;

  /**
   * @param csv whether rows are CSV (else JSON lines)
   * @param tempDir where sorting spills runs
   */
  public TimelineReport(PrintWriter out, boolean csv, ViewSpec spec, Path tempDir) {
    this.out = out;
    this.spec = spec;
    this.rows = csv ? new TimelineRows.Csv() : new TimelineRows.Json();
    this.sorted = spec.sortByTime() ? new SortedRows(spec.buffer(), tempDir) : null;
    out.print(rows.header());
  }

  @Override
  public void hit(String input, Finding.IndicatorHit hit) {
    add(input, hit);
  }

  @Override
  public void sigma(String input, Finding.RuleMatch match) {
    add(input, match);
  }

  @Override
  public void correlation(Finding.CorrelationHit hit) {
    add(hit.event().source(), hit);
  }

  private void add(String input, Finding finding) {
    long time = time(finding);
    SortedRows.Row row =
        new SortedRows.Row(
            time == EventRef.NO_TIME ? SortedRows.NO_TIME : time,
            seq++,
            spec.dedup() ? FoldKey.of(finding) : null,
            rows.row(input, finding));
    if (sorted != null) {
      sorted.add(row);
    } else {
      fold(row);
      if (groups.size() > spec.buffer()) {
        writeEldest();
      }
    }
  }

  /** Adds a row to its group, writing the groups of an earlier second when sorted. */
  private void fold(SortedRows.Row row) {
    if (!spec.dedup()) {
      out.print(row.text());
      return;
    }
    long second = row.time() == SortedRows.NO_TIME ? row.time() : Math.floorDiv(row.time(), 1000);
    if (sorted != null && second != secondHeld) {
      while (!groups.isEmpty()) {
        writeEldest();
      }
      secondHeld = second;
    }
    String key = row.key() == null ? "#" + row.seq() : row.key();
    groups.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row.text());
  }

  private void writeEldest() {
    Iterator<Map.Entry<String, List<String>>> eldest = groups.entrySet().iterator();
    List<String> copies = eldest.next().getValue();
    eldest.remove();
    out.print(copies.size() == 1 ? copies.get(0) : rows.fold(copies));
    folded += copies.size() - 1;
  }

  private static long time(Finding finding) {
    return switch (finding) {
      case Finding.IndicatorHit hit -> hit.event().timeMillis();
      case Finding.RuleMatch match -> match.match().timeMillis();
      case Finding.CorrelationHit fired -> fired.fired().lastMillis();
    };
  }

  @Override
  public void finish() {
    if (sorted != null) {
      sorted.drain(this::fold);
    }
    while (!groups.isEmpty()) {
      writeEldest();
    }
    out.flush();
  }

  /** Deletes the sorted runs still on disk (after {@link #finish}, or when the run failed). */
  @Override
  public void close() {
    if (sorted != null) {
      sorted.close();
    }
  }

  /** How many findings were folded into another's row (written rows = findings - folded). */
  public long folded() {
    return folded;
  }

  /** How many sorted runs were spilled to temporary files. */
  public int spilledRuns() {
    return sorted == null ? 0 : sorted.runs();
  }
}
