package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Sums the day blocks of a window (exact milliseconds) and turns the sums into a report. */
final class WindowTotals implements CellStore.DayVisitor {
  private static final int WEEKDAYS = DayOfWeek.values().length;

  private final long[] hourWork = new long[DayCells.HOURS];
  private final long[] hourLost = new long[DayCells.HOURS];
  private final long[] hourCount = new long[DayCells.HOURS];
  private final long[] weekdayWork = new long[WEEKDAYS];
  private final long[] weekdayLost = new long[WEEKDAYS];
  private final long[] weekdayCount = new long[WEEKDAYS];
  private final long[] typeCount = new long[DayCells.TYPES];
  private final long[] typeLost = new long[DayCells.TYPES];
  private long durationSum;
  private long sessions;

  @Override
  public void day(LocalDate date, long[] block, boolean firstOfWindow) {
    int weekday = date.getDayOfWeek().ordinal();
    for (int hour = 0; hour < DayCells.HOURS; hour++) {
      long work = block[DayCells.work(hour)];
      long lost = block[DayCells.lost(hour)];
      long count = block[DayCells.count(hour)];
      hourWork[hour] += work;
      hourLost[hour] += lost;
      hourCount[hour] += count;
      weekdayWork[weekday] += work;
      weekdayLost[weekday] += lost;
      weekdayCount[weekday] += count;
    }
    for (InterruptionType type : InterruptionType.values()) {
      typeCount[type.ordinal()] += block[DayCells.typeCount(type)];
      typeLost[type.ordinal()] += block[DayCells.typeLost(type)];
    }
    durationSum += block[DayCells.DURATION_SUM];
    sessions += block[DayCells.SESSION_FIRST];
    if (firstOfWindow) {
      sessions += block[DayCells.CARRIED_IN];
    }
  }

  StatsReport report(Range range, ZoneId timezone, Instant from, Instant to) {
    long worked = sum(hourWork);
    long lost = sum(hourLost);
    long interruptions = sum(hourCount);
    long effective = Math.max(worked - lost, 0);
    StatsReport.Summary summary = new StatsReport.Summary(
        sessions,
        interruptions,
        seconds(worked),
        seconds(lost),
        seconds(effective),
        interruptions == 0 ? 0.0 : (double) durationSum / interruptions,
        perHour(interruptions, effective));
    return new StatsReport(
        range.days(), timezone, from, to, summary,
        types(interruptions), hours(), peak(), weekdays());
  }

  private List<StatsReport.TypeStats> types(long interruptions) {
    List<StatsReport.TypeStats> types = new ArrayList<>(DayCells.TYPES);
    for (InterruptionType type : InterruptionType.values()) {
      long count = typeCount[type.ordinal()];
      double proportion = interruptions == 0 ? 0.0 : (double) count / interruptions;
      types.add(new StatsReport.TypeStats(type, count, proportion, seconds(typeLost[type.ordinal()])));
    }
    return types;
  }

  private List<StatsReport.HourStats> hours() {
    List<StatsReport.HourStats> hours = new ArrayList<>(DayCells.HOURS);
    for (int hour = 0; hour < DayCells.HOURS; hour++) {
      hours.add(new StatsReport.HourStats(
          hour, seconds(hourWork[hour]), seconds(hourLost[hour]), hourCount[hour],
          perHour(hourCount[hour], hourWork[hour])));
    }
    return hours;
  }

  private StatsReport.Peak peak() {
    int peak = 0;
    for (int hour = 1; hour < DayCells.HOURS; hour++) {
      if (hourCount[hour] > hourCount[peak]) {
        peak = hour;
      }
    }
    return hourCount[peak] == 0
        ? new StatsReport.Peak(null, 0)
        : new StatsReport.Peak(peak, hourCount[peak]);
  }

  private List<StatsReport.WeekdayStats> weekdays() {
    List<StatsReport.WeekdayStats> weekdays = new ArrayList<>(WEEKDAYS);
    for (DayOfWeek day : DayOfWeek.values()) {
      long work = weekdayWork[day.ordinal()];
      long lost = weekdayLost[day.ordinal()];
      weekdays.add(new StatsReport.WeekdayStats(
          day, seconds(work), seconds(lost), seconds(Math.max(work - lost, 0)),
          weekdayCount[day.ordinal()]));
    }
    return weekdays;
  }

  // Written as analytics.md writes it, so that a client's recomputation gives the very same double.
  private static double perHour(long count, long millis) {
    return millis == 0 ? 0.0 : count / (millis / 1000.0 / 3600.0);
  }

  private static long seconds(long millis) {
    return Math.floorDiv(millis, 1000);
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long value : values) {
      total += value;
    }
    return total;
  }
}
