package dev.kasa.node.ingest;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.event.EventFormat;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One configured tailed file or folder ({@code ingest.files} in {@code kasa.yml}).
 *
 * @param name the source's name (status, checkpoints)
 * @param path a file, or a folder whose regular files are all tailed (not its subfolders; names
 *     ending {@code .gz}, {@code .bz2}, {@code .xz}, {@code .zst}, {@code .zip}, {@code .evtx} and
 *     names starting with {@code .} are left alone)
 * @param format the format, or null to detect it per file from its first bytes as {@code kasa scan}
 *     does
 * @param fieldMap the field-map source, or null to derive it as {@code kasa scan} does
 * @param maxLineBytes the longest record kept; longer ones are skipped and counted as malformed
 * @param pollMillis how often the files are looked at
 */
public record TailedSource(
    String name,
    Path path,
    EventFormat format,
    String fieldMap,
    int maxLineBytes,
    long pollMillis) {
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  public static final long DEFAULT_POLL_MILLIS = 250;

  public TailedSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    if (format == EventFormat.EVTX) {
      throw new KasaException(
          ErrorCode.USAGE, "files " + name + ": .evtx files cannot be tailed; give a line format");
    }
    if (maxLineBytes < 1024 || maxLineBytes > (64 << 20)) {
      throw new KasaException(
          ErrorCode.USAGE,
          "files " + name + ": max-line-bytes must be in 1024..67108864 but is " + maxLineBytes);
    }
    if (pollMillis < 10 || pollMillis > 60_000) {
      throw new KasaException(
          ErrorCode.USAGE,
          "files " + name + ": poll-millis must be in 10..60000 but is " + pollMillis);
    }
  }

  /** A source with the default limits, format detected, field map derived. */
  public static TailedSource of(String name, Path path) {
    return new TailedSource(name, path, null, null, DEFAULT_MAX_LINE_BYTES, DEFAULT_POLL_MILLIS);
  }
}
