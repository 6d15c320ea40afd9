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
  /**
   * Sessions whose earliest local date with a piece is this date (a zero-length session: its
   * start's date). That is the start's date, except where a local date runs backwards
   * (America/St_Johns, 2010-11-07: 00:01 NDT became 23:01 NST on 2010-11-06).
   */
  static final int SESSION_FIRST = TYPE_LOST + TYPES;
  /**
   * Sessions whose pieces span this date from an earlier one: every date after the session's
   * first and up to its last date with a piece. A window's session count is its sum of
   * {@link #SESSION_FIRST} plus this on its first date (a session with a piece in the window has
   * its first date in it, or spans the window's first date).
   */
  static final int CARRIED_IN = SESSION_FIRST + 1;
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
    return typeCount(type.ordinal());
  }

  static int typeLost(InterruptionType type) {
    return typeLost(type.ordinal());
  }

  static int typeCount(int type) {
    return TYPE_COUNT + type;
  }

  static int typeLost(int type) {
    return TYPE_LOST + type;
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
