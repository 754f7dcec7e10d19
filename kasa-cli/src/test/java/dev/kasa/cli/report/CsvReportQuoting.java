package dev.kasa.cli.report;

/** The CSV report's quoting, for tests outside its package. */
public final class CsvReportQuoting {
  private CsvReportQuoting() {}

  public static String quoted(String cell) {
    return CsvReport.quoted(cell);
  }
}
