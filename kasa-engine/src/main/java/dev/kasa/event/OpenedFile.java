package dev.kasa.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A regular file as it was when opened, to tell once it has been read whether it changed under the
 * scan in a way that lost records: truncated before it was read to its end, or replaced by another
 * file. A file that grows (a live log) loses nothing.
 *
 * @param path the path it was opened by
 * @param size its size then
 * @param key its identity then (inode and device), or null where the file system has none
 */
record OpenedFile(Path path, long size, Object key) {
  /** The file at {@code path} now, or null when it is not a regular file. */
  static OpenedFile of(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.isRegularFile() ? new OpenedFile(path, a.size(), a.fileKey()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * What was lost, once the file was read up to its end after {@code bytesRead} bytes; null when
   * nothing was. A file removed since was still read whole (it stays readable while open).
   */
  String lossAfterReading(long bytesRead) {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
    if (key != null && !key.equals(now.fileKey())) {
      return "replaced during the scan: the file now at this path was not scanned";
    }
    if (now.size() < size && bytesRead < size) {
      return "truncated during the scan: "
          + size
          + " bytes when opened, "
          + now.size()
          + " now; the rest was not scanned";
    }
    return null;
  }
}
