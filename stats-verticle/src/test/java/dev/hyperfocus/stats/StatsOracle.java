package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately plain recomputation of every statistic from the raw rows, written from
 * analytics.md and sharing no logic with the aggregates. Intervals are walked one UTC minute at a
 * time: every zone offset in use is a whole number of minutes, so a cell never changes inside such
 * a minute. Slow (O(minutes of all sessions)) and meant for tests only.
 */
public final class StatsOracle {
  private StatsOracle() {}

  /** The body of {@code view} ("summary", "weekly-pattern", ...) for a {@code range} query value. */
  public static JsonObject body(
      String view, long userId, List<RawSession> sessions, List<RawInterruption> interruptions,
      String range, ZoneId userZone, Instant now) {
    StatsView statsView = StatsView.fromPath(view)
        .orElseThrow(() -> new IllegalArgumentException("unknown view " + view));
    return statsView.body(userId, report(sessions, interruptions, Range.parse(range), userZone, now));
  }

  /** {@code current_focus_seconds} of the live frame. */
  public static Long currentFocusSeconds(
      List<RawSession> sessions, List<RawInterruption> interruptions, Instant now) {
    RawSession active = sessions.stream()
        .filter(s -> s.end() == null)
        .max(Comparator.comparing(RawSession::start).thenComparing(RawSession::id))
        .orElse(null);
    if (active == null) {
      return null;
    }
    Instant since = active.start();
    for (RawInterruption i : interruptions) {
      if (i.sessionId() != active.id()) {
        continue;
      }
      boolean running = !now.isBefore(i.start()) && now.isBefore(i.end());
      if (running) {
        return null;
      }
      if (!i.end().isAfter(now) && i.end().isAfter(since)) {
        since = i.end();
      }
    }
    return now.isAfter(since) ? Duration.between(since, now).toMillis() / 1000 : 0L;
  }

  static StatsReport report(
      List<RawSession> sessions, List<RawInterruption> interruptions,
      Range range, ZoneId userZone, Instant now) {
    Tally tally = new Tally();
    Map<Long, List<RawInterruption>> bySession = new HashMap<>();
    for (RawInterruption interruption : interruptions) {
      bySession.computeIfAbsent(interruption.sessionId(), id -> new ArrayList<>()).add(interruption);
    }
    for (RawSession session : sessions) {
      Instant end = session.end() == null ? now : session.end();
      if (end.isBefore(session.start())) {
        end = session.start();
      }
      Window window = new Window(range, session.zone(), now);
      boolean counted = session.start().equals(end) && window.contains(cellOf(session.start(), session.zone()));
      for (Minute minute : minutes(session.start(), end, session.zone())) {
        if (window.contains(minute.cell)) {
          counted = true;
          tally.work[minute.cell.hour] += minute.millis;
          tally.weekdayWork[minute.cell.weekday()] += minute.millis;
        }
      }
      if (counted) {
        tally.sessions++;
      }
      for (RawInterruption interruption : bySession.getOrDefault(session.id(), List.of())) {
        addInterruption(tally, interruption, session, end, window);
      }
    }
    return tally.toReport(range, userZone, now, from(sessions, range, userZone, now));
  }

  private static void addInterruption(
      Tally tally, RawInterruption interruption, RawSession session, Instant sessionEnd, Window window) {
    Instant from = later(interruption.start(), session.start());
    Instant to = interruption.end().isBefore(sessionEnd) ? interruption.end() : sessionEnd;
    if (!from.isBefore(to)) {
      return;
    }
    Cell first = cellOf(from, session.zone());
    if (window.contains(first)) {
      tally.count[first.hour]++;
      tally.weekdayCount[first.weekday()]++;
      tally.durations += interruption.durationSeconds();
      tally.typeCount.merge(interruption.type(), 1L, Long::sum);
    }
    for (Minute minute : minutes(from, to, session.zone())) {
      if (window.contains(minute.cell)) {
        tally.lost[minute.cell.hour] += minute.millis;
        tally.weekdayLost[minute.cell.weekday()] += minute.millis;
        tally.typeLost.merge(interruption.type(), minute.millis, Long::sum);
      }
    }
  }

  private static Instant from(List<RawSession> sessions, Range range, ZoneId userZone, Instant now) {
    if (range.days() == null) {
      return sessions.stream().map(RawSession::start).min(Comparator.naturalOrder()).orElse(null);
    }
    LocalDate today = now.atZone(userZone).toLocalDate();
    return today.minusDays(range.days() - 1).atStartOfDay(userZone).toInstant();
  }

  private static List<Minute> minutes(Instant start, Instant end, ZoneId zone) {
    List<Minute> minutes = new ArrayList<>();
    Instant t = start;
    while (t.isBefore(end)) {
      Instant next = t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      if (next.isAfter(end)) {
        next = end;
      }
      minutes.add(new Minute(cellOf(t, zone), Duration.between(t, next).toMillis()));
      t = next;
    }
    return minutes;
  }

  private static Cell cellOf(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    return new Cell(local.toLocalDate(), local.getHour());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private record Cell(LocalDate date, int hour) {
    int weekday() {
      return date.getDayOfWeek().getValue() - 1;
    }
  }

  private record Minute(Cell cell, long millis) {}

  private record Window(Range range, ZoneId zone, Instant now) {
    boolean contains(Cell cell) {
      if (range.days() == null) {
        return true;
      }
      LocalDate today = now.atZone(zone).toLocalDate();
      LocalDate first = today.minusDays(range.days() - 1);
      return !cell.date().isBefore(first) && !cell.date().isAfter(today);
    }
  }

  private static final class Tally {
    final long[] work = new long[24];
    final long[] lost = new long[24];
    final long[] count = new long[24];
    final long[] weekdayWork = new long[7];
    final long[] weekdayLost = new long[7];
    final long[] weekdayCount = new long[7];
    final Map<InterruptionType, Long> typeCount = new EnumMap<>(InterruptionType.class);
    final Map<InterruptionType, Long> typeLost = new EnumMap<>(InterruptionType.class);
    long durations;
    long sessions;

    StatsReport toReport(Range range, ZoneId userZone, Instant now, Instant from) {
      long worked = 0;
      long lostTotal = 0;
      long interruptions = 0;
      for (int h = 0; h < 24; h++) {
        worked += work[h];
        lostTotal += lost[h];
        interruptions += count[h];
      }
      long effective = worked > lostTotal ? worked - lostTotal : 0;
      double effectiveHours = effective / 1000.0 / 3600.0;
      StatsReport.Summary summary = new StatsReport.Summary(
          sessions, interruptions, worked / 1000, lostTotal / 1000, effective / 1000,
          interruptions == 0 ? 0.0 : durations / (double) interruptions,
          effective == 0 ? 0.0 : interruptions / effectiveHours);
      List<StatsReport.TypeStats> types = new ArrayList<>();
      for (InterruptionType type : InterruptionType.values()) {
        long n = typeCount.getOrDefault(type, 0L);
        types.add(new StatsReport.TypeStats(
            type, n, interruptions == 0 ? 0.0 : n / (double) interruptions,
            typeLost.getOrDefault(type, 0L) / 1000));
      }
      List<StatsReport.HourStats> hours = new ArrayList<>();
      Integer peakHour = null;
      long peak = 0;
      for (int h = 0; h < 24; h++) {
        double workHours = work[h] / 1000.0 / 3600.0;
        hours.add(new StatsReport.HourStats(
            h, work[h] / 1000, lost[h] / 1000, count[h], work[h] == 0 ? 0.0 : count[h] / workHours));
        if (count[h] > peak) {
          peak = count[h];
          peakHour = h;
        }
      }
      List<StatsReport.WeekdayStats> days = new ArrayList<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        int d = day.getValue() - 1;
        long net = weekdayWork[d] > weekdayLost[d] ? weekdayWork[d] - weekdayLost[d] : 0;
        days.add(new StatsReport.WeekdayStats(
            day, weekdayWork[d] / 1000, weekdayLost[d] / 1000, net / 1000, weekdayCount[d]));
      }
      return new StatsReport(
          range.days(), userZone, from, now, summary, types, hours,
          new StatsReport.Peak(peakHour, peak), days);
    }
  }
}
