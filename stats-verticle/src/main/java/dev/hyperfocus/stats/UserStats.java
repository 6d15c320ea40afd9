package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The statistics of one user as a pure function of the current set of sessions and
 * interruptions, whatever the order, repetition or lateness of the updates: the rules of
 * {@link RollupRules} over rows kept in memory ({@link MemorySpans}), folded into the same
 * {@link UserRollups} the stats verticle answers from. The verticle keeps the rows in
 * {@code stats.db} instead (see {@link RollupStore}); this form is what the unit tests and the
 * oracle comparisons exercise. Not thread-safe.
 */
final class UserStats {
  private static final long USER = 0;

  private final MemorySpans spans = new MemorySpans();
  private final UserRollups rollups = new UserRollups();

  /** Inserts or replaces a session; {@code endOrNull} is null while it is active. */
  void putSession(long id, Instant start, Instant endOrNull, ZoneId zone) {
    apply(() -> RollupRules.putSession(spans, USER, SessionSpan.of(id, start, endOrNull, zone)));
  }

  void removeSession(long id) {
    apply(() -> RollupRules.removeSession(spans, USER, id));
  }

  /** Inserts or replaces an interruption; its session may arrive later. */
  void putInterruption(
      long id, long sessionId, Instant start, Instant end, InterruptionType type, long durationSeconds) {
    apply(() -> RollupRules.putInterruption(spans, USER, new InterruptionSpan(
        id, sessionId, start.toEpochMilli(), end.toEpochMilli(), type, durationSeconds)));
  }

  void removeInterruption(long id) {
    apply(() -> RollupRules.removeInterruption(spans, USER, id));
  }

  StatsReport report(Range range, ZoneId userZone, Instant now) {
    return rollups.report(range, userZone, now);
  }

  Optional<SessionSpan> activeSession() {
    return rollups.activeSession();
  }

  Long currentFocusSeconds(Instant now) {
    return rollups.currentFocusSeconds(now);
  }

  int sessionCount() {
    return spans.sessionCount();
  }

  int interruptionCount() {
    return spans.interruptionCount();
  }

  /** The memory the answers need (the rows are not counted: the verticle keeps them on disk). */
  long approximateBytes() {
    return rollups.approximateBytes();
  }

  int storedDays() {
    return rollups.storedDays();
  }

  int lastReportBlocks() {
    return rollups.lastReportBlocks();
  }

  private interface Step {
    RollupChange run() throws Exception;
  }

  private void apply(Step step) {
    try {
      rollups.apply(step.run());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
