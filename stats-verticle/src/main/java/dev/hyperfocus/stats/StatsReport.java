package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the five statistics views show for one user, range and moment. {@code rangeDays} is
 * null for {@code all}; {@code from} is null for {@code all} without sessions.
 */
record StatsReport(
    Integer rangeDays,
    ZoneId timezone,
    Instant from,
    Instant to,
    Summary summary,
    List<TypeStats> types,
    List<HourStats> hours,
    Peak peak,
    List<WeekdayStats> weekdays) {

  StatsReport {
    types = List.copyOf(types);
    hours = List.copyOf(hours);
    weekdays = List.copyOf(weekdays);
  }

  record Summary(
      long totalSessions,
      long totalInterruptions,
      long workedSeconds,
      long lostSeconds,
      long effectiveSeconds,
      double averageInterruptionDurationSeconds,
      double interruptionsPerHour) {}

  /** One of the six types, always present; {@code proportion} is 0 when there are no interruptions. */
  record TypeStats(InterruptionType type, long count, double proportion, long lostSeconds) {}

  record HourStats(
      int hour, long workSeconds, long lostSeconds, long interruptions, double interruptionsPerHour) {}

  /** {@code hour} is null when no interruption is counted. */
  record Peak(Integer hour, long interruptions) {}

  record WeekdayStats(
      DayOfWeek day, long workSeconds, long lostSeconds, long effectiveSeconds, long interruptions) {}
}
