package dev.kasa.cli;

/** The output formats of {@code kasa scan}; see docs/output.md. */
enum OutputFormat {
  TABLE,
  JSONL,
  STIX,
  CSV;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
