package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /users/{id}/import}: our own export from another server, and Toggl Track CSV (api.md section 9). */
class ImportIT {
  private static final String VIEWS_QUERY = "?range=";
  private static final List<String> VIEWS =
      List.of("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern");
  private static final String CSV = "text/csv";
  private static final String TOGGL_HEADER =
      "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\r\n";

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("An export from one server imported for a new user on another gives every statistic equal")
  void exportThenImportKeepsEveryStatistic() {
    Account source = Api.signUp(node, "America/New_York");
    Instant now = Api.now();
    for (int day = 10; day >= 1; day -= 3) {
      Instant start = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(37L * day));
      JsonObject session = Api.pastSession(node, source, start, start.plus(Duration.ofMinutes(80 + 11L * day)));
      long id = session.getLong("id");
      Api.logInterruption(node, source, id, start.plus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(9)));
      // reaches past the session's end: stored as sent, counted clipped
      Api.logInterruption(node, source, id, start.plus(Duration.ofMinutes(75 + 11L * day)),
          start.plus(Duration.ofMinutes(95 + 11L * day)));
    }
    String export = expect(node.get("/users/" + source.id() + "/export", source.token()), 200).body();

    try (TestNode other = TestNode.start()) {
      Account target = Api.signUp(other, "America/New_York");
      // the target's statistics are in memory before the import: only the import's events can update them
      expect(other.get("/users/" + target.id() + "/stats/summary?range=all", target.token()), 200);

      Reply imported = importing(other, target, "hyperfocus", "application/json", export, false);

      expect(imported, 200);
      assertThat(imported.json()).isEqualTo(new JsonObject().put("sessions", 4).put("interruptions", 8));
      for (String view : VIEWS) {
        for (String range : List.of("all", "7d", "30d", "1d")) {
          String path = "/stats/" + view + VIEWS_QUERY + range;
          JsonObject expected = comparable(expect(node.get("/users/" + source.id() + path, source.token()), 200).json());
          JsonObject actual = comparable(expect(other.get("/users/" + target.id() + path, target.token()), 200).json());
          assertThat(actual).as(view + " " + range).isEqualTo(expected);
        }
      }
      JsonArray sessions = expect(other.get("/sessions/user/" + target.id(), target.token()), 200).array();
      assertThat(sessions).hasSize(4);
    }
  }

  @Test
  @DisplayName("Toggl entries across DST changes land on the right instants; a repeated hour takes the earlier offset")
  void togglAcrossDst() {
    Account ada = Api.signUp(node, "America/New_York");
    String csv = TOGGL_HEADER
        + "Ada,ada@example.com,,Writing,,\"Draft, part 1\",No,2026-03-07,23:30:00,2026-03-08,03:30:00,03:00:00,\r\n"
        + "Ada,ada@example.com,,Writing,,Fall back,No,2026-11-01,01:30:00,2026-11-01,01:45:00,00:15:00,\r\n"
        + "Ada,ada@example.com,,Writing,,Summer,No,2026-07-01,09:00:00,2026-07-01,10:15:00,01:15:00,\r\n";

    Reply reply = importing(node, ada, "toggl", CSV, csv, false);

    expect(reply, 200);
    assertThat(reply.json()).isEqualTo(new JsonObject().put("sessions", 3).put("interruptions", 0));
    JsonArray sessions = expect(node.get("/sessions/user/" + ada.id(), ada.token()), 200).array();
    assertThat(sessions.stream().map(JsonObject.class::cast)
        .map(s -> s.getString("start_time") + " " + s.getString("end_time") + " " + s.getString("timezone")).toList())
        .containsExactly(
            "2026-03-08T04:30:00Z 2026-03-08T07:30:00Z America/New_York", // EST to EDT: 3 real hours
            "2026-07-01T13:00:00Z 2026-07-01T14:15:00Z America/New_York",
            "2026-11-01T05:30:00Z 2026-11-01T05:45:00Z America/New_York"); // 01:30 EDT, the earlier offset
  }

  @Test
  @DisplayName("A Toggl row in a DST gap is a 422 naming the row, and nothing is written")
  void togglDstGap() {
    Account ada = Api.signUp(node, "Europe/Berlin");
    String csv = TOGGL_HEADER
        + "Ada,ada@example.com,,,,ok,No,2026-03-28,10:00:00,2026-03-28,11:00:00,01:00:00,\r\n"
        + "Ada,ada@example.com,,,,gap,No,2026-03-29,02:30:00,2026-03-29,04:00:00,01:30:00,\r\n";

    Reply reply = importing(node, ada, "toggl", CSV, csv, false);

    JsonObject problem = problem(reply, 422);
    assertThat(problem.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("row 3").add("Start time"));
    assertThat(problem.getString("msg")).startsWith("row 3: 2026-03-29 02:30 does not exist in Europe/Berlin");
    assertNothingWritten(ada);
  }

  @Test
  @DisplayName("An overlapping row rejects the whole import with a 409 naming the row; nothing is written")
  void overlapRejectsEverything() {
    Account ada = Api.signUp(node, "UTC");
    String withinFile = TOGGL_HEADER
        + "Ada,a@example.com,,,,one,No,2026-06-01,09:00:00,2026-06-01,10:00:00,01:00:00,\r\n"
        + "Ada,a@example.com,,,,two,No,2026-06-02,09:00:00,2026-06-02,10:00:00,01:00:00,\r\n"
        + "Ada,a@example.com,,,,three,No,2026-06-01,09:30:00,2026-06-01,11:00:00,01:30:00,\r\n";

    Reply reply = importing(node, ada, "toggl", CSV, withinFile, false);

    expect(reply, 409);
    assertThat(reply.json().getString("detail")).startsWith("row 4: overlaps row 2");
    assertNothingWritten(ada);

    JsonObject stored = Api.pastSession(node, ada, Instant.parse("2026-06-05T12:00:00Z"), Instant.parse("2026-06-05T13:00:00Z"));
    String againstStored = TOGGL_HEADER
        + "Ada,a@example.com,,,,one,No,2026-06-01,09:00:00,2026-06-01,10:00:00,01:00:00,\r\n"
        + "Ada,a@example.com,,,,two,No,2026-06-05,12:59:00,2026-06-05,14:00:00,01:01:00,\r\n";

    Reply clash = importing(node, ada, "toggl", CSV, againstStored, false);

    expect(clash, 409);
    assertThat(clash.json().getString("detail")).startsWith("row 3: overlaps session " + stored.getLong("id"));
    assertThat(expect(node.get("/sessions/user/" + ada.id(), ada.token()), 200).array()).hasSize(1);
  }

  @Test
  @DisplayName("dry_run=true checks everything, answers the counts and writes nothing")
  void dryRunWritesNothing() {
    Account ada = Api.signUp(node, "UTC");
    String export = exportOf(List.of(session(1, "2026-05-01T08:00:00Z", "2026-05-01T10:00:00Z")),
        List.of(interruption(1, 1, "2026-05-01T08:30:00Z", "2026-05-01T08:40:00Z")));

    Reply reply = importing(node, ada, "hyperfocus", "application/json", export, true);

    expect(reply, 200);
    assertThat(reply.json()).isEqualTo(new JsonObject().put("sessions", 1).put("interruptions", 1));
    assertNothingWritten(ada);
    expect(importing(node, ada, "hyperfocus", "application/json", export, false), 200);
    assertThat(expect(node.get("/sessions/user/" + ada.id(), ada.token()), 200).array()).hasSize(1);
  }

  @Test
  @DisplayName("An active session in the import is a 422 naming the row; nothing is written")
  void activeSessionRefused() {
    Account ada = Api.signUp(node, "UTC");
    String export = exportOf(List.of(session(1, "2026-05-01T08:00:00Z", "2026-05-01T10:00:00Z"),
        session(2, "2026-05-02T08:00:00Z", null)), List.of());

    Reply reply = importing(node, ada, "hyperfocus", "application/json", export, false);

    JsonObject problem = problem(reply, 422);
    assertThat(problem.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("sessions").add(1).add("end_time"));
    assertThat(problem.getString("msg")).startsWith("sessions[1] (id 2): an active session");
    assertNothingWritten(ada);
  }

  @Test
  @DisplayName("Interruptions that overlap each other are a 409 naming the row; one outside its session a 422")
  void interruptionRules() {
    Account ada = Api.signUp(node, "UTC");
    List<JsonObject> sessions = List.of(session(1, "2026-05-01T08:00:00Z", "2026-05-01T10:00:00Z"));
    String overlapping = exportOf(sessions, List.of(interruption(1, 1, "2026-05-01T08:30:00Z", "2026-05-01T08:40:00Z"),
        interruption(2, 1, "2026-05-01T08:35:00Z", "2026-05-01T08:50:00Z")));
    String outside = exportOf(sessions, List.of(interruption(5, 1, "2026-05-01T11:00:00Z", "2026-05-01T11:10:00Z")));

    Reply conflict = importing(node, ada, "hyperfocus", "application/json", overlapping, false);
    Reply invalid = importing(node, ada, "hyperfocus", "application/json", outside, false);

    expect(conflict, 409);
    assertThat(conflict.json().getString("detail")).startsWith("interruptions[1] (id 2): overlaps interruptions[0] (id 1)");
    assertThat(problem(invalid, 422).getString("msg")).startsWith("interruptions[0] (id 5): Interruption must overlap its session");
    assertNothingWritten(ada);
  }

  @Test
  @DisplayName("The wrong content type is a 415, a body over 50 MB a 413, another user's import a 403")
  void refusals() {
    Account ada = Api.signUp(node, "UTC");
    Account bob = Api.signUp(node, "UTC");
    String csv = TOGGL_HEADER + "Ada,a@example.com,,,,one,No,2026-06-01,09:00:00,2026-06-01,10:00:00,01:00:00,\r\n";

    expect(importing(node, ada, "toggl", "application/json", csv, false), 415);
    expect(importing(node, ada, "hyperfocus", "text/csv", "{}", false), 415);
    expect(importing(node, ada, "toggl", "text/plain", csv, false), 415);
    expect(node.send("POST", "/users/" + ada.id() + "/import?format=toggl", csv, bob.token(), Map.of("Content-Type", CSV)), 403);
    expect(node.send("POST", "/users/" + ada.id() + "/import?format=toggl", csv, null, Map.of("Content-Type", CSV)), 401);
    Api.expectInvalid(importing(node, ada, "excel", CSV, csv, false), "query", "format");

    Reply tooLarge = importing(node, ada, "toggl", CSV, TOGGL_HEADER + "x".repeat(51 * 1024 * 1024), false);

    expect(tooLarge, 413);
    assertThat(tooLarge.json().getString("detail")).contains("50 MB");
    assertNothingWritten(ada);
  }

  @Test
  @DisplayName("Answers of the import and calendar routes match the OpenAPI document")
  void answersMatchTheDocument() {
    OpenApiSchemas api = new OpenApiSchemas(expect(node.get("/openapi.json", null), 200).json());
    Account ada = Api.signUp(node, "UTC");
    String csv = TOGGL_HEADER + "Ada,a@example.com,,,,one,No,2026-06-01,09:00:00,2026-06-01,10:00:00,01:00:00,\r\n";
    String path = "/users/{id}/import";

    api.assertConforms("POST", path, importing(node, ada, "toggl", CSV, csv, true));
    api.assertConforms("POST", path, importing(node, ada, "toggl", CSV, csv, false));
    api.assertConforms("POST", path, importing(node, ada, "toggl", CSV, csv, false));
    api.assertConforms("POST", path, importing(node, ada, "toggl", CSV, "Start date\r\n", false));
    api.assertConforms("POST", path, importing(node, ada, "toggl", "text/plain", csv, false));
    api.assertConforms("POST", "/users/{id}/calendar-token",
        node.post("/users/" + ada.id() + "/calendar-token", null, ada.token()));
    api.assertConforms("GET", "/users/{id}/calendar.ics", node.get("/users/" + ada.id() + "/calendar.ics?key=nope", null));
  }

  private static Reply importing(TestNode on, Account account, String format, String contentType, String body, boolean dryRun) {
    return on.send("POST", "/users/" + account.id() + "/import?format=" + format + (dryRun ? "&dry_run=true" : ""),
        body, account.token(), Map.of("Content-Type", contentType), Duration.ofSeconds(60));
  }

  /** The one entry of a FastAPI-shaped 422. */
  private static JsonObject problem(Reply reply, int status) {
    expect(reply, status);
    JsonArray detail = Api.validationDetail(reply);
    assertThat(detail).hasSize(1);
    return detail.getJsonObject(0);
  }

  private static void assertNothingWritten(Account account) {
    assertThat(expect(node.get("/sessions/user/" + account.id(), account.token()), 200).array()).isEmpty();
  }

  /** A statistics answer without what differs between two users and two requests: the user and the moment. */
  private static JsonObject comparable(JsonObject stats) {
    JsonObject copy = stats.copy();
    copy.remove("user_id");
    copy.remove("to");
    return copy;
  }

  private static JsonObject session(long id, String start, String end) {
    return new JsonObject().put("id", id).put("user_id", 77).put("start_time", start).put("end_time", end)
        .put("timezone", "Europe/Madrid").put("created_at", start);
  }

  private static JsonObject interruption(long id, long sessionId, String start, String end) {
    return new JsonObject().put("id", id).put("session_id", sessionId).put("user_id", 77).put("type", "noise")
        .put("description", "Drilling next door").put("start_time", start).put("end_time", end).put("duration", 0)
        .put("created_at", start);
  }

  private static String exportOf(List<JsonObject> sessions, List<JsonObject> interruptions) {
    return new JsonObject().put("user", new JsonObject().put("id", 77).put("name", "Elsewhere"))
        .put("sessions", new JsonArray(List.copyOf(sessions))).put("interruptions", new JsonArray(List.copyOf(interruptions)))
        .encode();
  }
}
