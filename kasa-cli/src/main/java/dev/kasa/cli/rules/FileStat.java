package dev.kasa.cli.rules;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What {@code stat} says of a file (following links): its size, modification and status-change
 * times in nanoseconds, inode and device. Any write to a file, and any change of its times, sets
 * its status-change time (ctime) to the clock's time, which no user program can set back: so a file
 * whose five figures are unchanged since its content was hashed, and whose ctime was already past
 * when it was hashed (not "racy", see {@link HashedFiles}), still has that content. Only on a local
 * file system: a network one may answer {@code stat} from a cache that lags a change.
 */
record FileStat(long size, long mtime, long ctime, long ino, long dev) {
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";

  /**
   * File systems whose {@code stat} is the file's own (not a client's cache of a server's): only
   * files on one of these are trusted by their stat.
   */
  private static final Set<String> LOCAL =
      Set.of(
          "ext2",
          "ext3",
          "ext4",
          "xfs",
          "btrfs",
          "tmpfs",
          "zfs",
          "f2fs",
          "overlay",
          "bcachefs",
          "jfs");

  /** The stat of {@code file}, or null when it cannot be had (no such file, no unix view). */
  static FileStat of(Path file) {
    try {
      Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES);
      return new FileStat(
          (Long) a.get("size"),
          nanos(a.get("lastModifiedTime")),
          nanos(a.get("ctime")),
          ((Number) a.get("ino")).longValue(),
          ((Number) a.get("dev")).longValue());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  /** The device of {@code root} when it is on a local file system ({@link #LOCAL}), else -1. */
  static long localDevice(Path root) {
    try {
      FileStore store = Files.getFileStore(root);
      FileStat stat = of(root);
      return stat != null && LOCAL.contains(store.type()) ? stat.dev() : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
