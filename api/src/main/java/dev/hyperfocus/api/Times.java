package dev.hyperfocus.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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

  /** UTC, ISO-8601 with {@code Z}, milliseconds only when non-zero. */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** The IANA region of this name as the JDK knows it; raw offsets and unknown names are empty. */
  public static Optional<ZoneId> zone(String name) {
    if (name == null || !REGION_IDS.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(ZoneId.of(name));
  }
}
