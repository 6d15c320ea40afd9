package dev.hyperfocus.api;

import java.time.Duration;
import java.time.Instant;

/** The time rules of the contract ("Interruptions", rules 1 to 4); all intervals are half-open. */
public final class TimeRules {
  /** How far ahead of now a time may lie (clock skew between client and server). */
  public static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(5);
  /** How far ahead a planned interruption may end. */
  public static final Duration PLANNED_AHEAD = Duration.ofHours(24);

  private TimeRules() {}

  /** Rule 1: no time may lie more than 5 s in the future. */
  public static boolean inFuture(Instant time, Instant now) {
    return time.isAfter(now.plus(FUTURE_TOLERANCE));
  }

  /** Rule 1, planned interruptions: an end may lie up to 24 h ahead. */
  public static boolean tooFarAhead(Instant end, Instant now) {
    return end.isAfter(now.plus(PLANNED_AHEAD));
  }

  /** Whether {@code [aStart, aEnd)} and {@code [bStart, bEnd)} share an instant. */
  public static boolean overlaps(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
    return aStart.isBefore(bEnd) && bStart.isBefore(aEnd);
  }

  /** Rule 3: the span an interruption must overlap; an active session reaches now + 5 s. */
  public static Instant spanEnd(Session session, Instant now) {
    return session.active() ? now.plus(FUTURE_TOLERANCE) : session.endTime();
  }
}
