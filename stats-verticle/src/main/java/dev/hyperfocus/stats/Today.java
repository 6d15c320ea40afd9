package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Today's date in a zone, remembered with the instants where that day begins and ends: every
 * windowed report asks for it, and {@link LocalDate#ofInstant} looks the zone's rules up each
 * time (18 % of the statistics event loop under the summary benchmark). Safe from any thread.
 */
final class Today {
  private record Day(LocalDate date, long fromSecond, long untilSecond) {}

  /** Far above the number of zones in use; a bound only against unusual zone ids. */
  private static final int MAX_ZONES = 10_000;
  private static final Map<ZoneId, Day> DAYS = new ConcurrentHashMap<>();

  private Today() {}

  static LocalDate in(ZoneId zone, Instant now) {
    long second = now.getEpochSecond();
    Day day = DAYS.get(zone);
    if (day == null || second < day.fromSecond() || second >= day.untilSecond()) {
      LocalDate date = LocalDate.ofInstant(now, zone);
      day = new Day(date, date.atStartOfDay(zone).toEpochSecond(), date.plusDays(1).atStartOfDay(zone).toEpochSecond());
      if (DAYS.size() >= MAX_ZONES) {
        DAYS.clear();
      }
      DAYS.put(zone, day);
    }
    return day.date();
  }
}
