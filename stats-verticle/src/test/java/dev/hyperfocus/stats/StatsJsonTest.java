package dev.hyperfocus.stats;

import static dev.hyperfocus.stats.WorkedExamplesTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hyperfocus.api.InterruptionType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The JSON bodies of the statistics views")
class StatsJsonTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-03-29T16:00:00.250Z");
  private static final long USER = 42;

  private final StatsReport report = berlinExample().report(Range.DEFAULT, BERLIN, NOW);

  @Test
  @DisplayName("The summary body has the envelope and the original fields")
  void summary() {
    JsonObject body = StatsView.SUMMARY.body(USER, report);

    assertThat(body).isEqualTo(new JsonObject()
        .put("user_id", USER)
        .put("range_days", 7)
        .put("timezone", "Europe/Berlin")
        .put("from", "2026-03-22T23:00:00Z")
        .put("to", "2026-03-29T16:00:00.250Z")
        .put("total_sessions", 1L)
        .put("total_interruptions", 1L)
        .put("total_time_worked_seconds", 6300L)
        .put("total_time_lost_seconds", 1200L)
        .put("effective_time_seconds", 5100L)
        .put("average_interruption_duration_seconds", 1200.0)
        .put("interruptions_per_hour", report.summary().interruptionsPerHour()));
    assertThat(body.getDouble("interruptions_per_hour")).isCloseTo(0.7058823529411764, within(1e-9));
  }

  @Test
  @DisplayName("The interruption-types body lists counts and proportions of present types and lost time of all six")
  void interruptionTypes() {
    JsonObject body = StatsView.INTERRUPTION_TYPES.body(USER, report);

    assertThat(body.getJsonObject("counts")).isEqualTo(new JsonObject().put("phone", 1L));
    assertThat(body.getJsonObject("proportions")).isEqualTo(new JsonObject().put("phone", 1.0));
    assertThat(body.getJsonObject("lost_seconds")).isEqualTo(new JsonObject()
        .put("family", 0L).put("phone", 1200L).put("noise", 0L)
        .put("self", 0L).put("urgent_task", 0L).put("unknown", 0L));
    assertThat(body.getLong("total_interruptions")).isEqualTo(1);
    assertThat(body.fieldNames()).contains("user_id", "range_days", "timezone", "from", "to");
  }

  @Test
  @DisplayName("The productive-hours body has 24 hour entries")
  void productiveHours() {
    JsonArray hours = StatsView.PRODUCTIVE_HOURS.body(USER, report).getJsonArray("hours");

    assertThat(hours).hasSize(24);
    assertThat(hours.getJsonObject(3)).isEqualTo(new JsonObject()
        .put("hour", 3)
        .put("work_seconds", 3600L)
        .put("time_lost_seconds", 600L)
        .put("interruptions", 1L)
        .put("interruptions_per_hour", 1.0));
    assertThat(hours.getJsonObject(2).getDouble("interruptions_per_hour")).isZero();
  }

  @Test
  @DisplayName("The peak-distraction-time body names the peak hour, or null without interruptions")
  void peakDistractionTime() {
    JsonObject body = StatsView.PEAK_DISTRACTION_TIME.body(USER, report);
    assertThat(body.getInteger("peak_hour")).isEqualTo(3);
    assertThat(body.getLong("peak_interruptions")).isEqualTo(1);
    assertThat(body.getLong("total_interruptions")).isEqualTo(1);

    JsonObject empty = StatsView.PEAK_DISTRACTION_TIME.body(USER, new UserStats().report(Range.ALL, BERLIN, NOW));
    assertThat(empty.containsKey("peak_hour")).isTrue();
    assertThat(empty.getValue("peak_hour")).isNull();
    assertThat(empty.getLong("peak_interruptions")).isZero();
    assertThat(empty.getValue("range_days")).isNull();
    assertThat(empty.getValue("from")).isNull();
    assertThat(empty.encode()).contains("\"range_days\":null", "\"from\":null");
  }

  @Test
  @DisplayName("The weekly-pattern body has 7 entries from Monday, the example on Sunday")
  void weeklyPattern() {
    JsonArray days = StatsView.WEEKLY_PATTERN.body(USER, report).getJsonArray("days");

    assertThat(days).hasSize(7);
    assertThat(days.getJsonObject(0).getString("weekday_name")).isEqualTo("monday");
    assertThat(days.getJsonObject(6)).isEqualTo(new JsonObject()
        .put("weekday_index", 6)
        .put("weekday_name", "sunday")
        .put("work_seconds", 6300L)
        .put("time_lost_seconds", 1200L)
        .put("effective_time_seconds", 5100L)
        .put("interruptions", 1L));
  }

  @Test
  @DisplayName("Each view is found by its path segment and by no other")
  void viewsByPath() {
    assertThat(Arrays.stream(StatsView.values()).map(StatsView::path))
        .containsExactly("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern");
    for (StatsView view : StatsView.values()) {
      assertThat(StatsView.fromPath(view.path())).contains(view);
    }
    assertThat(StatsView.fromPath("SUMMARY")).isEmpty();
    assertThat(StatsView.fromPath(null)).isEmpty();
  }

  private static UserStats berlinExample() {
    UserStats stats = new UserStats();
    stats.putSession(1, at("2026-03-29T01:30", BERLIN), at("2026-03-29T04:15", BERLIN), BERLIN);
    stats.putInterruption(
        10, 1, at("2026-03-29T03:50", BERLIN), at("2026-03-29T04:10", BERLIN), InterruptionType.PHONE, 1200);
    return stats;
  }
}
