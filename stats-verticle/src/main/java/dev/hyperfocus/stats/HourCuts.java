package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Cuts an interval of epoch milliseconds at the local hour boundaries of a zone, so that each
 * piece lies in one cell (local date, local hour). Between two offset transitions the local time
 * runs linearly, so the next boundary is the next local hour under the current offset or the next
 * transition, whichever comes first. A transition that does not change the local hour (the
 * repeated half hour of Lord Howe) merely yields two pieces of the same cell.
 */
final class HourCuts {
  @FunctionalInterface
  interface PieceSink {
    void piece(LocalDate date, int hour, long millis);
  }

  private HourCuts() {}

  static void cut(long startMillis, long endMillis, ZoneId zone, PieceSink sink) {
    ZoneRules rules = zone.getRules();
    long t = startMillis;
    while (t < endMillis) {
      Instant instant = Instant.ofEpochMilli(t);
      ZoneOffset offset = rules.getOffset(instant);
      LocalDateTime local = LocalDateTime.ofInstant(instant, offset);
      long boundary = local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(offset).toEpochMilli();
      ZoneOffsetTransition transition = rules.nextTransition(instant);
      if (transition != null) {
        boundary = Math.min(boundary, transition.toEpochSecond() * 1000);
      }
      long pieceEnd = Math.min(boundary, endMillis);
      sink.piece(local.toLocalDate(), local.getHour(), pieceEnd - t);
      t = pieceEnd;
    }
  }

  static LocalDateTime local(long millis, ZoneId zone) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
  }
}
