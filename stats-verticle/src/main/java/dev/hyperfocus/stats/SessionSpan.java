package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.ZoneId;

/** A session as the aggregates keep it: epoch milliseconds, {@link #OPEN} as the end while active. */
record SessionSpan(long id, long startMillis, long endMillis, ZoneId zone) {
  static final long OPEN = Long.MIN_VALUE;

  /** A session from its row; an end before the start is taken as the start (a zero-length session). */
  static SessionSpan of(long id, Instant start, Instant endOrNull, ZoneId zone) {
    long startMillis = start.toEpochMilli();
    return new SessionSpan(id, startMillis,
        endOrNull == null ? OPEN : Math.max(startMillis, endOrNull.toEpochMilli()), zone);
  }

  Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  boolean active() {
    return endMillis == OPEN;
  }

  /** The end used by the rules: the stored end, or {@code now} while active (never before the start). */
  long endAt(long nowMillis) {
    return Math.max(startMillis, active() ? nowMillis : endMillis);
  }
}
