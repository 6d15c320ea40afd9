package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Dense cells, one {@link DayCells} block per (zone, local date) that has data: the changes one
 * write makes to the rollups (values may be negative), and the live part of an active session.
 * Blocks that return to all zeros are dropped.
 */
final class CellStore {
  @FunctionalInterface
  interface DayVisitor {
    void day(LocalDate date, long[] block, boolean firstOfWindow);
  }

  @FunctionalInterface
  interface BlockSink {
    void block(ZoneId zone, LocalDate date, long[] block);
  }

  private final Map<ZoneId, TreeMap<LocalDate, long[]>> zones = new HashMap<>();
  private int dayCount;

  void add(ZoneId zone, LocalDate date, int slot, long delta) {
    if (delta == 0) {
      return;
    }
    TreeMap<LocalDate, long[]> days = zones.computeIfAbsent(zone, z -> new TreeMap<>());
    long[] block = days.get(date);
    if (block == null) {
      block = new long[DayCells.SIZE];
      days.put(date, block);
      dayCount++;
    }
    block[slot] += delta;
    if (delta < 0 && block[slot] == 0 && DayCells.isEmpty(block)) {
      days.remove(date);
      dayCount--;
      if (days.isEmpty()) {
        zones.remove(zone);
      }
    }
  }

  /**
   * Visits the blocks whose date lies in the window: per zone, the {@code range.days()} dates
   * ending with today's date in that zone, or every block for {@code all}. Costs
   * O(zones × (log days + days in the window)). Returns the number of blocks visited.
   */
  int visitWindow(Range range, Instant now, DayVisitor visitor) {
    int visited = 0;
    for (Map.Entry<ZoneId, TreeMap<LocalDate, long[]>> zone : zones.entrySet()) {
      NavigableMap<LocalDate, long[]> days = zone.getValue();
      LocalDate first = null;
      if (!range.isAll()) {
        LocalDate today = Today.in(zone.getKey(), now);
        first = today.minusDays(range.days() - 1L);
        days = days.subMap(first, true, today, true);
      }
      for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
        visitor.day(day.getKey(), day.getValue(), day.getKey().equals(first));
        visited++;
      }
    }
    return visited;
  }

  int dayCount() {
    return dayCount;
  }

  /** Adds every cell of {@code other}. */
  void addAll(CellStore other) {
    other.forEach((zone, date, block) -> {
      for (int slot = 0; slot < block.length; slot++) {
        add(zone, date, slot, block[slot]);
      }
    });
  }

  /** Every block, by zone and date. */
  void forEach(BlockSink sink) {
    zones.forEach((zone, days) -> days.forEach((date, block) -> sink.block(zone, date, block)));
  }
}
