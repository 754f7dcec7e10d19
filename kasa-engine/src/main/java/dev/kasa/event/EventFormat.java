package dev.kasa.event;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The input formats Kasa decodes, with the names used to force one ({@code --input-format}). */
public enum EventFormat {
  /** Generic JSON lines of any nesting; generic rules only. */
  NDJSON("ndjson"),
  /** Zeek TSV logs with {@code #fields} headers. */
  ZEEK_TSV("zeek-tsv"),
  /** Zeek JSON logs, one object per line. */
  ZEEK_JSON("zeek-json"),
  /** Suricata EVE JSON. */
  EVE("eve"),
  /** Windows events as {@code evtx_dump} JSON ({@code {"Event":{"System":…,"EventData":…}}}). */
  EVTX_JSON("evtx-json"),
  /**
   * Windows event log files ({@code .evtx}), read natively; their records are decoded as the {@code
   * evtx-json} source (the same fields, field map and log sources).
   */
  EVTX("evtx"),
  /** Flat Windows events (NXLog, Winlogbeat), one object per line. */
  WINDOWS_JSON("windows-json");

  private final String cliName;

  EventFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name that forces this format, also the field map source name. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format of an input that starts with {@code head[0, length)} (gzip already undone), detected
   * exactly as {@code kasa scan} detects a file's: for callers that read an input piece by piece (a
   * tailed file) and must decode every piece as the whole.
   */
  public static EventFormat detect(byte[] head, int length) {
    return FormatDetector.detect(head, Math.min(length, head.length)).format();
  }

  /**
   * The format named {@code name} (case-insensitive).
   *
   * @throws KasaException USAGE naming the bad name and the valid ones
   */
  public static EventFormat byName(String name) {
    for (EventFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new KasaException(
        ErrorCode.USAGE,
        "unknown input format '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(EventFormat::cliName).collect(Collectors.joining(", ")));
  }
}
