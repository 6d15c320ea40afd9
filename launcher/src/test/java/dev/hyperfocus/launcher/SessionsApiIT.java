package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static dev.hyperfocus.launcher.Api.expectInvalid;
import static dev.hyperfocus.launcher.Api.expectRule;
import static dev.hyperfocus.launcher.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /sessions}: start, end, read and list focus sessions, with the time rules. */
class SessionsApiIT {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  @AutoClose
  private static final TestNode node = TestNode.start();

  private static Instant ago(Duration duration) {
    return Api.now().minus(duration);
  }

  private static Reply start(Account account, JsonObject body) {
    return node.post("/sessions/start", body, account.token());
  }

  private static Reply end(Account account, long sessionId, JsonObject body) {
    return node.post("/sessions/" + sessionId + "/end", body, account.token());
  }

  @Test
  @DisplayName("Starting a session answers 201 with start_time now and the user's timezone")
  void startDefaultsToNowAndUserZone() {
    Account ada = Api.signUp(node, "Europe/Madrid");
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Reply reply = expect(start(ada, new JsonObject().put("user_id", ada.id())), 201);

    Instant after = Instant.now();
    JsonObject session = reply.json();
    assertThat(session.fieldNames())
        .containsExactlyInAnyOrder("id", "user_id", "start_time", "end_time", "timezone", "created_at");
    assertThat(session.getLong("id")).isPositive();
    assertThat(session.getLong("user_id")).isEqualTo(ada.id());
    assertThat(session.getString("start_time")).endsWith("Z");
    assertThat(Instant.parse(session.getString("start_time"))).isBetween(before, after);
    assertThat(session.getValue("end_time")).isNull();
    assertThat(session.getString("timezone")).isEqualTo("Europe/Madrid");
    assertThat(Instant.parse(session.getString("created_at"))).isBetween(before, after);
  }

  @Test
  @DisplayName("A timezone named in the request overrides the user's for that session")
  void requestedZoneOverridesUserZone() {
    Account ada = Api.signUp(node, "Europe/Madrid");

    Reply reply = expect(start(ada, new JsonObject().put("user_id", ada.id()).put("timezone", "America/Chicago")), 201);

    assertThat(reply.json().getString("timezone")).isEqualTo("America/Chicago");
    assertThat(expect(node.get("/users/" + ada.id(), ada.token()), 200).json().getString("timezone"))
        .isEqualTo("Europe/Madrid");
  }

  @Test
  @DisplayName("A raw offset as the session timezone is a 422 on body.timezone")
  void rawOffsetSessionZoneIsRefused() {
    Account ada = Api.signUp(node);

    expectInvalid(start(ada, new JsonObject().put("user_id", ada.id()).put("timezone", "+02:00")), "body", "timezone");
  }

  @Test
  @DisplayName("A start_time with offset +02:00 is converted to UTC with Z")
  void offsetIsConvertedToUtc() {
    Account ada = Api.signUp(node);
    Instant start = ago(Duration.ofHours(3));
    String withOffset = start.atOffset(ZoneOffset.ofHours(2)).toString();
    assertThat(withOffset).endsWith("+02:00");

    Reply reply = expect(start(ada, new JsonObject().put("user_id", ada.id()).put("start_time", withOffset)), 201);

    assertThat(reply.json().getString("start_time")).isEqualTo(start.toString());
  }

  @Test
  @DisplayName("Sub-millisecond digits are truncated; milliseconds are kept")
  void startTimeIsTruncatedToMilliseconds() {
    Account ada = Api.signUp(node);
    Instant whole = ago(Duration.ofHours(3));
    String sent = whole.toString().replace("Z", ".123987654Z");

    Reply reply = expect(start(ada, new JsonObject().put("user_id", ada.id()).put("start_time", sent)), 201);

    assertThat(reply.json().getString("start_time")).isEqualTo(whole.plusMillis(123).toString());
  }

  @Test
  @DisplayName("Whole-second times are written without a fraction")
  void wholeSecondsHaveNoFraction() {
    Account ada = Api.signUp(node);
    Instant whole = ago(Duration.ofHours(3));

    Reply reply = expect(start(ada, new JsonObject().put("user_id", ada.id())
        .put("start_time", whole.toString().replace("Z", ".000Z"))), 201);

    assertThat(reply.json().getString("start_time")).isEqualTo(whole.toString()).doesNotContain(".");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "{\"user_id\": null}", "{\"user_id\": \"abc\"}", "{\"user_id\": -3}",
      "{\"user_id\": 0}", "{\"user_id\": 1.5}", "{\"user_id\": 9223372036854775808}",
      "{\"user_id\": 1, \"start_time\": \"yesterday\"}"})
  @DisplayName("A body of the wrong shape is a 422 naming the field")
  void badBodyShape(String body) {
    Account ada = Api.signUp(node);
    String field = body.contains("start_time") ? "start_time" : "user_id";

    expectInvalid(node.send("POST", "/sessions/start", body.replace("\"user_id\": 1,",
        "\"user_id\": " + ada.id() + ","), ada.token(), Map.of()), "body", field);
  }

  @Test
  @DisplayName("Starting a session for an unknown user is a 404 User not found")
  void unknownUser() {
    Account ada = Api.signUp(node);

    expectDetail(start(ada, new JsonObject().put("user_id", ada.id() + 100_000)), 404, "User not found");
  }

  @Test
  @DisplayName("Starting a session while one is active is a 400 User already has an active session")
  void secondActiveSessionIsRefused() {
    Account ada = Api.signUp(node);
    Api.startSession(node, ada, null);

    expectDetail(start(ada, new JsonObject().put("user_id", ada.id())), 400, "User already has an active session");
  }

  @Test
  @DisplayName("A start_time more than 5 s in the future is a 422 on body.start_time")
  void futureStartIsRefused() {
    Account ada = Api.signUp(node);
    Instant future = Api.now().plus(Duration.ofMinutes(10));

    expectRule(start(ada, new JsonObject().put("user_id", ada.id()).put("start_time", future.toString())),
        "start_time", "Time must not lie more than 5 seconds in the future");
    assertThat(listing(ada, "").array()).isEmpty();
  }

  @Test
  @DisplayName("A start_time before the end of the user's latest session is a 422 on body.start_time")
  void startBeforePreviousEndIsRefused() {
    Account ada = Api.signUp(node);
    Api.pastSession(node, ada, ago(Duration.ofHours(3)), ago(Duration.ofHours(1)));

    Reply reply = start(ada, new JsonObject().put("user_id", ada.id()).put("start_time", ago(Duration.ofHours(2)).toString()));

    expectRule(reply, "start_time", "start_time must not be before the end of the user's previous session");
  }

  @Test
  @DisplayName("A session may start exactly where the previous one ended (half-open intervals)")
  void backToBackSessionsAreAccepted() {
    Account ada = Api.signUp(node);
    Instant boundary = ago(Duration.ofHours(2));
    Api.pastSession(node, ada, ago(Duration.ofHours(3)), boundary);

    JsonObject next = Api.startSession(node, ada, boundary);

    assertThat(next.getString("start_time")).isEqualTo(boundary.toString());
  }

  @Test
  @DisplayName("Ending a session answers 200 with end_time now")
  void endDefaultsToNow() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Reply reply = expect(end(ada, session.getLong("id"), null), 200);

    JsonObject ended = reply.json();
    assertThat(Instant.parse(ended.getString("end_time"))).isBetween(before, Instant.now());
    assertThat(ended.copy().put("end_time", null)).isEqualTo(session);
  }

  @Test
  @DisplayName("Ending a session with an explicit end_time stores that time")
  void endWithExplicitTime() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(3)));
    Instant endTime = ago(Duration.ofHours(2));

    Reply reply = expect(end(ada, session.getLong("id"), new JsonObject()
        .put("end_time", endTime.atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString())), 200);

    assertThat(reply.json().getString("end_time")).isEqualTo(endTime.toString());
    assertThat(expect(node.get("/sessions/" + session.getLong("id"), ada.token()), 200).json())
        .isEqualTo(reply.json());
  }

  @Test
  @DisplayName("Ending an unknown session is a 404 Session not found")
  void endUnknownSession() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, null);

    expectDetail(end(ada, session.getLong("id") + 100_000, null), 404, "Session not found");
  }

  @Test
  @DisplayName("Ending an ended session is a 400 Session is already ended")
  void endTwice() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.pastSession(node, ada, ago(Duration.ofHours(3)), ago(Duration.ofHours(2)));

    expectDetail(end(ada, session.getLong("id"), null), 400, "Session is already ended");
    assertThat(expect(node.get("/sessions/" + session.getLong("id"), ada.token()), 200).json()).isEqualTo(session);
  }

  @Test
  @DisplayName("An end_time in the future is a 422 on body.end_time and leaves the session active")
  void futureEndIsRefused() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));

    expectRule(end(ada, session.getLong("id"), new JsonObject().put("end_time", Api.now().plus(Duration.ofMinutes(10)).toString())),
        "end_time", "Time must not lie more than 5 seconds in the future");
    assertThat(expect(node.get("/sessions/" + session.getLong("id"), ada.token()), 200).json()).isEqualTo(session);
  }

  @Test
  @DisplayName("An end_time before start_time is a 422 on body.end_time")
  void endBeforeStartIsRefused() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));

    expectRule(end(ada, session.getLong("id"), new JsonObject().put("end_time", ago(Duration.ofHours(2)).toString())),
        "end_time", "end_time must not be before start_time");
  }

  @Test
  @DisplayName("An end_time that is not a timestamp is a 422 on body.end_time")
  void malformedEndTime() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));

    expectInvalid(end(ada, session.getLong("id"), new JsonObject().put("end_time", "2026-02-30T10:00:00Z")),
        "body", "end_time");
  }

  @Test
  @DisplayName("GET /sessions/{id} returns the session")
  void getSession() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofMinutes(30)));

    assertThat(expect(node.get("/sessions/" + session.getLong("id"), ada.token()), 200).json()).isEqualTo(session);
  }

  @Test
  @DisplayName("GET /sessions/{id} of an unknown session is a 404 Session not found")
  void getUnknownSession() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, null);

    expectDetail(node.get("/sessions/" + (session.getLong("id") + 100_000), ada.token()), 404, "Session not found");
  }

  private static Reply listing(Account account, String query) {
    return node.get("/sessions/user/" + account.id() + query, account.token());
  }

  /** Three sessions of a fresh user: two ended ones and the active one, oldest first. */
  private static List<JsonObject> threeSessions(Account ada) {
    List<JsonObject> sessions = new ArrayList<>();
    sessions.add(Api.pastSession(node, ada, ago(Duration.ofHours(5)), ago(Duration.ofHours(4))));
    sessions.add(Api.pastSession(node, ada, ago(Duration.ofHours(3)), ago(Duration.ofHours(2))));
    sessions.add(Api.startSession(node, ada, ago(Duration.ofHours(1))));
    return sessions;
  }

  @Test
  @DisplayName("Listing a user's sessions returns them by start_time ascending with X-Total-Count")
  void listOrderedByStart() {
    Account ada = Api.signUp(node);
    List<JsonObject> sessions = threeSessions(ada);
    Account other = Api.signUp(node);
    Api.startSession(node, other, null);

    Reply reply = expect(listing(ada, ""), 200);

    assertThat(reply.array().getList()).hasSize(3);
    assertThat(reply.array()).isEqualTo(new JsonArray(new ArrayList<>(sessions)));
    assertThat(reply.header("X-Total-Count")).isEqualTo("3");
  }

  @Test
  @DisplayName("A user without sessions gets an empty list and X-Total-Count 0")
  void emptyListing() {
    Account ada = Api.signUp(node);

    Reply reply = expect(listing(ada, ""), 200);

    assertThat(reply.array()).isEmpty();
    assertThat(reply.header("X-Total-Count")).isEqualTo("0");
  }

  @Test
  @DisplayName("limit and offset page the listing while X-Total-Count stays the total")
  void limitAndOffset() {
    Account ada = Api.signUp(node);
    List<Long> all = threeSessions(ada).stream().map(session -> session.getLong("id")).toList();

    Reply first = expect(listing(ada, "?limit=2"), 200);
    Reply rest = expect(listing(ada, "?limit=2&offset=2"), 200);
    Reply middle = expect(listing(ada, "?limit=1&offset=1"), 200);
    Reply beyond = expect(listing(ada, "?offset=10"), 200);

    assertThat(ids(first.array())).isEqualTo(all.subList(0, 2));
    assertThat(ids(rest.array())).isEqualTo(all.subList(2, 3));
    assertThat(ids(middle.array())).isEqualTo(all.subList(1, 2));
    assertThat(beyond.array()).isEmpty();
    assertThat(List.of(first, rest, middle, beyond)).allSatisfy(reply ->
        assertThat(reply.header("X-Total-Count")).isEqualTo("3"));
  }

  @Test
  @DisplayName("day= selects the sessions overlapping that calendar day in the user's timezone")
  void dayFilterUsesUserZone() {
    Account ada = Api.signUp(node, "Asia/Tokyo");
    LocalDate day = LocalDate.now(TOKYO).minusDays(3);
    JsonObject eveningBefore = Api.pastSession(node, ada, tokyo(day.minusDays(1), 22, 0), tokyo(day.minusDays(1), 23, 30));
    JsonObject earlyMorning = Api.pastSession(node, ada, tokyo(day, 0, 30), tokyo(day, 1, 0));
    JsonObject acrossMidnight = Api.pastSession(node, ada, tokyo(day, 23, 30), tokyo(day.plusDays(1), 0, 30));
    JsonObject nextNoon = Api.pastSession(node, ada, tokyo(day.plusDays(1), 12, 0), tokyo(day.plusDays(1), 13, 0));

    Reply onDay = expect(listing(ada, "?day=" + day), 200);
    Reply dayAfter = expect(listing(ada, "?day=" + day.plusDays(1)), 200);
    Reply dayBefore = expect(listing(ada, "?day=" + day.minusDays(1)), 200);

    // In UTC the early-morning session lies on the day before, so only the Tokyo day finds it here.
    assertThat(ids(onDay.array())).containsExactly(earlyMorning.getLong("id"), acrossMidnight.getLong("id"));
    assertThat(onDay.header("X-Total-Count")).isEqualTo("2");
    assertThat(ids(dayAfter.array())).containsExactly(acrossMidnight.getLong("id"), nextNoon.getLong("id"));
    assertThat(ids(dayBefore.array())).containsExactly(eveningBefore.getLong("id"));
  }

  @Test
  @DisplayName("A session ending exactly at local midnight does not belong to the next day")
  void dayBoundaryIsHalfOpen() {
    Account ada = Api.signUp(node, "Asia/Tokyo");
    LocalDate day = LocalDate.now(TOKYO).minusDays(3);
    JsonObject endsAtMidnight = Api.pastSession(node, ada, tokyo(day, 23, 0), tokyo(day.plusDays(1), 0, 0));

    assertThat(ids(expect(listing(ada, "?day=" + day), 200).array())).containsExactly(endsAtMidnight.getLong("id"));
    assertThat(expect(listing(ada, "?day=" + day.plusDays(1)), 200).array()).isEmpty();
  }

  private static Instant tokyo(LocalDate date, int hour, int minute) {
    return date.atTime(LocalTime.of(hour, minute)).atZone(TOKYO).toInstant();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"limit=0, limit", "limit=1001, limit", "limit=abc, limit", "offset=-1, offset",
      "day=2026-13-01, day", "day=yesterday, day", "day=2026-02-30, day"})
  @DisplayName("A bad limit, offset or day is a 422 on the query parameter")
  void badQuery(String query, String field) {
    Account ada = Api.signUp(node);

    expectInvalid(listing(ada, "?" + query), "query", field);
  }

  @Test
  @DisplayName("limit 1 and 1000 are accepted")
  void limitBounds() {
    Account ada = Api.signUp(node);

    expect(listing(ada, "?limit=1"), 200);
    expect(listing(ada, "?limit=1000"), 200);
  }

  @Test
  @DisplayName("Listing the sessions of an unknown user is a 404 User not found")
  void listUnknownUser() {
    Account ada = Api.signUp(node);

    expectDetail(node.get("/sessions/user/" + (ada.id() + 100_000), ada.token()), 404, "User not found");
  }

  @Test
  @DisplayName("Eight concurrent starts for one user give exactly one 201")
  void concurrentStarts() throws Exception {
    Account ada = Api.signUp(node);
    int starts = 8;
    Callable<Reply> startOne = () -> start(ada, new JsonObject().put("user_id", ada.id()));

    List<Reply> replies = Api.concurrently(Collections.nCopies(starts, startOne));

    assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
    assertThat(replies).filteredOn(reply -> reply.status() != 201).hasSize(starts - 1).allSatisfy(reply ->
        expectDetail(reply, 400, "User already has an active session"));
    JsonArray listed = expect(listing(ada, ""), 200).array();
    assertThat(listed.getList()).hasSize(1);
    assertThat(listed.getJsonObject(0).getValue("end_time")).isNull();
  }

  @Test
  @DisplayName("Changing the user's timezone does not change the timezone of existing sessions")
  void sessionsKeepTheirZone() {
    Account ada = Api.signUp(node, "Europe/Madrid");
    JsonObject past = Api.pastSession(node, ada, ago(Duration.ofHours(3)), ago(Duration.ofHours(2)));

    expect(node.patch("/users/" + ada.id(), new JsonObject().put("timezone", "Asia/Tokyo"), ada.token()), 200);

    assertThat(expect(node.get("/sessions/" + past.getLong("id"), ada.token()), 200).json().getString("timezone"))
        .isEqualTo("Europe/Madrid");
    assertThat(Api.startSession(node, ada, null).getString("timezone")).isEqualTo("Asia/Tokyo");
  }

  @Test
  @DisplayName("An active session is not listed for a day that has not begun yet")
  void activeSessionIsNotInAFutureDay() {
    Account ada = Api.signUp(node);
    JsonObject active = Api.startSession(node, ada, ago(Duration.ofHours(1)));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    assertThat(ids(expect(listing(ada, "?day=" + Instant.parse(active.getString("start_time"))
        .atZone(ZoneOffset.UTC).toLocalDate()), 200).array())).containsExactly(active.getLong("id"));
    Reply nextWeek = expect(listing(ada, "?day=" + today.plusDays(7)), 200);
    assertThat(nextWeek.array()).isEmpty();
    assertThat(nextWeek.header("X-Total-Count")).isEqualTo("0");
  }

  @Test
  @DisplayName("A start_time too far in the past to be stored is a 422 on body.start_time, never a 500")
  void startTimeBeyondStorableRange() {
    Account ada = Api.signUp(node);

    Reply reply = start(ada, new JsonObject().put("user_id", ada.id()).put("start_time", "-300000000-01-01T00:00:00Z"));

    expectInvalid(reply, "body", "start_time");
    assertThat(listing(ada, "").array()).isEmpty();
  }

  @ParameterizedTest(name = "day={0}")
  @ValueSource(strings = {"-999999999-01-01", "%2B999999999-12-31"})
  @DisplayName("A day at the edge of the calendar is a 422 on query.day, never a 500")
  void dayBeyondSupportedRange(String day) {
    Account ada = Api.signUp(node);

    expectInvalid(listing(ada, "?day=" + day), "query", "day");
  }
}
