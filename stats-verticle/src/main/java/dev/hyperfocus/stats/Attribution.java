package dev.hyperfocus.stats;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The attribution rules of analytics.md: what a session and its interruptions add to the cells
 * (with {@code sign} -1 to take it back). {@code end} is the session's end under the rules;
 * pieces before {@code clipFrom} are skipped (the live session outside a window), everything
 * else is added whole whatever the window.
 */
final class Attribution {
  static final long NO_CLIP = Long.MIN_VALUE;

  private Attribution() {}

  static void session(
      CellStore cells, SessionSpan session, long end, long clipFrom,
      List<InterruptionSpan> interruptions, int sign) {
    ZoneId zone = session.zone();
    LocalDate startDate = HourCuts.local(session.startMillis(), zone).toLocalDate();
    cells.add(zone, startDate, DayCells.SESSION_STARTS, sign);
    LocalDate[] lastDate = {startDate};
    HourCuts.cut(Math.max(session.startMillis(), clipFrom), end, zone, (date, hour, millis) -> {
      cells.add(zone, date, DayCells.work(hour), sign * millis);
      if (date.isAfter(lastDate[0])) {
        cells.add(zone, date, DayCells.CARRIED_IN, sign);
        lastDate[0] = date;
      }
    });
    for (InterruptionSpan interruption : interruptions) {
      interruption(cells, session, end, clipFrom, interruption, sign);
    }
  }

  static void interruption(
      CellStore cells, SessionSpan session, long end, long clipFrom,
      InterruptionSpan interruption, int sign) {
    long from = Math.max(interruption.startMillis(), session.startMillis());
    long to = Math.min(interruption.endMillis(), end);
    if (from >= to) {
      return;
    }
    ZoneId zone = session.zone();
    LocalDateTime first = HourCuts.local(from, zone);
    LocalDate date = first.toLocalDate();
    cells.add(zone, date, DayCells.count(first.getHour()), sign);
    cells.add(zone, date, DayCells.typeCount(interruption.type()), sign);
    cells.add(zone, date, DayCells.DURATION_SUM, sign * interruption.durationSeconds());
    HourCuts.cut(Math.max(from, clipFrom), to, zone, (pieceDate, hour, millis) -> {
      cells.add(zone, pieceDate, DayCells.lost(hour), sign * millis);
      cells.add(zone, pieceDate, DayCells.typeLost(interruption.type()), sign * millis);
    });
  }
}
