package dev.hyperfocus.stats;

import dev.hyperfocus.api.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The JSON bodies of the statistics views, with their field names declared once. */
final class StatsJson {
  static final String RANGE_DAYS = "range_days";
  static final String FROM = "from";
  static final String TO = "to";
  static final String TOTAL_SESSIONS = "total_sessions";
  static final String TOTAL_INTERRUPTIONS = "total_interruptions";
  static final String TOTAL_TIME_WORKED_SECONDS = "total_time_worked_seconds";
  static final String TOTAL_TIME_LOST_SECONDS = "total_time_lost_seconds";
  static final String EFFECTIVE_TIME_SECONDS = "effective_time_seconds";
  static final String AVERAGE_INTERRUPTION_DURATION_SECONDS = "average_interruption_duration_seconds";
  static final String INTERRUPTIONS_PER_HOUR = "interruptions_per_hour";
  static final String COUNTS = "counts";
  static final String PROPORTIONS = "proportions";
  static final String LOST_SECONDS = "lost_seconds";
  static final String HOURS = "hours";
  static final String HOUR = "hour";
  static final String WORK_SECONDS = "work_seconds";
  static final String TIME_LOST_SECONDS = "time_lost_seconds";
  static final String INTERRUPTIONS = "interruptions";
  static final String PEAK_HOUR = "peak_hour";
  static final String PEAK_INTERRUPTIONS = "peak_interruptions";
  static final String DAYS = "days";
  static final String WEEKDAY_INDEX = "weekday_index";
  static final String WEEKDAY_NAME = "weekday_name";

  private StatsJson() {}

  static JsonObject summary(long userId, StatsReport report) {
    StatsReport.Summary summary = report.summary();
    return envelope(userId, report)
        .put(TOTAL_SESSIONS, summary.totalSessions())
        .put(TOTAL_INTERRUPTIONS, summary.totalInterruptions())
        .put(TOTAL_TIME_WORKED_SECONDS, summary.workedSeconds())
        .put(TOTAL_TIME_LOST_SECONDS, summary.lostSeconds())
        .put(EFFECTIVE_TIME_SECONDS, summary.effectiveSeconds())
        .put(AVERAGE_INTERRUPTION_DURATION_SECONDS, summary.averageInterruptionDurationSeconds())
        .put(INTERRUPTIONS_PER_HOUR, summary.interruptionsPerHour());
  }

  static JsonObject interruptionTypes(long userId, StatsReport report) {
    JsonObject counts = new JsonObject();
    JsonObject proportions = new JsonObject();
    JsonObject lost = new JsonObject();
    for (StatsReport.TypeStats type : report.types()) {
      String name = type.type().wireName();
      if (type.count() > 0) {
        counts.put(name, type.count());
        proportions.put(name, type.proportion());
      }
      lost.put(name, type.lostSeconds());
    }
    return envelope(userId, report)
        .put(COUNTS, counts)
        .put(PROPORTIONS, proportions)
        .put(LOST_SECONDS, lost)
        .put(TOTAL_INTERRUPTIONS, report.summary().totalInterruptions());
  }

  static JsonObject productiveHours(long userId, StatsReport report) {
    JsonArray hours = new JsonArray();
    for (StatsReport.HourStats hour : report.hours()) {
      hours.add(new JsonObject()
          .put(HOUR, hour.hour())
          .put(WORK_SECONDS, hour.workSeconds())
          .put(TIME_LOST_SECONDS, hour.lostSeconds())
          .put(INTERRUPTIONS, hour.interruptions())
          .put(INTERRUPTIONS_PER_HOUR, hour.interruptionsPerHour()));
    }
    return envelope(userId, report).put(HOURS, hours);
  }

  static JsonObject peakDistractionTime(long userId, StatsReport report) {
    return envelope(userId, report)
        .put(PEAK_HOUR, report.peak().hour())
        .put(PEAK_INTERRUPTIONS, report.peak().interruptions())
        .put(TOTAL_INTERRUPTIONS, report.summary().totalInterruptions());
  }

  static JsonObject weeklyPattern(long userId, StatsReport report) {
    JsonArray days = new JsonArray();
    for (StatsReport.WeekdayStats day : report.weekdays()) {
      days.add(new JsonObject()
          .put(WEEKDAY_INDEX, day.day().getValue() - 1)
          .put(WEEKDAY_NAME, day.day().name().toLowerCase(Locale.ROOT))
          .put(WORK_SECONDS, day.workSeconds())
          .put(TIME_LOST_SECONDS, day.lostSeconds())
          .put(EFFECTIVE_TIME_SECONDS, day.effectiveSeconds())
          .put(INTERRUPTIONS, day.interruptions()));
    }
    return envelope(userId, report).put(DAYS, days);
  }

  private static JsonObject envelope(long userId, StatsReport report) {
    return new JsonObject()
        .put(Fields.USER_ID, userId)
        .put(RANGE_DAYS, report.rangeDays())
        .put(Fields.TIMEZONE, report.timezone().getId())
        .put(FROM, Fields.instant(report.from()))
        .put(TO, Fields.instant(report.to()));
  }
}
