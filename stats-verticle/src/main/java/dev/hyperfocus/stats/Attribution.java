package dev.hyperfocus.stats;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The attribution rules of analytics.md: what a session and its interruptions add to the cells
 * (with {@code sign} -1 to take it back). {@code end} is the session's end under the rules (now,
 * for an active session).
 */
final class Attribution {
  private Attribution() {}

  static void session(
      CellStore cells, SessionSpan session, long end, Iterable<InterruptionSpan> interruptions, int sign) {
    sessionOnly(cells, session, end, sign);
    for (InterruptionSpan interruption : interruptions) {
      interruption(cells, session, end, interruption, sign);
    }
  }

  /**
   * The session's work pieces and its session count markers (see {@link DayCells#SESSION_FIRST}):
   * the earliest and the latest local date with a piece are found among all pieces, so a local
   * date that runs backwards still counts the session once in any window.
   */
  static void sessionOnly(CellStore cells, SessionSpan session, long end, int sign) {
    ZoneId zone = session.zone();
    LocalDate[] span = new LocalDate[2];
    HourCuts.cut(session.startMillis(), end, zone, (date, hour, millis) -> {
      cells.add(zone, date, DayCells.work(hour), sign * millis);
      if (span[0] == null || date.isBefore(span[0])) {
        span[0] = date;
      }
      if (span[1] == null || date.isAfter(span[1])) {
        span[1] = date;
      }
    });
    if (span[0] == null) {
      cells.add(zone, HourCuts.local(session.startMillis(), zone).toLocalDate(), DayCells.SESSION_FIRST, sign);
      return;
    }
    cells.add(zone, span[0], DayCells.SESSION_FIRST, sign);
    for (LocalDate date = span[0].plusDays(1); !date.isAfter(span[1]); date = date.plusDays(1)) {
      cells.add(zone, date, DayCells.CARRIED_IN, sign);
    }
  }

  static void interruption(
      CellStore cells, SessionSpan session, long end, InterruptionSpan interruption, int sign) {
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
    HourCuts.cut(from, to, zone, (pieceDate, hour, millis) -> {
      cells.add(zone, pieceDate, DayCells.lost(hour), sign * millis);
      cells.add(zone, pieceDate, DayCells.typeLost(interruption.type()), sign * millis);
    });
  }
}
