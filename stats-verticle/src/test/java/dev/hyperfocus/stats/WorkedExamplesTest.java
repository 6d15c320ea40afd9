package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hyperfocus.api.InterruptionType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The worked examples of analytics.md and their like in other zones")
class WorkedExamplesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final UserStats stats = new UserStats();

  @Test
  @DisplayName("A session across the Berlin spring-forward gap has no hour 2 and yields the documented numbers")
  void berlinSpringForward() {
    stats.putSession(1, at("2026-03-29T01:30", BERLIN), at("2026-03-29T04:15", BERLIN), BERLIN);
    stats.putInterruption(
        10, 1, at("2026-03-29T03:50", BERLIN), at("2026-03-29T04:10", BERLIN), InterruptionType.PHONE, 1200);

    StatsReport report = stats.report(Range.DEFAULT, BERLIN, at("2026-03-29T18:00", BERLIN));

    StatsReport.Summary summary = report.summary();
    assertThat(summary.totalSessions()).isEqualTo(1);
    assertThat(summary.totalInterruptions()).isEqualTo(1);
    assertThat(summary.workedSeconds()).isEqualTo(6300);
    assertThat(summary.lostSeconds()).isEqualTo(1200);
    assertThat(summary.effectiveSeconds()).isEqualTo(5100);
    assertThat(summary.averageInterruptionDurationSeconds()).isEqualTo(1200.0);
    assertThat(summary.interruptionsPerHour()).isCloseTo(0.7058823529411764, within(1e-9));
    assertThat(report.peak()).isEqualTo(new StatsReport.Peak(3, 1));
    assertThat(work(report)).containsExactly(0L, 1800L, 0L, 3600L, 900L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
        0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(report.hours().get(3).lostSeconds()).isEqualTo(600);
    assertThat(report.hours().get(4).lostSeconds()).isEqualTo(600);
    assertThat(report.hours().get(3).interruptions()).isEqualTo(1);
    assertThat(report.weekdays().get(6))
        .isEqualTo(new StatsReport.WeekdayStats(DayOfWeek.SUNDAY, 6300, 1200, 5100, 1));
    assertThat(report.weekdays().subList(0, 6)).allMatch(day -> day.workSeconds() == 0);
    assertThat(report.types().get(InterruptionType.PHONE.ordinal()))
        .isEqualTo(new StatsReport.TypeStats(InterruptionType.PHONE, 1, 1.0, 1200));
  }

  @Test
  @DisplayName("A session across the Berlin fall-back night adds the repeated hour 2 twice")
  void berlinFallBack() {
    stats.putSession(1, at("2026-10-25T00:30", BERLIN), Instant.parse("2026-10-25T03:00:00Z"), BERLIN);

    StatsReport report = stats.report(Range.ALL, BERLIN, Instant.parse("2026-10-26T00:00:00Z"));

    assertThat(report.summary().workedSeconds()).isEqualTo(16200);
    assertThat(work(report).subList(0, 5)).containsExactly(1800L, 3600L, 7200L, 3600L, 0L);
    assertThat(report.weekdays().get(6).workSeconds()).isEqualTo(16200);
  }

  @Test
  @DisplayName("Interruptions logged before the session is ended at an earlier time are clipped away entirely")
  void emptiedInterruptions() {
    stats.putSession(1, at("2026-11-23T10:00", UTC), null, UTC);
    stats.putInterruption(
        10, 1, at("2026-11-23T10:20", UTC), at("2026-11-23T10:25", UTC), InterruptionType.NOISE, 300);
    stats.putInterruption(
        11, 1, at("2026-11-23T10:10", UTC), at("2026-11-23T10:15", UTC), InterruptionType.SELF, 300);
    Instant now = at("2026-11-23T10:30", UTC);
    assertThat(stats.report(Range.TODAY, UTC, now).summary().totalInterruptions()).isEqualTo(2);

    stats.putSession(1, at("2026-11-23T10:00", UTC), at("2026-11-23T10:10", UTC), UTC);

    StatsReport report = stats.report(Range.TODAY, UTC, now);
    assertThat(report.summary().totalInterruptions()).isZero();
    assertThat(report.summary().lostSeconds()).isZero();
    assertThat(report.summary().workedSeconds()).isEqualTo(600);
    assertThat(report.peak()).isEqualTo(new StatsReport.Peak(null, 0));
  }

  @Test
  @DisplayName("In Kolkata the local hours begin at UTC half hours, and pieces follow the local hours")
  void kolkataHalfHourOffset() {
    stats.putSession(1, at("2026-05-04T09:10", KOLKATA), at("2026-05-04T11:40", KOLKATA), KOLKATA);
    stats.putInterruption(
        10, 1, at("2026-05-04T09:50", KOLKATA), at("2026-05-04T10:20", KOLKATA), InterruptionType.FAMILY, 1800);

    StatsReport report = stats.report(Range.DEFAULT, KOLKATA, at("2026-05-04T20:00", KOLKATA));

    assertThat(work(report).subList(8, 13)).containsExactly(0L, 3000L, 3600L, 2400L, 0L);
    assertThat(lost(report).subList(8, 12)).containsExactly(0L, 600L, 1200L, 0L);
    assertThat(report.peak()).isEqualTo(new StatsReport.Peak(9, 1));
    assertThat(report.weekdays().get(0).workSeconds()).isEqualTo(9000);
  }

  @Test
  @DisplayName("In New York the spring-forward day has no hour 2 and the fall-back night repeats hour 1")
  void newYorkTransitions() {
    stats.putSession(1, at("2026-03-08T01:15", NEW_YORK), at("2026-03-08T03:45", NEW_YORK), NEW_YORK);
    stats.putSession(2, Instant.parse("2026-11-01T04:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK);

    StatsReport spring = stats.report(Range.ofDays(1), NEW_YORK, at("2026-03-08T12:00", NEW_YORK));
    StatsReport fall = stats.report(Range.ofDays(1), NEW_YORK, at("2026-11-01T12:00", NEW_YORK));

    assertThat(spring.summary().workedSeconds()).isEqualTo(5400);
    assertThat(work(spring).subList(0, 5)).containsExactly(0L, 2700L, 0L, 2700L, 0L);
    assertThat(fall.summary().workedSeconds()).isEqualTo(7200);
    assertThat(work(fall).subList(0, 3)).containsExactly(1800L, 5400L, 0L);
    assertThat(fall.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
  }

  @Test
  @DisplayName("Every worked example agrees with the oracle")
  void examplesAgreeWithOracle() {
    List<RawSession> sessions = List.of(
        new RawSession(1, at("2026-03-29T01:30", BERLIN), at("2026-03-29T04:15", BERLIN), BERLIN),
        new RawSession(2, at("2026-10-25T00:30", BERLIN), Instant.parse("2026-10-25T03:00:00Z"), BERLIN),
        new RawSession(3, at("2026-05-04T09:10", KOLKATA), at("2026-05-04T11:40", KOLKATA), KOLKATA));
    List<RawInterruption> interruptions = List.of(
        RawInterruption.of(10, 1, at("2026-03-29T03:50", BERLIN), at("2026-03-29T04:10", BERLIN),
            InterruptionType.PHONE),
        RawInterruption.of(11, 3, at("2026-05-04T09:50", KOLKATA), at("2026-05-04T10:20", KOLKATA),
            InterruptionType.FAMILY));
    sessions.forEach(s -> stats.putSession(s.id(), s.start(), s.end(), s.zone()));
    interruptions.forEach(i -> stats.putInterruption(
        i.id(), i.sessionId(), i.start(), i.end(), i.type(), i.durationSeconds()));
    Instant now = Instant.parse("2026-11-01T00:00:00Z");

    for (Range range : List.of(Range.ALL, Range.ofDays(30), Range.ofDays(365))) {
      ReportAssertions.assertSameReport(
          stats.report(range, BERLIN, now),
          StatsOracle.report(sessions, interruptions, range, BERLIN, now),
          "range " + range);
    }
  }

  static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static List<Long> work(StatsReport report) {
    return report.hours().stream().map(StatsReport.HourStats::workSeconds).toList();
  }

  private static List<Long> lost(StatsReport report) {
    return report.hours().stream().map(StatsReport.HourStats::lostSeconds).toList();
  }
}
