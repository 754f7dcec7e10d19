package dev.kasa.input;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule, by file name, for what a directory walk reads, for intelligence and for logs alike:
 * a plain list of values is read only from a file named as a list, and a log folder's documents,
 * licences, rule files and images are not logs. Names are the only signal here because a plain list
 * and a README are both just lines of text: their content cannot tell them apart. Stateless.
 */
public final class InputNames {
  /** The extensions of a file named as a plain list, with or without a trailing {@code .gz}. */
  public static final Set<String> LIST_EXTENSIONS = Set.of("txt", "list", "csv");

  // Documents, licences, configuration and media that sit beside logs in shared datasets.
  private static final Set<String> NOT_LOG_EXTENSIONS =
      Set.of(
          "md",
          "markdown",
          "rst",
          "adoc",
          "html",
          "htm",
          "pdf",
          "doc",
          "docx",
          "odt",
          "yml",
          "yaml",
          "toml",
          "ini",
          "cfg",
          "conf",
          "xml",
          "png",
          "jpg",
          "jpeg",
          "gif",
          "svg",
          "bmp",
          "webp",
          "ico",
          "zip",
          "7z",
          "rar",
          "tar",
          "pcap",
          "pcapng",
          "exe",
          "dll",
          "py",
          "sh",
          "ps1",
          "java",
          "jar",
          "sig",
          "asc",
          "sha256",
          "md5");
  private static final Set<String> NOT_LOG_STEMS =
      Set.of(
          "readme",
          "license",
          "licence",
          "copying",
          "notice",
          "authors",
          "contributors",
          "changelog",
          "changes",
          "manifest");

  private InputNames() {}

  /** Whether {@code file} is named as a plain list ({@code .txt}, {@code .list}, {@code .csv}). */
  public static boolean isListName(String file) {
    return LIST_EXTENSIONS.contains(extension(stripGz(fileName(file))));
  }

  /**
   * Why a file met in a log directory is not read as a log, or null when it is read: documents,
   * licences, YAML, images and the like, by name.
   */
  public static String notLog(Path file) {
    String name = stripGz(fileName(file.toString()));
    String ext = extension(name);
    if (NOT_LOG_EXTENSIONS.contains(ext)) {
      return "a ." + ext + " file, not a log";
    }
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    if (NOT_LOG_STEMS.contains(stem)) {
      return "a " + stem.toUpperCase(Locale.ROOT) + " file, not a log";
    }
    return null;
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1).toLowerCase(Locale.ROOT);
  }

  private static String stripGz(String name) {
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
