package dev.kasa.cli.filter;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.option.OptionFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rule ids of an {@code --exclude-rules} file: one a line, blank lines and {@code #} comments
 * (whole lines or after an id) ignored. An id that no loaded rule or correlation has is a warning
 * naming its line: a typo must not pass for an exclusion that works.
 */
final class RuleExclusions {
  /** An id longer than this is not a rule id. */
  private static final int MAX_ID = 256;

  private RuleExclusions() {}

  /**
   * The ids of {@code file}, lower-cased; warns on {@code err} for every id not in {@code known}.
   */
  static Set<String> read(Path file, Set<String> known, PrintWriter err) {
    List<String> lines =
        OptionFile.load(
            "--exclude-rules",
            file,
            f -> {
              try {
                return Files.readAllLines(f, StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new KasaException(
                    ErrorCode.USAGE, "cannot read " + f + ": " + e.getMessage(), e);
              }
            });
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String id = (hash >= 0 ? line.substring(0, hash) : line).strip().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      if (id.length() > MAX_ID || id.chars().anyMatch(Character::isWhitespace)) {
        throw new KasaException(ErrorCode.USAGE, "--exclude-rules " + where + ": not a rule id");
      }
      if (!known.contains(id)) {
        err.println(
            "kasa: warning: --exclude-rules "
                + where
                + ": no loaded Sigma rule has the id '"
                + id
                + "'");
      }
      ids.add(id);
    }
    err.flush();
    return ids;
  }
}
