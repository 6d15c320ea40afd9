package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compact day block")
class DayBlocksTest {
  @Test
  @DisplayName("Packs and unpacks any block exactly, and an empty block to nothing")
  void roundTrips() {
    Random random = new Random(3);
    long[] back = new long[DayCells.SIZE];
    for (int round = 0; round < 2000; round++) {
      long[] dense = new long[DayCells.SIZE];
      int filled = random.nextInt(DayCells.SIZE);
      for (int i = 0; i < filled; i++) {
        int slot = random.nextInt(DayCells.SIZE);
        dense[slot] = switch (random.nextInt(3)) {
          case 0 -> random.nextInt(7_200_001);
          case 1 -> random.nextLong();
          default -> -random.nextInt(1000);
        };
      }
      byte[] packed = DayBlocks.pack(dense);
      DayBlocks.unpack(packed, back);
      assertThat(back).as("round %d", round).containsExactly(dense);
    }
    assertThat(DayBlocks.pack(new long[DayCells.SIZE])).isNull();
  }

  @Test
  @DisplayName("A working day of eight hours and six types takes under 100 bytes")
  void workingDayIsSmall() {
    long[] dense = new long[DayCells.SIZE];
    dense[DayCells.SESSION_FIRST] = 1;
    dense[DayCells.DURATION_SUM] = 80;
    for (int hour = 9; hour < 17; hour++) {
      dense[DayCells.work(hour)] = 3_600_000;
      dense[DayCells.lost(hour)] = 10_000;
      dense[DayCells.count(hour)] = 1;
    }
    for (int type = 0; type < DayCells.TYPES; type++) {
      dense[DayCells.typeCount(type)] = 1;
      dense[DayCells.typeLost(type)] = 10_000;
    }
    assertThat(DayBlocks.pack(dense)).hasSizeLessThan(100);
  }
}
