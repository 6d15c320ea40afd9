package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.TimeRules;
import dev.hyperfocus.api.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** The rules of starting, ending and listing sessions, as plain checks on values. */
final class SessionRules {
  /** The instants {@code [from, to)} that a listing covers. */
  record Window(Instant from, Instant to) {}

  private SessionRules() {}

  /** 400 with an active session; then time rules 1 and 2 on {@code start}. */
  static void checkStart(boolean hasActive, Instant start, Instant now, Optional<Instant> latestEnd) {
    if (hasActive) {
      throw Failure.BAD_REQUEST.with(Messages.ACTIVE_SESSION_EXISTS);
    }
    if (TimeRules.inFuture(start, now)) {
      throw Failure.invalidField(Fields.START_TIME, Messages.TIME_IN_FUTURE);
    }
    if (latestEnd.isPresent() && start.isBefore(latestEnd.get())) {
      throw Failure.invalidField(Fields.START_TIME, Messages.START_BEFORE_PREVIOUS_END);
    }
  }

  /** 400 for an ended session; then time rules 1 and 2 on {@code end}. */
  static void checkEnd(Session session, Instant end, Instant now) {
    if (!session.active()) {
      throw Failure.BAD_REQUEST.with(Messages.SESSION_ALREADY_ENDED);
    }
    if (TimeRules.inFuture(end, now)) {
      throw Failure.invalidField(Fields.END_TIME, Messages.TIME_IN_FUTURE);
    }
    if (end.isBefore(session.startTime())) {
      throw Failure.invalidField(Fields.END_TIME, Messages.END_BEFORE_START);
    }
  }

  /** A local calendar day in {@code zone} (23, 24 or 25 hours), or every time when {@code day} is null. */
  static Window listing(LocalDate date, ZoneId zone) {
    if (date == null) {
      return new Window(Times.EARLIEST, Times.LATEST);
    }
    return new Window(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
  }
}
