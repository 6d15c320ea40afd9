package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;

/**
 * Layout of the block of one (zone, local date): a {@code long[]} holding the 24 hour cells and
 * the per-date sums that whole-date windows need. Counts share the array with the millisecond
 * sums so that a day costs a single allocation.
 */
final class DayCells {
  static final int HOURS = 24;
  static final int TYPES = InterruptionType.values().length;

  private static final int WORK = 0;
  private static final int LOST = WORK + HOURS;
  private static final int COUNT = LOST + HOURS;
  static final int DURATION_SUM = COUNT + HOURS;
  private static final int TYPE_COUNT = DURATION_SUM + 1;
  private static final int TYPE_LOST = TYPE_COUNT + TYPES;
  /** Sessions whose start lies on this date. */
  static final int SESSION_STARTS = TYPE_LOST + TYPES;
  /**
   * Sessions that started on an earlier date and have a piece on this one. A window's session count
   * is its sum of {@link #SESSION_STARTS} plus this on its first date: local dates never run
   * backwards (tzdb falls back at or before midnight), so a session reaching into the window from
   * before has a piece on that first date, unless the zone skipped that date altogether
   * (Pacific/Apia, 2011-12-30).
   */
  static final int CARRIED_IN = SESSION_STARTS + 1;
  static final int SIZE = CARRIED_IN + 1;

  private DayCells() {}

  static int work(int hour) {
    return WORK + hour;
  }

  static int lost(int hour) {
    return LOST + hour;
  }

  static int count(int hour) {
    return COUNT + hour;
  }

  static int typeCount(InterruptionType type) {
    return TYPE_COUNT + type.ordinal();
  }

  static int typeLost(InterruptionType type) {
    return TYPE_LOST + type.ordinal();
  }

  static boolean isEmpty(long[] block) {
    for (long value : block) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }
}
