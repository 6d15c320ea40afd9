package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The statistics endpoints as a client sees them: the views, the range parameter, the order of checks. */
class StatsApiIT {
  private static final String FORMAT = "Invalid range format. Use like '7d', '30d'.";
  private static final String VALUE = "Invalid range value. Must be a number of days, e.g. '7d'.";
  private static final String ZERO = "Range must be a positive number of days.";
  private static final String TOO_LONG = "Range must be at most 3660 days.";
  @AutoClose
  private static final TestNode node = TestNode.start();

  private static String stats(Api.Account account, String view, String range) {
    String path = "/users/" + account.id() + "/stats/" + view;
    return range == null ? path : path + "?range=" + URLEncoder.encode(range, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern"})
  @DisplayName("Every view answers with the common fields, with and without a trailing slash")
  void everyViewAnswers(String view) {
    Api.Account ada = Api.signUp(node, "Asia/Kolkata");
    Instant start = Api.now().minus(Duration.ofHours(2));
    JsonObject session = Api.pastSession(node, ada, start, start.plus(Duration.ofMinutes(90)));
    Api.logInterruption(node, ada, session.getLong("id"), start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20)));
    for (String path : new String[] {stats(ada, view, null), stats(ada, view, null) + "/"}) {
      JsonObject body = expect(node.get(path, ada.token()), 200).json();
      assertThat(body.getLong("user_id")).isEqualTo(ada.id());
      assertThat(body.getInteger("range_days")).isEqualTo(7);
      assertThat(body.getString("timezone")).isEqualTo("Asia/Kolkata");
      assertThat(Instant.parse(body.getString("from"))).isBefore(Instant.parse(body.getString("to")));
    }
    JsonObject all = expect(node.get(stats(ada, view, "all"), ada.token()), 200).json();
    assertThat(all.containsKey("range_days")).isTrue();
    assertThat(all.getValue("range_days")).isNull();
    assertThat(all.getString("from")).isEqualTo(start.toString());
  }

  @Test
  @DisplayName("The summary counts the session and its interruption and includes the active session up to now")
  void summaryCounts() {
    Api.Account ada = Api.signUp(node, "UTC");
    Instant start = Api.now().minus(Duration.ofMinutes(60));
    long session = Api.startSession(node, ada, start).getLong("id");
    Api.logInterruption(node, ada, session, start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(15)));
    JsonObject summary = expect(node.get(stats(ada, "summary", "1d"), ada.token()), 200).json();
    long worked = summary.getLong("total_time_worked_seconds");
    assertThat(summary.getLong("total_sessions")).isEqualTo(1);
    assertThat(summary.getLong("total_interruptions")).isEqualTo(1);
    assertThat(summary.getLong("total_time_lost_seconds")).isEqualTo(300);
    assertThat(summary.getDouble("average_interruption_duration_seconds")).isEqualTo(300.0);
    boolean sameUtcDay = start.atZone(java.time.ZoneOffset.UTC).toLocalDate()
        .equals(Instant.parse(summary.getString("to")).atZone(java.time.ZoneOffset.UTC).toLocalDate());
    if (sameUtcDay) {
      assertThat(worked).isBetween(3600L, 3700L);
      assertThat(summary.getLong("effective_time_seconds")).isEqualTo(worked - 300);
    }
  }

  static Stream<Arguments> malformedRanges() {
    return Stream.of(
        Arguments.of("abc", FORMAT),
        Arguments.of("7", FORMAT),
        Arguments.of("7w", FORMAT),
        Arguments.of("", FORMAT),
        Arguments.of("0d", ZERO),
        Arguments.of("000d", ZERO),
        Arguments.of("-1d", VALUE),
        Arguments.of("1.5d", VALUE),
        Arguments.of("²d", VALUE),
        Arguments.of("٣d", VALUE),
        Arguments.of("d", VALUE),
        Arguments.of("3661d", TOO_LONG),
        Arguments.of("9".repeat(400) + "d", TOO_LONG));
  }

  @ParameterizedTest
  @MethodSource("malformedRanges")
  @DisplayName("Every malformed range is a 400 with the contract's message, never a 500")
  void malformedRange(String range, String message) {
    Api.Account ada = Api.signUp(node);
    expectDetail(node.get(stats(ada, "summary", range), ada.token()), 400, message);
    expectDetail(node.get(stats(ada, "weekly-pattern", range), ada.token()), 400, message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "7D", " 30d ", "3660d", "all", "ALL", "1d"})
  @DisplayName("Well-formed ranges are accepted, ignoring case and surrounding blanks")
  void wellFormedRange(String range) {
    Api.Account ada = Api.signUp(node);
    expect(node.get(stats(ada, "productive-hours", range), ada.token()), 200);
  }

  @Test
  @DisplayName("An unknown user is a 404 before the range is looked at; another user's stats are a 403")
  void orderOfChecks() {
    Api.Account ada = Api.signUp(node);
    Api.Account bob = Api.signUp(node);
    expectDetail(node.get("/users/987654321/stats/summary?range=abc", ada.token()), 404, "User not found");
    expectDetail(node.get(stats(bob, "summary", "abc"), ada.token()), 403, "Not enough permissions");
    expectDetail(node.get(stats(bob, "summary", "7d"), null), 401, "Not authenticated");
    expectDetail(node.get("/users/" + ada.id() + "/stats/nonsense", ada.token()), 404, "Not Found");
  }

  @Test
  @DisplayName("Another user's statistics are a 403 that loads nothing of theirs; an unknown user stays a 404")
  void forbiddenLoadsNothing() {
    Api.Account ada = Api.signUp(node);
    Api.Account bob = Api.signUp(node);
    expect(node.get(stats(ada, "summary", null), ada.token()), 200);
    int loaded = Api.loadedUsers(node);
    for (String view : new String[] {"summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern"}) {
      expectDetail(node.get(stats(bob, view, "abc"), ada.token()), 403, "Not enough permissions");
    }
    expectDetail(node.get("/users/987654321/stats/summary", ada.token()), 404, "User not found");
    assertThat(Api.loadedUsers(node)).as("bob's history was not read for ada's 403s").isEqualTo(loaded);
    // the count is a real witness: bob's own request does load him
    expect(node.get(stats(bob, "summary", null), bob.token()), 200);
    assertThat(Api.loadedUsers(node)).isEqualTo(loaded + 1);
  }
}
