package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's persisted rollups as the stats verticle keeps them in memory: per zone, the dates with
 * data in order, each with its block in the compact form of {@link DayBlocks} (the very bytes of
 * its row in {@code stats.db}). About 110 bytes a busy day, so a year of history stays under 50 KB.
 * Not thread-safe.
 */
final class Rollups {
  /** Array header 16, reference 8, date 4. */
  static final int DAY_OVERHEAD_BYTES = 28;

  private final Map<ZoneId, ZoneDays> zones = new HashMap<>(2);
  private final long[] scratch = new long[DayCells.SIZE];
  private long packedBytes;
  private int dayCount;

  /** The stored block of one date, as loaded (replaces what was there). */
  void put(ZoneId zone, LocalDate date, byte[] packed) {
    ZoneDays days = zones.computeIfAbsent(zone, z -> new ZoneDays());
    byte[] old = days.put((int) date.toEpochDay(), packed);
    account(old, packed);
    if (days.size == 0) {
      zones.remove(zone);
    }
  }

  /** Adds the changes of one write; a block that returns to zero is dropped. */
  void add(CellStore changes) {
    changes.forEach((zone, date, delta) -> {
      ZoneDays days = zones.get(zone);
      byte[] old = days == null ? null : days.get((int) date.toEpochDay());
      DayBlocks.unpack(old, scratch);
      for (int i = 0; i < DayCells.SIZE; i++) {
        scratch[i] += delta[i];
      }
      put(zone, date, DayBlocks.pack(scratch));
    });
  }

  /**
   * Visits the blocks whose date lies in the window, as {@link CellStore#visitWindow} does, each
   * unpacked into one reused array. Returns the number of blocks visited.
   */
  int visitWindow(Range range, Instant now, CellStore.DayVisitor visitor) {
    int visited = 0;
    for (Map.Entry<ZoneId, ZoneDays> zone : zones.entrySet()) {
      ZoneDays days = zone.getValue();
      int from = 0;
      int to = days.size;
      LocalDate first = null;
      if (!range.isAll()) {
        LocalDate today = Today.in(zone.getKey(), now);
        first = today.minusDays(range.days() - 1L);
        from = days.ceiling((int) first.toEpochDay());
        to = days.ceiling((int) today.toEpochDay() + 1);
      }
      for (int i = from; i < to; i++) {
        LocalDate date = LocalDate.ofEpochDay(days.dates[i]);
        DayBlocks.unpack(days.blocks[i], scratch);
        visitor.day(date, scratch, date.equals(first));
        visited++;
      }
    }
    return visited;
  }

  int dayCount() {
    return dayCount;
  }

  long approximateBytes() {
    return packedBytes + (long) dayCount * DAY_OVERHEAD_BYTES;
  }

  private void account(byte[] old, byte[] packed) {
    if (old != null) {
      packedBytes -= old.length;
      dayCount--;
    }
    if (packed != null) {
      packedBytes += packed.length;
      dayCount++;
    }
  }

  /** The dates of one zone in order, with their blocks; dates mostly arrive at the end. */
  private static final class ZoneDays {
    int[] dates = new int[4];
    byte[][] blocks = new byte[4][];
    int size;

    byte[] get(int date) {
      int at = Arrays.binarySearch(dates, 0, size, date);
      return at >= 0 ? blocks[at] : null;
    }

    /** Sets or (with null) removes a date's block; the previous block or null. */
    byte[] put(int date, byte[] block) {
      int at = Arrays.binarySearch(dates, 0, size, date);
      if (at >= 0) {
        byte[] old = blocks[at];
        if (block != null) {
          blocks[at] = block;
        } else {
          System.arraycopy(dates, at + 1, dates, at, size - at - 1);
          System.arraycopy(blocks, at + 1, blocks, at, size - at - 1);
          blocks[--size] = null;
        }
        return old;
      }
      if (block == null) {
        return null;
      }
      int insert = -at - 1;
      if (size == dates.length) {
        dates = Arrays.copyOf(dates, size * 2);
        blocks = Arrays.copyOf(blocks, size * 2);
      }
      System.arraycopy(dates, insert, dates, insert + 1, size - insert);
      System.arraycopy(blocks, insert, blocks, insert + 1, size - insert);
      dates[insert] = date;
      blocks[insert] = block;
      size++;
      return null;
    }

    /** The index of the first date at or after {@code date}. */
    int ceiling(int date) {
      int at = Arrays.binarySearch(dates, 0, size, date);
      return at >= 0 ? at : -at - 1;
    }
  }
}
