package dev.hyperfocus.stats;

import java.util.List;

/**
 * The rows the attribution rules need, reduced to their intervals: what a change is applied
 * against. In production the stats verticle keeps them in its own tables ({@code stats.db}), read
 * inside the transaction that applies the change; the tests' {@link UserStats} keeps them in memory.
 */
interface Spans {
  SessionSpan session(long id) throws Exception;

  InterruptionSpan interruption(long id) throws Exception;

  /** The interruptions stored under a session id (they may arrive before the session). */
  List<InterruptionSpan> interruptionsOf(long sessionId) throws Exception;

  /** The earliest start among the user's sessions, or null without sessions. */
  Long firstStart(long userId) throws Exception;

  void putSession(long userId, SessionSpan session) throws Exception;

  void removeSession(long id) throws Exception;

  void putInterruption(long userId, InterruptionSpan interruption) throws Exception;

  void removeInterruption(long id) throws Exception;
}
