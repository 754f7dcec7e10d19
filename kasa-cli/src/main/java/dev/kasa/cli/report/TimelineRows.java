package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.detect.Finding;
import dev.kasa.detect.FindingLines;
import dev.kasa.detect.TerminalSafeJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a timeline in one format, one row (one line) per finding, and how the copies of one
 * finding fold into one row that keeps every copy's input, line and intelligence source.
 */
sealed interface TimelineRows permits TimelineRows.Csv, TimelineRows.Json {
  /** What is written before the first row. */
  String header();

  /** The row of one finding, its line end included. */
  String row(String input, Finding finding);

  /** One row for the copies of one finding, the first copy first. */
  String fold(List<String> copies);

  /** {@code --format csv}: the columns of {@link CsvReport}. */
  final class Csv implements TimelineRows {
    /** Cells that list every copy in order, so that inputs and lines pair up. */
    private static final Set<String> PER_COPY = Set.of("input", "line");

    @Override
    public String header() {
      return CsvReport.line(CsvReport.COLUMNS.toArray(String[]::new));
    }

    @Override
    public String row(String input, Finding finding) {
      return CsvReport.line(CsvReport.cells(input, finding));
    }

    /**
     * {@code time} is the earliest copy's; {@code input} and {@code line} list every copy's, {@code
     * ;}-separated, so that they pair up; any other cell lists its distinct values.
     */
    @Override
    public String fold(List<String> copies) {
      List<List<String>> rows = copies.stream().map(Csv::parse).toList();
      String[] folded = new String[CsvReport.COLUMNS.size()];
      for (int c = 0; c < folded.length; c++) {
        String column = CsvReport.COLUMNS.get(c);
        Set<String> distinct = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (List<String> row : rows) {
          String v = c < row.size() ? row.get(c) : "";
          all.add(v);
          if (!v.isEmpty()) {
            distinct.add(v);
          }
        }
        if (column.equals("time")) {
          // ISO-8601 UTC times of one format order as text.
          folded[c] = distinct.stream().min(String::compareTo).orElse("");
        } else if (PER_COPY.contains(column)) {
          folded[c] = String.join(";", all);
        } else {
          folded[c] = String.join(";", distinct);
        }
      }
      return CsvReport.line(folded);
    }

    /** The cells of one row this class wrote (RFC 4180, CRLF-ended). */
    static List<String> parse(String line) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      int end = line.endsWith("\r\n") ? line.length() - 2 : line.length();
      boolean quoted = false;
      for (int i = 0; i < end; i++) {
        char ch = line.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < end && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cell.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(ch);
        }
      }
      cells.add(cell.toString());
      return cells;
    }
  }

  /** {@code --format jsonl}: the engine's finding lines. */
  final class Json implements TimelineRows {
    /** What a folded copy keeps: where it was and where its intelligence came from. */
    private static final List<String> COPY_FIELDS =
        List.of("file", "line", "time", "field", "value", "indicator", "provenance", "context");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringWriter buffer = new StringWriter();
    private final FindingLines lines = new FindingLines(buffer);

    @Override
    public String header() {
      return "";
    }

    @Override
    public String row(String input, Finding finding) {
      lines.write(input, finding);
      lines.finish();
      String row = buffer.toString();
      buffer.getBuffer().setLength(0);
      return row;
    }

    /** The first copy, with {@code folded}: the other copies' places and intelligence. */
    @Override
    public String fold(List<String> copies) {
      try {
        ObjectNode first = (ObjectNode) JSON.readTree(copies.get(0));
        ArrayNode folded = first.putArray("folded");
        for (String copy : copies.subList(1, copies.size())) {
          JsonNode other = JSON.readTree(copy);
          ObjectNode kept = folded.addObject();
          for (String name : COPY_FIELDS) {
            if (other.has(name)) {
              kept.set(name, other.get(name));
            }
          }
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
          json.setCharacterEscapes(new TerminalSafeJson());
          JSON.writeTree(json, first);
        }
        return out.append('\n').toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
