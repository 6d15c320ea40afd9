package dev.hyperfocus.stats;

import java.util.List;

/**
 * Applies one row change to the {@link Spans} and says what it does to the rollups: a change to a
 * session takes its old contribution back and adds the new one (O(hours of the session + its
 * interruptions)); a change to an interruption of an ended session only its own. An active
 * session contributes nothing here: it enters the rollups when it ends. Every change is an
 * idempotent upsert or removal, so the order in which two domains' changes arrive does not matter
 * (an interruption may arrive before its session).
 */
final class RollupRules {
  private RollupRules() {}

  /** Inserts or replaces a session. */
  static RollupChange putSession(Spans spans, long userId, SessionSpan next) throws Exception {
    SessionSpan old = spans.session(next.id());
    List<InterruptionSpan> interruptions = spans.interruptionsOf(next.id());
    CellStore cells = new CellStore();
    if (old != null && !old.active()) {
      Attribution.session(cells, old, old.endMillis(), interruptions, -1);
    }
    if (!next.active()) {
      Attribution.session(cells, next, next.endMillis(), interruptions, 1);
    }
    spans.putSession(userId, next);
    return new RollupChange(userId, cells, true, spans.firstStart(userId),
        next.active() ? next : null, next.active() ? interruptions : List.of(),
        next.active() ? null : next.id(), null, null);
  }

  /** Removes a session; its interruptions stay stored under its id. */
  static RollupChange removeSession(Spans spans, long userId, long id) throws Exception {
    SessionSpan old = spans.session(id);
    if (old == null) {
      return RollupChange.none(userId);
    }
    CellStore cells = new CellStore();
    if (!old.active()) {
      Attribution.session(cells, old, old.endMillis(), spans.interruptionsOf(id), -1);
    }
    spans.removeSession(id);
    return new RollupChange(userId, cells, true, spans.firstStart(userId), null, List.of(), id, null, null);
  }

  /** Inserts or replaces an interruption. */
  static RollupChange putInterruption(Spans spans, long userId, InterruptionSpan next) throws Exception {
    CellStore cells = new CellStore();
    InterruptionSpan old = takeBack(spans, cells, next.id());
    SessionSpan session = spans.session(next.sessionId());
    if (session != null && !session.active()) {
      Attribution.interruption(cells, session, session.endMillis(), next, 1);
    }
    spans.putInterruption(userId, next);
    return new RollupChange(userId, cells, false, null, null, List.of(), null, next, old);
  }

  static RollupChange removeInterruption(Spans spans, long userId, long id) throws Exception {
    CellStore cells = new CellStore();
    InterruptionSpan old = takeBack(spans, cells, id);
    if (old == null) {
      return RollupChange.none(userId);
    }
    spans.removeInterruption(id);
    return new RollupChange(userId, cells, false, null, null, List.of(), null, null, old);
  }

  /** Takes a stored interruption's contribution back; the interruption, or null. */
  private static InterruptionSpan takeBack(Spans spans, CellStore cells, long id) throws Exception {
    InterruptionSpan old = spans.interruption(id);
    if (old != null) {
      SessionSpan session = spans.session(old.sessionId());
      if (session != null && !session.active()) {
        Attribution.interruption(cells, session, session.endMillis(), old, -1);
      }
    }
    return old;
  }
}
