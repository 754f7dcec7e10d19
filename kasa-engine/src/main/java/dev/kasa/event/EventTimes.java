package dev.kasa.event;

/**
 * Parses event timestamps from bytes without allocation: epoch seconds with a fraction ({@code
 * 1588205199.82437}), epoch seconds or milliseconds as integers (values above 10^11 are taken as
 * milliseconds), ISO 8601 / RFC 3339 with {@code T} or a space, optional fraction and optional
 * offset ({@code Z}, {@code +0000}, {@code +00:00}); no offset means UTC. Thread-safe: stateless.
 */
final class EventTimes {
  private EventTimes() {}

  /** Epoch milliseconds of {@code b[off, off+len)}, or {@link DecodedRecord#NO_TIME}. */
  static long parse(byte[] b, int off, int len) {
    int end = off + len;
    while (off < end && b[off] == ' ') {
      off++;
    }
    while (end > off && b[end - 1] == ' ') {
      end--;
    }
    if (end - off >= 19 && b[off + 4] == '-') {
      return iso(b, off, end);
    }
    return epoch(b, off, end);
  }

  private static long epoch(byte[] b, int i, int end) {
    if (i >= end || end - i > 24) {
      return DecodedRecord.NO_TIME;
    }
    long whole = 0;
    int digits = 0;
    while (i < end && isDigit(b[i])) {
      whole = whole * 10 + (b[i++] - '0');
      digits++;
    }
    if (digits == 0 || digits > 16) {
      return DecodedRecord.NO_TIME;
    }
    if (i == end) {
      return whole > 100_000_000_000L ? whole : whole * 1000;
    }
    if (b[i++] != '.') {
      return DecodedRecord.NO_TIME;
    }
    long millis = 0;
    int fd = 0;
    while (i < end && isDigit(b[i])) {
      if (fd < 3) {
        millis = millis * 10 + (b[i] - '0');
      }
      fd++;
      i++;
    }
    if (i != end) {
      return DecodedRecord.NO_TIME;
    }
    for (int k = Math.min(fd, 3); k < 3; k++) {
      millis *= 10;
    }
    return whole * 1000 + millis;
  }

  private static long iso(byte[] b, int o, int end) {
    int year = num(b, o, 4);
    int month = num(b, o + 5, 2);
    int day = num(b, o + 8, 2);
    int hour = num(b, o + 11, 2);
    int minute = num(b, o + 14, 2);
    int second = num(b, o + 17, 2);
    byte sep = b[o + 10];
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 60
        || b[o + 7] != '-'
        || (sep != 'T' && sep != ' ' && sep != 't')
        || b[o + 13] != ':'
        || b[o + 16] != ':') {
      return DecodedRecord.NO_TIME;
    }
    int i = o + 19;
    long millis = 0;
    if (i < end && (b[i] == '.' || b[i] == ',')) {
      i++;
      int fd = 0;
      while (i < end && isDigit(b[i])) {
        if (fd < 3) {
          millis = millis * 10 + (b[i] - '0');
        }
        fd++;
        i++;
      }
      if (fd == 0) {
        return DecodedRecord.NO_TIME;
      }
      for (int k = Math.min(fd, 3); k < 3; k++) {
        millis *= 10;
      }
    }
    long offsetMinutes = 0;
    if (i < end) {
      byte c = b[i];
      if ((c == 'Z' || c == 'z') && i + 1 == end) {
        i++;
      } else if (c == '+' || c == '-') {
        int rest = end - i - 1;
        int oh;
        int om;
        if (rest == 4) {
          oh = num(b, i + 1, 2);
          om = num(b, i + 3, 2);
        } else if (rest == 5 && b[i + 3] == ':') {
          oh = num(b, i + 1, 2);
          om = num(b, i + 4, 2);
        } else if (rest == 2) {
          oh = num(b, i + 1, 2);
          om = 0;
        } else {
          return DecodedRecord.NO_TIME;
        }
        if (oh < 0 || om < 0) {
          return DecodedRecord.NO_TIME;
        }
        offsetMinutes = (c == '-' ? -1 : 1) * (oh * 60L + om);
        i = end;
      } else {
        return DecodedRecord.NO_TIME;
      }
    }
    if (i != end) {
      return DecodedRecord.NO_TIME;
    }
    long days = daysFromCivil(year, month, day);
    long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offsetMinutes * 60;
    return seconds * 1000 + millis;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int num(byte[] b, int off, int n) {
    int v = 0;
    for (int i = off; i < off + n; i++) {
      if (!isDigit(b[i])) {
        return -1;
      }
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
