package dev.hyperfocus.stats;

import java.util.List;

/**
 * What one committed row change does to a user's statistics: the cells it adds to (or takes from)
 * the stored rollups, and what changes about the active sessions, which are kept apart and
 * counted live. Produced by {@link RollupRules} inside the transaction that persists it, then
 * applied to the user's {@link UserRollups} in memory if that user is loaded.
 *
 * @param cells the changes to the stored rollups (ended sessions and their interruptions)
 * @param firstStartChanged whether {@code firstStart} is given
 * @param firstStart the user's earliest session start after the change (null: no sessions)
 * @param active a session that is active after the change, or null
 * @param activeInterruptions the interruptions stored under {@code active}
 * @param inactive the id of a session that is not active (ended or removed) after the change, or null
 * @param interruption an interruption stored or replaced by the change, or null
 * @param removed an interruption removed (or moved to another session) by the change, or null
 */
record RollupChange(
    long userId,
    CellStore cells,
    boolean firstStartChanged,
    Long firstStart,
    SessionSpan active,
    List<InterruptionSpan> activeInterruptions,
    Long inactive,
    InterruptionSpan interruption,
    InterruptionSpan removed) {

  static RollupChange none(long userId) {
    return new RollupChange(userId, new CellStore(), false, null, null, List.of(), null, null, null);
  }
}
