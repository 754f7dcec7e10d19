package dev.kasa.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Reads MISP fields in every shape MISP and its exporters write them, and says so when a field has
 * a shape none of them writes: a caller never takes an unreadable field for an absent one.
 */
final class MispFields {
  private MispFields() {}

  /** A field that is present but cannot be read; the message names the field and its value. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The elements of a list field ({@code Attribute}, {@code Object}, {@code Galaxy}, …): a list, or
   * the single object some exporters write instead; empty when absent or null.
   */
  static List<JsonNode> elements(JsonNode node, String field) throws Unreadable {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return List.of();
    }
    if (v.isArray()) {
      return v.valueStream().toList();
    }
    if (v.isObject()) {
      return List.of(v);
    }
    throw new Unreadable(field + " must be a list of objects but is " + describe(v));
  }

  /**
   * A flag ({@code to_ids}, {@code deleted}): a boolean, {@code 1}/{@code 0} (numbers are read as
   * text) or {@code "true"}/{@code "false"} in any case; false when absent, null or empty.
   */
  static boolean flag(JsonNode node, String field) throws Unreadable {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      switch (v.textValue().strip().toLowerCase(Locale.ROOT)) {
        case "1", "true" -> {
          return true;
        }
        case "0", "false", "" -> {
          return false;
        }
        default -> {}
      }
    }
    throw new Unreadable(field + " must be true or false but is " + describe(v));
  }

  /**
   * A time ({@code first_seen}, {@code last_seen}): ISO 8601 with an offset, or a bare date (its
   * midnight UTC); null when absent, null or blank.
   */
  static Instant time(JsonNode node, String field) throws Unreadable {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull() || v.isTextual() && v.textValue().isBlank()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Unreadable(field + " must be a date but is " + describe(v));
    }
    String s = v.textValue().strip();
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new Unreadable("bad " + field + " '" + PlainListImporter.clip(s) + "'");
    }
  }

  /**
   * A MISP {@code timestamp}: seconds since the Unix epoch, as a number or a string of digits; null
   * when absent, null or blank.
   */
  static Instant timestamp(JsonNode node, String field) throws Unreadable {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull() || v.isTextual() && v.textValue().isBlank()) {
      return null;
    }
    String s = v.isIntegralNumber() || v.isTextual() ? v.asText().strip() : "";
    // Up to 12 digits: beyond the year 33000, which no edit time is.
    if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Unreadable(field + " must be seconds since the epoch but is " + describe(v));
    }
    return Instant.ofEpochSecond(Long.parseLong(s));
  }

  /** The JSON kind and a short rendering of a value, for messages. */
  static String describe(JsonNode v) {
    String kind =
        switch (v.getNodeType()) {
          case ARRAY -> "a list";
          case OBJECT -> "an object";
          case BOOLEAN -> "a boolean";
          case NUMBER -> "a number";
          case STRING -> "the string";
          default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    return kind + " " + PlainListImporter.clip(v.toString());
  }
}
