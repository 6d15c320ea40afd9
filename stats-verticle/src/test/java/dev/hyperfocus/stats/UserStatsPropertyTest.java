package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The aggregate against a full recomputation")
@Tag("slow")
class UserStatsPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 250);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("After any prefix of a shuffled random history, every report equals the oracle's")
  void reportsEqualTheOracle(long seed) {
    RandomHistory history = new RandomHistory(seed);
    UserStats stats = new UserStats();
    Map<Long, RawSession> sessions = new LinkedHashMap<>();
    Map<Long, RawInterruption> interruptions = new LinkedHashMap<>();
    int size = history.ops.size();
    int[] checkpoints = {size / 3, 2 * size / 3, size};
    int applied = 0;
    for (int checkpoint : checkpoints) {
      RandomHistory.apply(history.ops, applied, checkpoint, stats, sessions, interruptions);
      applied = checkpoint;
      List<Range> ranges = checkpoint == size
          ? List.of(Range.ofDays(1), Range.ofDays(7), Range.ofDays(30), Range.ALL, history.randomRange())
          : List.of(Range.ofDays(1), Range.ALL);
      for (Range range : ranges) {
        assertSame(stats, sessions, interruptions, range, history.userZone, history.now,
            "seed " + seed + " after " + checkpoint + "/" + size + " updates, range " + range);
      }
    }
    Instant later = history.laterNow();
    assertSame(stats, sessions, interruptions, Range.ofDays(2), history.userZone, later,
        "seed " + seed + " at " + later);
    assertThat(stats.sessionCount()).isEqualTo(sessions.size());
    assertThat(stats.interruptionCount()).isEqualTo(interruptions.size());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("The current focus equals the oracle's at and around every interruption boundary")
  void currentFocusEqualsTheOracle(long seed) {
    RandomHistory history = new RandomHistory(seed);
    UserStats stats = new UserStats();
    Map<Long, RawSession> sessions = new LinkedHashMap<>();
    Map<Long, RawInterruption> interruptions = new LinkedHashMap<>();
    RandomHistory.apply(history.ops, 0, history.ops.size(), stats, sessions, interruptions);
    List<Instant> moments = new ArrayList<>(List.of(history.now, history.laterNow()));
    for (RawInterruption interruption : interruptions.values()) {
      for (Instant boundary : List.of(interruption.start(), interruption.end())) {
        moments.add(boundary.minusMillis(1));
        moments.add(boundary);
      }
    }
    List<RawSession> rows = List.copyOf(sessions.values());
    List<RawInterruption> interruptionRows = List.copyOf(interruptions.values());
    for (Instant moment : moments) {
      assertThat(stats.currentFocusSeconds(moment))
          .as("seed %d at %s", seed, moment)
          .isEqualTo(StatsOracle.currentFocusSeconds(rows, interruptionRows, moment));
    }
  }

  private static void assertSame(
      UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions,
      Range range, ZoneId userZone, Instant now, String context) {
    StatsReport expected = StatsOracle.report(
        List.copyOf(sessions.values()), List.copyOf(interruptions.values()), range, userZone, now);
    ReportAssertions.assertSameReport(stats.report(range, userZone, now), expected, context);
  }
}
