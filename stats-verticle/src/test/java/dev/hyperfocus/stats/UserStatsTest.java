package dev.hyperfocus.stats;

import static dev.hyperfocus.stats.WorkedExamplesTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The per-user aggregate")
class UserStatsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = at("2026-06-10T12:00", UTC);

  private final UserStats stats = new UserStats();

  @Test
  @DisplayName("A user without data has zeros, 24 hours, 7 weekdays and no peak")
  void emptyUser() {
    StatsReport report = stats.report(Range.DEFAULT, BERLIN, NOW);

    assertThat(report.summary()).isEqualTo(new StatsReport.Summary(0, 0, 0, 0, 0, 0.0, 0.0));
    assertThat(report.hours()).hasSize(24);
    assertThat(report.weekdays()).hasSize(7);
    assertThat(report.types()).hasSize(6).allMatch(type -> type.count() == 0 && type.proportion() == 0.0);
    assertThat(report.peak()).isEqualTo(new StatsReport.Peak(null, 0));
    assertThat(report.rangeDays()).isEqualTo(7);
    assertThat(report.timezone()).isEqualTo(BERLIN);
    assertThat(report.from()).isEqualTo(Instant.parse("2026-06-03T22:00:00Z"));
    assertThat(report.to()).isEqualTo(NOW);
    assertThat(stats.report(Range.ALL, BERLIN, NOW).from()).isNull();
  }

  @Test
  @DisplayName("An interruption logged before its session arrives counts once the session arrives")
  void interruptionBeforeSession() {
    stats.putInterruption(10, 1, at("2026-06-10T09:00", UTC), at("2026-06-10T09:06", UTC), InterruptionType.PHONE, 360);
    assertThat(stats.report(Range.TODAY, UTC, NOW).summary().totalInterruptions()).isZero();

    stats.putSession(1, at("2026-06-10T08:00", UTC), at("2026-06-10T10:00", UTC), UTC);

    StatsReport.Summary summary = stats.report(Range.TODAY, UTC, NOW).summary();
    assertThat(summary.totalInterruptions()).isEqualTo(1);
    assertThat(summary.lostSeconds()).isEqualTo(360);
    assertThat(summary.workedSeconds()).isEqualTo(7200);
  }

  @Test
  @DisplayName("Removing a session or an interruption takes its contribution back")
  void removals() {
    stats.putSession(1, at("2026-06-10T08:00", UTC), at("2026-06-10T10:00", UTC), UTC);
    stats.putInterruption(10, 1, at("2026-06-10T09:00", UTC), at("2026-06-10T09:06", UTC), InterruptionType.PHONE, 360);
    stats.putInterruption(11, 1, at("2026-06-10T09:10", UTC), at("2026-06-10T09:20", UTC), InterruptionType.NOISE, 600);

    stats.removeInterruption(10);
    assertThat(stats.report(Range.TODAY, UTC, NOW).summary())
        .isEqualTo(new StatsReport.Summary(1, 1, 7200, 600, 6600, 600.0, 1 / (6600 / 3600.0)));

    stats.removeSession(1);
    assertThat(stats.report(Range.ALL, UTC, NOW).summary().totalSessions()).isZero();
    assertThat(stats.report(Range.ALL, UTC, NOW).summary().totalInterruptions()).isZero();
    assertThat(stats.sessionCount()).isZero();
    assertThat(stats.interruptionCount()).isEqualTo(1);
    assertThat(stats.storedDays()).isZero();
    assertThat(stats.approximateBytes()).isEqualTo(UserRollups.BASE_BYTES);
  }

  @Test
  @DisplayName("Repeating an update changes nothing")
  void repeatedUpdates() {
    for (int i = 0; i < 3; i++) {
      stats.putSession(1, at("2026-06-10T08:00", UTC), at("2026-06-10T10:00", UTC), UTC);
      stats.putInterruption(10, 1, at("2026-06-10T09:00", UTC), at("2026-06-10T09:06", UTC), InterruptionType.SELF, 360);
    }

    StatsReport.Summary summary = stats.report(Range.TODAY, UTC, NOW).summary();
    assertThat(summary.totalSessions()).isEqualTo(1);
    assertThat(summary.totalInterruptions()).isEqualTo(1);
    assertThat(summary.lostSeconds()).isEqualTo(360);
    assertThat(stats.sessionCount()).isEqualTo(1);
    assertThat(stats.interruptionCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("The active session counts up to now, and its planned interruption only as it elapses")
  void activeSessionUpToNow() {
    stats.putSession(1, at("2026-06-10T11:00", UTC), null, UTC);
    stats.putInterruption(10, 1, at("2026-06-10T11:50", UTC), at("2026-06-10T12:30", UTC), InterruptionType.URGENT_TASK, 2400);
    stats.putInterruption(11, 1, at("2026-06-10T12:40", UTC), at("2026-06-10T12:45", UTC), InterruptionType.PHONE, 300);

    StatsReport.Summary summary = stats.report(Range.TODAY, UTC, NOW).summary();
    assertThat(summary.workedSeconds()).isEqualTo(3600);
    assertThat(summary.lostSeconds()).isEqualTo(600);
    assertThat(summary.totalInterruptions()).isEqualTo(1);
    assertThat(summary.averageInterruptionDurationSeconds()).isEqualTo(2400.0);

    StatsReport later = stats.report(Range.TODAY, UTC, at("2026-06-10T13:00", UTC));
    assertThat(later.summary().lostSeconds()).isEqualTo(2400 + 300);
    assertThat(later.summary().totalInterruptions()).isEqualTo(2);
    assertThat(later.peak()).isEqualTo(new StatsReport.Peak(11, 1));
  }

  @Test
  @DisplayName("Only the part of an interruption inside its session is lost time, counted where that part starts")
  void interruptionClippedToSession() {
    stats.putSession(1, at("2026-06-10T08:30", UTC), at("2026-06-10T10:00", UTC), UTC);
    stats.putInterruption(10, 1, at("2026-06-10T07:50", UTC), at("2026-06-10T08:40", UTC), InterruptionType.FAMILY, 3000);
    stats.putInterruption(11, 1, at("2026-06-10T09:50", UTC), at("2026-06-10T10:20", UTC), InterruptionType.NOISE, 1800);

    StatsReport report = stats.report(Range.TODAY, UTC, NOW);
    assertThat(report.summary().lostSeconds()).isEqualTo(600 + 600);
    assertThat(report.hours().get(7).interruptions()).isZero();
    assertThat(report.hours().get(8).interruptions()).isEqualTo(1);
    assertThat(report.summary().averageInterruptionDurationSeconds()).isEqualTo(2400.0);
  }

  @Test
  @DisplayName("A session that began before the window counts with only its pieces inside the window")
  void sessionStraddlingWindowStart() {
    stats.putSession(1, at("2026-06-09T22:00", UTC), at("2026-06-10T01:00", UTC), UTC);
    stats.putInterruption(10, 1, at("2026-06-09T23:30", UTC), at("2026-06-10T00:30", UTC), InterruptionType.SELF, 3600);

    StatsReport today = stats.report(Range.TODAY, UTC, NOW);
    assertThat(today.summary().totalSessions()).isEqualTo(1);
    assertThat(today.summary().workedSeconds()).isEqualTo(3600);
    assertThat(today.summary().lostSeconds()).isEqualTo(1800);
    assertThat(today.summary().totalInterruptions()).isZero();
    assertThat(stats.report(Range.ofDays(2), UTC, NOW).summary().totalInterruptions()).isEqualTo(1);
    assertThat(stats.report(Range.TODAY, UTC, at("2026-06-11T00:00", UTC)).summary().totalSessions()).isZero();
  }

  @Test
  @DisplayName("An active session that began before the window counts with its live pieces inside the window")
  void activeSessionStraddlingWindowStart() {
    stats.putSession(1, at("2026-06-01T22:00", UTC), null, UTC);

    StatsReport today = stats.report(Range.TODAY, UTC, NOW);

    assertThat(today.summary().totalSessions()).isEqualTo(1);
    assertThat(today.summary().workedSeconds()).isEqualTo(12 * 3600);
    assertThat(stats.lastReportBlocks()).isEqualTo(1);
    assertThat(stats.report(Range.ALL, UTC, NOW).summary().workedSeconds()).isEqualTo((8 * 24 + 14) * 3600);
  }

  @Test
  @DisplayName("An active session that starts a moment after now counts as a zero-length session")
  void activeSessionStartingAfterNow() {
    stats.putSession(1, NOW.plusSeconds(3), null, UTC);

    StatsReport report = stats.report(Range.TODAY, UTC, NOW);
    assertThat(report.summary().totalSessions()).isEqualTo(1);
    assertThat(report.summary().workedSeconds()).isZero();
    assertThat(stats.currentFocusSeconds(NOW)).isZero();
    ReportAssertions.assertSameReport(report, StatsOracle.report(
        List.of(new RawSession(1, NOW.plusSeconds(3), null, UTC)), List.of(), Range.TODAY, UTC, NOW), "oracle");
  }

  @Test
  @DisplayName("A zero-length session counts when its start's date is in the window")
  void zeroLengthSession() {
    stats.putSession(1, at("2026-06-09T23:59", UTC), at("2026-06-09T23:59", UTC), UTC);

    assertThat(stats.report(Range.TODAY, UTC, NOW).summary().totalSessions()).isZero();
    assertThat(stats.report(Range.ofDays(2), UTC, NOW).summary().totalSessions()).isEqualTo(1);
    assertThat(stats.report(Range.ofDays(2), UTC, NOW).summary().workedSeconds()).isZero();
  }

  @Test
  @DisplayName("Sessions are judged in their own zone while from follows the user's current zone")
  void travellerSessions() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    stats.putSession(1, at("2026-06-10T07:00", tokyo), at("2026-06-10T08:00", tokyo), tokyo);
    stats.putSession(2, at("2026-06-09T20:00", UTC), at("2026-06-09T21:00", UTC), UTC);

    StatsReport report = stats.report(Range.TODAY, BERLIN, NOW);

    assertThat(report.summary().totalSessions()).isEqualTo(1);
    assertThat(report.hours().get(7).workSeconds()).isEqualTo(3600);
    assertThat(report.from()).isEqualTo(Instant.parse("2026-06-09T22:00:00Z"));
    assertThat(stats.report(Range.ALL, BERLIN, NOW).from()).isEqualTo(at("2026-06-09T20:00", UTC));
  }

  @Test
  @DisplayName("On a tie the peak is the smallest hour")
  void peakTie() {
    stats.putSession(1, at("2026-06-10T08:00", UTC), at("2026-06-10T11:00", UTC), UTC);
    stats.putInterruption(10, 1, at("2026-06-10T10:00", UTC), at("2026-06-10T10:01", UTC), InterruptionType.SELF, 60);
    stats.putInterruption(11, 1, at("2026-06-10T09:00", UTC), at("2026-06-10T09:01", UTC), InterruptionType.SELF, 60);

    assertThat(stats.report(Range.TODAY, UTC, NOW).peak()).isEqualTo(new StatsReport.Peak(9, 1));
  }

  @Test
  @DisplayName("Current focus runs from the later of the start and the latest finished interruption")
  void currentFocus() {
    assertThat(stats.currentFocusSeconds(NOW)).isNull();
    stats.putSession(1, at("2026-06-10T11:00", UTC), null, UTC);
    assertThat(stats.currentFocusSeconds(NOW)).isEqualTo(3600);
    assertThat(stats.activeSession()).map(SessionSpan::start).contains(at("2026-06-10T11:00", UTC));

    stats.putInterruption(10, 1, at("2026-06-10T11:40", UTC), at("2026-06-10T11:50", UTC), InterruptionType.SELF, 600);
    stats.putInterruption(11, 1, at("2026-06-10T12:10", UTC), at("2026-06-10T12:20", UTC), InterruptionType.SELF, 600);
    assertThat(stats.currentFocusSeconds(NOW.plusMillis(999))).isEqualTo(600);
    assertThat(stats.currentFocusSeconds(at("2026-06-10T11:50", UTC))).isZero();
    assertThat(stats.currentFocusSeconds(at("2026-06-10T11:40", UTC))).isNull();
    assertThat(stats.currentFocusSeconds(at("2026-06-10T12:15", UTC))).isNull();

    stats.putSession(1, at("2026-06-10T11:00", UTC), at("2026-06-10T12:30", UTC), UTC);
    assertThat(stats.currentFocusSeconds(NOW)).isNull();
    assertThat(stats.activeSession()).isEmpty();
  }

  @Test
  @DisplayName("Ending the active session moves it into the cells with the same numbers")
  void endingKeepsNumbers() {
    stats.putSession(1, at("2026-06-10T09:15", BERLIN), null, BERLIN);
    stats.putInterruption(10, 1, at("2026-06-10T09:30", BERLIN), at("2026-06-10T10:10", BERLIN), InterruptionType.PHONE, 2400);
    Instant end = at("2026-06-10T11:45", BERLIN);
    StatsReport live = stats.report(Range.DEFAULT, BERLIN, end);

    stats.putSession(1, at("2026-06-10T09:15", BERLIN), end, BERLIN);

    ReportAssertions.assertSameReport(stats.report(Range.DEFAULT, BERLIN, end), live, "ended at now");
  }

  @Test
  @DisplayName("A local date that runs backwards (St. John's, 2010-11-07) still counts the session once in any window")
  void localDateRunningBackwards() {
    ZoneId stJohns = ZoneId.of("America/St_Johns");
    // 00:00:30 NDT on Nov 7, then at 00:01 NDT the clocks go back to 23:01 NST on Nov 6
    RawSession session = new RawSession(1, Instant.parse("2010-11-07T02:30:30Z"), Instant.parse("2010-11-07T02:50:00Z"), stJohns);
    stats.putSession(session.id(), session.start(), session.end(), stJohns);
    for (Instant now : List.of(Instant.parse("2010-11-07T03:00:00Z"), Instant.parse("2010-11-07T04:00:00Z"),
        Instant.parse("2010-11-08T12:00:00Z"))) {
      for (Range range : List.of(Range.TODAY, Range.ofDays(2), Range.ALL)) {
        ReportAssertions.assertSameReport(stats.report(range, stJohns, now),
            StatsOracle.report(List.of(session), List.of(), range, stJohns, now), range + " at " + now);
      }
    }
    assertThat(stats.report(Range.TODAY, stJohns, Instant.parse("2010-11-07T03:00:00Z")).summary().totalSessions())
        .isEqualTo(1);
  }
}
