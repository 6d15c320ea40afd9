package dev.hyperfocus.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.Set;

/** Time parsing and formatting by the rules of the contract (section 2). */
public final class Times {
  private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(IsoChronology.INSTANCE);

  private static final Set<String> REGION_IDS = ZoneId.getAvailableZoneIds();
  /** Years 1 to 9999, as pydantic accepted: every such instant fits in epoch milliseconds. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private Times() {}

  /**
   * Parses an ISO-8601 timestamp with {@code Z} or an offset; one without offset is UTC. The
   * result is truncated to milliseconds. Empty when the text is not such a timestamp or lies
   * outside the years 1 to 9999.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.length() > 64) {
      return Optional.empty();
    }
    Instant utc = canonicalUtc(text);
    if (utc != null) {
      return utc.isBefore(EARLIEST) || utc.isAfter(LATEST)
          ? Optional.empty() : Optional.of(utc.truncatedTo(ChronoUnit.MILLIS));
    }
    return parseGeneral(text);
  }

  /** {@link #parse} by the {@code java.time} parsers alone (the reference for the fast path). */
  static Optional<Instant> parseGeneral(String text) {
    try {
      TemporalAccessor parsed = INPUT.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
      Instant instant = parsed instanceof OffsetDateTime offset
          ? offset.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        return Optional.empty();
      }
      return Optional.of(instant.truncatedTo(ChronoUnit.MILLIS));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The instant of a text in the one shape every client and every bus message mostly sends,
   * {@code yyyy-MM-ddTHH:mm:ss[.f...]Z} (a four-digit year, 1 to 9 fraction digits), read digit
   * by digit: {@link #parse} and {@link Fields#instant(io.vertx.core.json.JsonObject, String)} ran
   * the general {@code java.time} parsers on the hot write path, and they were a measurable part
   * of a request's CPU. Null for any other text, also an impossible date or time, which the
   * general parsers then judge.
   */
  static Instant canonicalUtc(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
        || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (length > 20) {
      int fraction = digits(text, 20, length - 1);
      if (text.charAt(19) != '.' || length == 21 || fraction < 0) {
        return null;
      }
      nanos = fraction * POWERS_OF_TEN[30 - length];
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  /** The number written by the ASCII digits in {@code [from, to)}, or -1 if any is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int lengthOfMonth(int year, int month) {
    return YearMonth.of(year, month).lengthOfMonth();
  }

  /** UTC, ISO-8601 with {@code Z}, milliseconds only when non-zero. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
      return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
    // what Instant.toString writes for years 1 to 9999, without its general formatter
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    int millis = instant.getNano() / 1_000_000;
    char[] text = new char[millis == 0 ? 20 : 24];
    put(text, 0, date.getYear(), 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3_600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    if (millis != 0) {
      text[19] = '.';
      put(text, 20, millis, 3);
    }
    text[text.length - 1] = 'Z';
    return new String(text);
  }

  /** Writes {@code value} as {@code width} digits, zero-padded, at {@code at}. */
  private static void put(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The IANA region of this name as the JDK knows it; raw offsets and unknown names are empty. */
  public static Optional<ZoneId> zone(String name) {
    if (name == null || !REGION_IDS.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(ZoneId.of(name));
  }
}
