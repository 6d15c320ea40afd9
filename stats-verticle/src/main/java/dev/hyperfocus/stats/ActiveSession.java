package dev.hyperfocus.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An active session and its interruptions, counted live at each report. An interruption that
 * has ended by the report's {@code now} contributes the same whatever the later {@code now}, so
 * it is cut into cells once and kept ("settled"); only the session's own pieces and the
 * interruptions still running are cut at each report: a report and a tick cost O(hours of the
 * session + running interruptions), not O(all its interruptions).
 */
final class ActiveSession {
  /** Span 40, map entry 48, boxed id 16 (the settled cells are counted apart). */
  static final int INTERRUPTION_BYTES = 104;

  private final SessionSpan span;
  private final Map<Long, InterruptionSpan> interruptions = new HashMap<>();
  private final Set<Long> running = new HashSet<>();
  private CellStore settled = new CellStore();
  private long settledAt = Long.MIN_VALUE;

  ActiveSession(SessionSpan span, Iterable<InterruptionSpan> interruptions) {
    this.span = span;
    interruptions.forEach(this::put);
  }

  SessionSpan span() {
    return span;
  }

  void put(InterruptionSpan interruption) {
    remove(interruption.id());
    interruptions.put(interruption.id(), interruption);
    running.add(interruption.id());
  }

  void remove(long id) {
    InterruptionSpan old = interruptions.remove(id);
    if (old != null && !running.remove(id)) {
      Attribution.interruption(settled, span, Long.MAX_VALUE, old, -1);
    }
  }

  /** Adds the session's live cells in the window to {@code totals}; the blocks visited. */
  int visitWindow(Range range, Instant now, WindowTotals totals) {
    long nowMillis = now.toEpochMilli();
    if (nowMillis < settledAt) {
      settled = new CellStore();
      running.addAll(interruptions.keySet());
    }
    settledAt = nowMillis;
    long end = span.endAt(nowMillis);
    CellStore live = new CellStore();
    Attribution.sessionOnly(live, span, end, 1);
    for (Iterator<Long> ids = running.iterator(); ids.hasNext(); ) {
      InterruptionSpan interruption = interruptions.get(ids.next());
      if (interruption.endMillis() <= nowMillis) {
        Attribution.interruption(settled, span, Long.MAX_VALUE, interruption, 1);
        ids.remove();
      } else {
        Attribution.interruption(live, span, end, interruption, 1);
      }
    }
    return settled.visitWindow(range, now, totals) + live.visitWindow(range, now, totals);
  }

  /**
   * Whole seconds since the later of the session's start and its latest interruption that has
   * ended by {@code now}; null while {@code now} lies inside one of its interruptions.
   */
  Long currentFocusSeconds(Instant now) {
    long nowMillis = now.toEpochMilli();
    long since = span.startMillis();
    for (InterruptionSpan interruption : interruptions.values()) {
      if (interruption.startMillis() <= nowMillis && nowMillis < interruption.endMillis()) {
        return null;
      }
      if (interruption.endMillis() <= nowMillis) {
        since = Math.max(since, interruption.endMillis());
      }
    }
    return Math.max(0, nowMillis - since) / 1000;
  }

  long approximateBytes() {
    return (long) interruptions.size() * INTERRUPTION_BYTES + (long) settled.dayCount() * UserRollups.DENSE_DAY_BYTES;
  }
}
