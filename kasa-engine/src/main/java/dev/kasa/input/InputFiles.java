package dev.kasa.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files under a directory to scan, and every entry that will not be scanned with why: nothing
 * in a directory is skipped without a word. Regular files and links to them are scanned; links to
 * directories are not followed (they may loop, or repeat what is scanned anyway); dangling links,
 * pipes, sockets and devices are skipped (a pipe may never end). Stateless.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * A path found in a directory: a directory to descend into, a file to read ({@code skipped}
   * null), or an entry reported with why it is skipped.
   */
  public record Entry(Path path, boolean directory, String skipped) {
    Entry(Path path, String skipped) {
      this(path, false, skipped);
    }
  }

  /**
   * What {@code p}, an entry of a directory, is to a walk: a directory (not a link to one), a file
   * to read (a regular file or a link to one), or skipped with the reason.
   */
  public static Entry classify(Path p) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return new Entry(p, "cannot read: " + reason(e));
    }
    if (a.isDirectory()) {
      return new Entry(p, true, null);
    } else if (a.isRegularFile()) {
      return new Entry(p, null);
    } else if (a.isSymbolicLink()) {
      return link(p);
    }
    return new Entry(p, "not a regular file (" + kind(p) + "): skipped");
  }

  /** The entries under {@code dir} (walked recursively), sorted by path. */
  public static List<Entry> walk(Path dir) {
    List<Entry> entries = new ArrayList<>();
    ArrayDeque<Path> dirs = new ArrayDeque<>();
    dirs.push(dir);
    while (!dirs.isEmpty()) {
      Path d = dirs.pop();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(d)) {
        for (Path p : children) {
          Entry e = classify(p);
          if (e.directory()) {
            dirs.push(p);
          } else {
            entries.add(e);
          }
        }
      } catch (IOException | DirectoryIteratorException e) {
        IOException io =
            e instanceof DirectoryIteratorException die ? die.getCause() : (IOException) e;
        entries.add(new Entry(d, "cannot list directory: " + reason(io)));
      }
    }
    entries.sort(Comparator.comparing(e -> e.path().toString()));
    return entries;
  }

  private static Entry link(Path p) {
    BasicFileAttributes target;
    try {
      target = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new Entry(p, "dangling symbolic link to " + linkTarget(p) + ": skipped");
    } catch (IOException e) {
      return new Entry(p, "symbolic link that cannot be followed: " + reason(e) + ": skipped");
    }
    if (target.isRegularFile()) {
      return new Entry(p, null);
    }
    if (target.isDirectory()) {
      return new Entry(
          p, "symbolic link to a directory: not followed (give its target to scan it)");
    }
    return new Entry(p, "symbolic link to a " + kind(p) + ": skipped");
  }

  private static String linkTarget(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      return "a missing file";
    }
  }

  /** What a file that is neither a regular file nor a directory is, as far as can be told. */
  private static String kind(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "named pipe";
        case 0140000 -> "socket";
        case 0020000 -> "character device";
        case 0060000 -> "block device";
        default -> "special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "special file";
    }
  }

  /** What went wrong, in words, without the exception's class name. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
