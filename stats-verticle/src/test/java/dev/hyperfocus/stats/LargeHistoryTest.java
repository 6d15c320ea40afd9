package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A year of history with 200,000 interruptions")
@Tag("slow")
class LargeHistoryTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate FIRST_DAY = LocalDate.parse("2025-11-01");
  private static final int DAYS = 366;
  private static final int PER_SESSION = 547;

  private final List<RawSession> sessions = new ArrayList<>();
  private final List<RawInterruption> interruptions = new ArrayList<>();
  private final UserStats stats = new UserStats();
  private Instant now;

  @BeforeAll
  void buildHistory() {
    Random random = new Random(7);
    long interruptionId = 1;
    for (int day = 0; day < DAYS; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      Instant start = date.atTime(8, 0).atZone(BERLIN).toInstant();
      boolean last = day == DAYS - 1;
      sessions.add(new RawSession(day + 1, start, last ? null : start.plusSeconds(9 * 3600), BERLIN));
      for (int i = 0; i < PER_SESSION; i++) {
        Instant from = start.plusSeconds(10 + 59L * i);
        interruptions.add(RawInterruption.of(interruptionId++, day + 1, from,
            from.plusMillis(1000 + random.nextInt(50_000)),
            InterruptionType.values()[random.nextInt(InterruptionType.values().length)]));
      }
    }
    now = FIRST_DAY.plusDays(DAYS - 1).atTime(12, 34).atZone(BERLIN).toInstant();
    List<RawSession> lateSessions = sessions.subList(DAYS / 2, DAYS);
    sessions.subList(0, DAYS / 2).forEach(this::put);
    interruptions.forEach(i -> stats.putInterruption(
        i.id(), i.sessionId(), i.start(), i.end(), i.type(), i.durationSeconds()));
    lateSessions.forEach(this::put);
  }

  @Test
  @DisplayName("Every range's report equals the oracle's")
  void reportsEqualTheOracle() {
    for (Range range : List.of(Range.TODAY, Range.DEFAULT, Range.ofDays(30), Range.ALL)) {
      ReportAssertions.assertSameReport(
          stats.report(range, BERLIN, now),
          StatsOracle.report(sessions, interruptions, range, BERLIN, now),
          "range " + range);
    }
  }

  @Test
  @DisplayName("A query sums at most the window's days, never the whole year")
  void queryCostFollowsTheWindow() {
    // the active session's day counts twice: its settled interruptions and its live part
    stats.report(Range.DEFAULT, BERLIN, now);
    assertThat(stats.lastReportBlocks()).isEqualTo(6 + 2);

    stats.report(Range.ofDays(30), BERLIN, now);
    assertThat(stats.lastReportBlocks()).isEqualTo(29 + 2);

    stats.report(Range.ALL, BERLIN, now);
    assertThat(stats.lastReportBlocks()).isEqualTo(DAYS - 1 + 2);
  }

  @Test
  @DisplayName("Memory holds compact day rollups, not the rows: a year in under 100 KB")
  void rowsAndMemory() {
    assertThat(stats.sessionCount()).isEqualTo(DAYS);
    assertThat(stats.interruptionCount()).isEqualTo(DAYS * PER_SESSION);
    assertThat(stats.storedDays()).isEqualTo(DAYS - 1);
    // the active session's 547 interruptions are kept whole while it runs
    long activeSession = (long) PER_SESSION * ActiveSession.INTERRUPTION_BYTES + UserRollups.DENSE_DAY_BYTES;
    assertThat(stats.approximateBytes() - activeSession).isLessThan(100_000);
  }

  private void put(RawSession session) {
    stats.putSession(session.id(), session.start(), session.end(), session.zone());
  }
}
