package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the statistics of one user are answered from: the stored rollups (ended sessions, compact)
 * plus the active sessions counted live, and the earliest session start for {@code range=all}. A
 * report costs O(zones × days in the window) plus the live sessions, never a scan of the rows.
 * Not thread-safe: one instance is used by one event loop.
 */
final class UserRollups {
  /** A dense block: long[87] 712, tree entry 40, date key 24. */
  static final int DENSE_DAY_BYTES = 776;
  /** The object, its maps and the active session's span. */
  static final int BASE_BYTES = 200;

  private static final Comparator<SessionSpan> BY_START =
      Comparator.comparingLong(SessionSpan::startMillis).thenComparingLong(SessionSpan::id);

  private final Rollups stored = new Rollups();
  private final Map<Long, ActiveSession> active = new LinkedHashMap<>(2);
  private Long firstStart;
  private int lastReportBlocks;

  /** The stored block of one date, as loaded. */
  void load(ZoneId zone, LocalDate date, byte[] packed) {
    stored.put(zone, date, packed);
  }

  void firstStart(Long millis) {
    firstStart = millis;
  }

  void apply(RollupChange change) {
    stored.add(change.cells());
    if (change.firstStartChanged()) {
      firstStart = change.firstStart();
    }
    if (change.inactive() != null) {
      active.remove(change.inactive());
    }
    if (change.active() != null) {
      active.put(change.active().id(), new ActiveSession(change.active(), change.activeInterruptions()));
    }
    if (change.removed() != null) {
      ActiveSession session = active.get(change.removed().sessionId());
      if (session != null) {
        session.remove(change.removed().id());
      }
    }
    if (change.interruption() != null) {
      ActiveSession session = active.get(change.interruption().sessionId());
      if (session != null) {
        session.put(change.interruption());
      }
    }
  }

  StatsReport report(Range range, ZoneId userZone, Instant now) {
    WindowTotals totals = new WindowTotals();
    int blocks = stored.visitWindow(range, now, totals);
    for (ActiveSession session : active.values()) {
      blocks += session.visitWindow(range, now, totals);
    }
    lastReportBlocks = blocks;
    return totals.report(range, userZone, from(range, userZone, now), now);
  }

  /** The active session; with several (never in valid data), the one that started last. */
  Optional<SessionSpan> activeSession() {
    return active.values().stream().map(ActiveSession::span).max(BY_START);
  }

  /** {@code current_focus_seconds} of the live frame: null without an active session. */
  Long currentFocusSeconds(Instant now) {
    return activeSession().map(span -> active.get(span.id()).currentFocusSeconds(now)).orElse(null);
  }

  long approximateBytes() {
    long bytes = BASE_BYTES + stored.approximateBytes();
    for (ActiveSession session : active.values()) {
      bytes += session.approximateBytes();
    }
    return bytes;
  }

  int storedDays() {
    return stored.dayCount();
  }

  /** Day blocks the last {@link #report} summed (stored and live): its cost in blocks of 24 cells. */
  int lastReportBlocks() {
    return lastReportBlocks;
  }

  private Instant from(Range range, ZoneId userZone, Instant now) {
    if (range.isAll()) {
      return firstStart == null ? null : Instant.ofEpochMilli(firstStart);
    }
    return Today.in(userZone, now).minusDays(range.days() - 1L).atStartOfDay(userZone).toInstant();
  }
}
