package dev.kasa.evtx;

/** What each decoded record is rendered as. */
public enum RecordFormat {
  /** One JSON object, as the Rust evtx_dump writes it (compact, no newline). */
  JSON,
  /** The event's XML as Windows shows it (indented, ending with a newline). */
  XML
}
