package dev.kasa.node.ui;

import dev.kasa.node.http.HttpProblem;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters of the UI's pages, read strictly: a bad value is a 400 that names it. */
final class Params {
  private Params() {}

  static long longParam(Context ctx, String name, long absent) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, name + " is not a number: " + clip(v));
    }
  }

  static int limit(Context ctx, int absent, int max) {
    long v = longParam(ctx, "limit", absent);
    if (v < 1 || v > max) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "limit must be 1 to " + max + " but was " + v);
    }
    return (int) v;
  }

  /** A text parameter, stripped; null when absent or blank. */
  static String text(Context ctx, String name, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > max) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, name + " is longer than " + max + " characters");
    }
    return v.strip();
  }

  /**
   * A time: an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or a local date and time as a
   * browser's datetime-local field sends it, taken as UTC. Null when absent.
   */
  static Instant time(Context ctx, String name) {
    String v = text(ctx, name, 64);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new HttpProblem(
            HttpProblem.Kind.BAD_REQUEST,
            name + " is not a time such as 2026-01-01T00:00:00Z: " + clip(v));
      }
    }
  }

  private static String clip(String v) {
    return v.length() > 40 ? v.substring(0, 40) + "..." : v;
  }
}
