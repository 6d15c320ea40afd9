package dev.hyperfocus.stats;

import java.util.Locale;

/**
 * The {@code range} query parameter of the statistics endpoints: the last {@code days} local
 * calendar days, or every day when {@code days} is null ({@code all}).
 */
record Range(Integer days) {
  static final int MAX_DAYS = 3660;
  static final Range ALL = new Range(null);
  static final Range DEFAULT = new Range(7);
  static final Range TODAY = new Range(1);

  static final String FORMAT_MESSAGE = "Invalid range format. Use like '7d', '30d'.";
  static final String VALUE_MESSAGE = "Invalid range value. Must be a number of days, e.g. '7d'.";
  static final String ZERO_MESSAGE = "Range must be a positive number of days.";
  static final String TOO_LONG_MESSAGE = "Range must be at most " + MAX_DAYS + " days.";

  Range {
    if (days != null && (days < 1 || days > MAX_DAYS)) {
      throw new IllegalArgumentException("days out of 1.." + MAX_DAYS + ": " + days);
    }
  }

  static Range ofDays(int days) {
    return new Range(days);
  }

  boolean isAll() {
    return days == null;
  }

  /**
   * Parses {@code Nd} or {@code all}, ignoring case and surrounding blanks; null (parameter
   * absent) is {@link #DEFAULT}. A present but empty or blank value is a format error rather than
   * the default: the client sent something, and it is not a range.
   *
   * @throws InvalidRange with the client-facing message
   */
  static Range parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("all")) {
      return ALL;
    }
    if (!value.endsWith("d")) {
      throw new InvalidRange(FORMAT_MESSAGE);
    }
    int end = value.length() - 1;
    if (end == 0) {
      throw new InvalidRange(VALUE_MESSAGE);
    }
    int zeros = 0;
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidRange(VALUE_MESSAGE);
      }
      if (c == '0' && zeros == i) {
        zeros++;
      }
    }
    String significant = value.substring(zeros, end);
    if (significant.isEmpty()) {
      throw new InvalidRange(ZERO_MESSAGE);
    }
    if (significant.length() > String.valueOf(MAX_DAYS).length()
        || Integer.parseInt(significant) > MAX_DAYS) {
      throw new InvalidRange(TOO_LONG_MESSAGE);
    }
    return new Range(Integer.parseInt(significant));
  }

  /** A {@code range} value the endpoints refuse; the message is the client-facing detail. */
  static final class InvalidRange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidRange(String message) {
      super(message, null, false, false);
    }
  }
}
