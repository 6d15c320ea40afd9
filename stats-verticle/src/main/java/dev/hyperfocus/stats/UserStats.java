package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The statistics aggregate of one user: a pure function of the current set of sessions and
 * interruptions, whatever the order, repetition or lateness of the updates.
 *
 * <p>Ended sessions live in the {@link CellStore} together with their clipped interruptions; a
 * change to a session takes its old contribution back and adds the new one (O(hours of the session
 * + its interruptions)), a change to an interruption of an ended session only its own. Active
 * sessions are attributed at query time, from the window's start on. A report therefore costs
 * O(zones × days in the window × 24) plus the live session, never a scan of the rows.
 *
 * <p>Memory (64-bit JVM, compressed references), as {@link #approximateBytes()} counts it: about
 * {@value #SESSION_ROW_BYTES} bytes per session, {@value #INTERRUPTION_ROW_BYTES} per interruption
 * and {@value #DAY_BYTES} per (zone, local date) with data.
 *
 * <p>Not thread-safe: one instance is used by one event loop.
 */
final class UserStats {
  /** Span 40, slot 24, id map node 32 + boxed id 24 + table 8, start index entry 40, list 40. */
  static final int SESSION_ROW_BYTES = 208;
  /** Span 56, id map node 32 + boxed id 24 + table 8, slot in its session's list 8. */
  static final int INTERRUPTION_ROW_BYTES = 128;
  /** long[87] 712, tree entry 40, date key 24. */
  static final int DAY_BYTES = 776;

  private static final Comparator<SessionSpan> BY_START =
      Comparator.comparingLong(SessionSpan::startMillis).thenComparingLong(SessionSpan::id);

  private final CellStore cells = new CellStore();
  private final Map<Long, SessionSlot> slots = new HashMap<>();
  private final Map<Long, InterruptionSpan> interruptions = new HashMap<>();
  private final TreeSet<SessionSpan> byStart = new TreeSet<>(BY_START);
  private final Map<Long, SessionSlot> active = new LinkedHashMap<>();
  private int lastReportBlocks;

  /** Inserts or replaces a session; {@code endOrNull} is null while it is active. */
  void putSession(long id, Instant start, Instant endOrNull, ZoneId zone) {
    SessionSlot slot = slots.computeIfAbsent(id, key -> new SessionSlot());
    detach(id, slot);
    long startMillis = start.toEpochMilli();
    long endMillis = endOrNull == null
        ? SessionSpan.OPEN
        : Math.max(startMillis, endOrNull.toEpochMilli());
    slot.span(new SessionSpan(id, startMillis, endMillis, zone));
    attach(id, slot);
  }

  void removeSession(long id) {
    SessionSlot slot = slots.get(id);
    if (slot == null) {
      return;
    }
    detach(id, slot);
    slot.span(null);
    forgetIfEmpty(id, slot);
  }

  /** Inserts or replaces an interruption; its session may arrive later. */
  void putInterruption(
      long id, long sessionId, Instant start, Instant end, InterruptionType type, long durationSeconds) {
    removeInterruption(id);
    InterruptionSpan interruption = new InterruptionSpan(
        id, sessionId, start.toEpochMilli(), end.toEpochMilli(), type, durationSeconds);
    interruptions.put(id, interruption);
    SessionSlot slot = slots.computeIfAbsent(sessionId, key -> new SessionSlot());
    slot.add(interruption);
    if (slot.ended()) {
      SessionSpan session = slot.span();
      Attribution.interruption(cells, session, session.endMillis(), Attribution.NO_CLIP, interruption, 1);
    }
  }

  void removeInterruption(long id) {
    InterruptionSpan interruption = interruptions.remove(id);
    if (interruption == null) {
      return;
    }
    SessionSlot slot = slots.get(interruption.sessionId());
    if (slot.ended()) {
      SessionSpan session = slot.span();
      Attribution.interruption(cells, session, session.endMillis(), Attribution.NO_CLIP, interruption, -1);
    }
    slot.remove(interruption);
    forgetIfEmpty(interruption.sessionId(), slot);
  }

  StatsReport report(Range range, ZoneId userZone, Instant now) {
    WindowTotals totals = new WindowTotals();
    int blocks = cells.visitWindow(range, now, totals);
    CellStore live = new CellStore();
    long nowMillis = now.toEpochMilli();
    for (SessionSlot slot : active.values()) {
      SessionSpan session = slot.span();
      long clipFrom = range.isAll() ? Attribution.NO_CLIP : windowStart(range, session.zone(), now);
      Attribution.session(live, session, session.endAt(nowMillis), clipFrom, slot.interruptions(), 1);
    }
    blocks += live.visitWindow(range, now, totals);
    lastReportBlocks = blocks;
    return totals.report(range, userZone, from(range, userZone, now), now);
  }

  /** The active session; with several (never in valid data), the one that started last. */
  Optional<SessionSpan> activeSession() {
    return active.values().stream().map(SessionSlot::span).max(BY_START);
  }

  /**
   * Whole seconds of the active session since the later of its start and its latest interruption
   * that has ended by {@code now}; null without an active session or while {@code now} lies inside
   * one of its interruptions.
   */
  Long currentFocusSeconds(Instant now) {
    Optional<SessionSpan> session = activeSession();
    if (session.isEmpty()) {
      return null;
    }
    long nowMillis = now.toEpochMilli();
    long since = session.get().startMillis();
    for (InterruptionSpan interruption : slots.get(session.get().id()).interruptions()) {
      if (interruption.startMillis() <= nowMillis && nowMillis < interruption.endMillis()) {
        return null;
      }
      if (interruption.endMillis() <= nowMillis) {
        since = Math.max(since, interruption.endMillis());
      }
    }
    return Math.max(0, nowMillis - since) / 1000;
  }

  int sessionCount() {
    return byStart.size();
  }

  int interruptionCount() {
    return interruptions.size();
  }

  long approximateBytes() {
    return (long) sessionCount() * SESSION_ROW_BYTES
        + (long) interruptionCount() * INTERRUPTION_ROW_BYTES
        + (long) cells.dayCount() * DAY_BYTES;
  }

  /** Day blocks the last {@link #report} summed (stored and live): its cost in blocks of 24 cells. */
  int lastReportBlocks() {
    return lastReportBlocks;
  }

  private void attach(long id, SessionSlot slot) {
    SessionSpan session = slot.span();
    byStart.add(session);
    if (session.active()) {
      active.put(id, slot);
    } else {
      Attribution.session(cells, session, session.endMillis(), Attribution.NO_CLIP, slot.interruptions(), 1);
    }
  }

  private void detach(long id, SessionSlot slot) {
    SessionSpan session = slot.span();
    if (session == null) {
      return;
    }
    byStart.remove(session);
    if (session.active()) {
      active.remove(id);
    } else {
      Attribution.session(cells, session, session.endMillis(), Attribution.NO_CLIP, slot.interruptions(), -1);
    }
  }

  private void forgetIfEmpty(long id, SessionSlot slot) {
    if (slot.isEmpty()) {
      slots.remove(id);
    }
  }

  private static long windowStart(Range range, ZoneId zone, Instant now) {
    return firstDate(range, zone, now).atStartOfDay(zone).toInstant().toEpochMilli();
  }

  private Instant from(Range range, ZoneId userZone, Instant now) {
    if (range.isAll()) {
      return byStart.isEmpty() ? null : Instant.ofEpochMilli(byStart.first().startMillis());
    }
    return firstDate(range, userZone, now).atStartOfDay(userZone).toInstant();
  }

  private static LocalDate firstDate(Range range, ZoneId zone, Instant now) {
    return Today.in(zone, now).minusDays(range.days() - 1L);
  }
}
