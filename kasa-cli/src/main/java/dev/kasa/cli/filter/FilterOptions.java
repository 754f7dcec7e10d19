package dev.kasa.cli.filter;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that choose which findings {@code kasa scan} reports (a picocli mixin); see
 * docs/output.md, "Filters". Values are checked as they are parsed.
 */
public final class FilterOptions {
  @Option(
      names = "--min-level",
      paramLabel = "LEVEL",
      converter = FilterValues.Level.class,
      description =
          "Report Sigma findings of this level or above: informational, low, medium, high,"
              + " critical.")
  SigmaLevel minLevel;

  @Option(
      names = "--include-tag",
      paramLabel = "TAG",
      description =
          "Report only Sigma findings with this tag or one under it (attack.t1059 takes"
              + " attack.t1059.001). Repeatable: any of them.")
  List<String> includeTags = new ArrayList<>();

  @Option(
      names = "--exclude-tag",
      paramLabel = "TAG",
      description = "Leave out Sigma findings with this tag or one under it. Repeatable.")
  List<String> excludeTags = new ArrayList<>();

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Report only Sigma findings of rules with this status (stable, test, experimental,"
              + " deprecated, unsupported). Repeatable: any of them.")
  List<String> statuses = new ArrayList<>();

  @Option(
      names = "--exclude-rules",
      paramLabel = "FILE",
      description = "Leave out the findings of these Sigma rules: ids, one a line, # comments.")
  Path excludeRules;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = FilterValues.Time.class,
      description =
          "Report findings of events at or after this ISO-8601 time (UTC when no offset is"
              + " given). Events without a time are kept and counted.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = FilterValues.Time.class,
      description = "Report findings of events at or before this ISO-8601 time.")
  Instant to;

  @Option(
      names = "--min-confidence",
      paramLabel = "N",
      converter = FilterValues.Confidence.class,
      description =
          "Report indicator hits whose indicator's STIX confidence is at least N (0 to 100);"
              + " indicators without a confidence are left out.")
  Integer minConfidence;

  @Option(
      names = "--max-age",
      paramLabel = "DURATION",
      converter = FilterValues.Age.class,
      description =
          "Report indicator hits whose indicator was modified (or became valid, the later) within"
              + " this long before now: 30d, 12h, 2w, P30D.")
  Duration maxAge;

  /** The values given, checked together. */
  public FilterSpec spec() {
    if (from != null && to != null && from.isAfter(to)) {
      throw new KasaException(
          ErrorCode.USAGE, "--from " + from + " is after --to " + to + ": nothing could be shown");
    }
    return new FilterSpec(
        minLevel,
        includeTags,
        excludeTags,
        statuses,
        excludeRules,
        from,
        to,
        minConfidence == null ? -1 : minConfidence,
        maxAge);
  }
}
