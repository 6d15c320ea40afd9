package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static dev.hyperfocus.launcher.Api.expectInvalid;
import static dev.hyperfocus.launcher.Api.expectRule;
import static dev.hyperfocus.launcher.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /interruptions}: logging with its time rules, listing and deleting. */
class InterruptionsApiIT {
  @AutoClose
  private static final TestNode node = TestNode.start();
  @AutoClose
  private static final TestNode open = TestNode.start(Map.of(Setting.AUTH, "none"));

  private static Instant ago(Duration duration) {
    return Api.now().minus(duration);
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  /** A user with an ended session from 3 h ago to 1 h ago. */
  private record Ended(Account account, long sessionId, Instant start, Instant end) {
    static Ended create() {
      Account account = Api.signUp(node);
      Instant start = ago(Duration.ofHours(3));
      Instant end = ago(Duration.ofHours(1));
      return new Ended(account, Api.pastSession(node, account, start, end).getLong("id"), start, end);
    }

    JsonObject body(Instant from, Instant to) {
      return Api.interruption(sessionId, account.id(), from, to);
    }

    Reply log(JsonObject body) {
      return node.post("/interruptions", body, account.token());
    }
  }

  @Test
  @DisplayName("Logging an interruption answers 201 with duration floor(end - start) in seconds")
  void logComputesDuration() {
    Ended ada = Ended.create();
    Instant start = ada.start().plus(minutes(10)).plusMillis(250);
    Instant end = start.plusSeconds(150).plusMillis(999);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Reply reply = expect(ada.log(ada.body(start, end).put("type", "family").put("description", "Kids")), 201);

    JsonObject body = reply.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder(
        "id", "session_id", "user_id", "type", "description", "start_time", "end_time", "duration", "created_at");
    assertThat(body.getLong("id")).isPositive();
    assertThat(body.getLong("session_id")).isEqualTo(ada.sessionId());
    assertThat(body.getLong("user_id")).isEqualTo(ada.account().id());
    assertThat(body.getString("type")).isEqualTo("family");
    assertThat(body.getString("description")).isEqualTo("Kids");
    assertThat(body.getString("start_time")).isEqualTo(start.toString());
    assertThat(body.getString("end_time")).isEqualTo(end.toString());
    assertThat(body.getLong("duration")).isEqualTo(150);
    assertThat(Instant.parse(body.getString("created_at"))).isBetween(before, Instant.now());
  }

  @Test
  @DisplayName("The 201 body is the row as stored: instants at millisecond precision, the same as the session's list")
  void answerIsTheStoredRow() {
    Ended ada = Ended.create();
    String start = ada.start().plus(minutes(10)).truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ".123456789Z");
    String end = ada.start().plus(minutes(12)).truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ".9999Z");

    JsonObject logged = expect(ada.log(ada.body(ada.start(), ada.end()).put("start_time", start).put("end_time", end)), 201).json();

    assertThat(logged.getString("start_time")).isEqualTo(start.replace(".123456789Z", ".123Z"));
    assertThat(logged.getString("end_time")).isEqualTo(end.replace(".9999Z", ".999Z"));
    JsonObject listed = expect(node.get("/interruptions/session/" + ada.sessionId(), ada.account().token()), 200)
        .array().getJsonObject(0);
    assertThat(listed).isEqualTo(logged);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"family", "phone", "noise", "self", "urgent_task", "unknown"})
  @DisplayName("Every interruption type of the contract is accepted")
  void everyTypeIsAccepted(String type) {
    Ended ada = Ended.create();

    Reply reply = expect(ada.log(ada.body(ada.start(), ada.start().plus(minutes(1))).put("type", type)), 201);

    assertThat(reply.json().getString("type")).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "type | \"meeting\"",
      "type | \"PHONE\"",
      "type | 3",
      "description | \"   \"",
      "description | 501 code points",
      "description | 42",
      "session_id | \"abc\"",
      "user_id | 0",
      "start_time | \"ten past\"",
      "end_time | equal to start_time",
      "end_time | before start_time"})
  @DisplayName("An invalid field is a 422 naming it")
  void invalidField(String field, String value) {
    Ended ada = Ended.create();
    Instant start = ada.start().plus(minutes(10));
    JsonObject body = ada.body(start, start.plus(minutes(5)));
    switch (value) {
      case "501 code points" -> body.put(field, "🚀".repeat(501));
      case "equal to start_time" -> body.put(field, start.toString());
      case "before start_time" -> body.put(field, start.minusSeconds(1).toString());
      default -> body.put(field, new JsonObject("{\"v\": " + value + "}").getValue("v"));
    }

    expectInvalid(ada.log(body), "body", field);
    assertThat(expect(node.get("/interruptions/session/" + ada.sessionId(), ada.account().token()), 200).array())
        .isEmpty();
  }

  @Test
  @DisplayName("A description of 500 code points is accepted")
  void descriptionOf500CodePoints() {
    Ended ada = Ended.create();
    String description = "🚀".repeat(500);

    Reply reply = expect(ada.log(ada.body(ada.start(), ada.start().plus(minutes(1))).put("description", description)), 201);

    assertThat(reply.json().getString("description")).isEqualTo(description);
  }

  @Test
  @DisplayName("Missing fields give one 422 naming each of them")
  void missingFields() {
    Ended ada = Ended.create();

    Reply reply = ada.log(new JsonObject());

    for (String field : new String[] {"session_id", "user_id", "type", "description", "start_time", "end_time"}) {
      assertThat(expectInvalid(reply, "body", field).getString("type")).isEqualTo("missing");
    }
  }

  @Test
  @DisplayName("Logging into an unknown session is a 404 Session not found")
  void unknownSession() {
    Ended ada = Ended.create();
    JsonObject body = ada.body(ada.start(), ada.start().plus(minutes(1))).put("session_id", ada.sessionId() + 100_000);

    expectDetail(ada.log(body), 404, "Session not found");
  }

  @Test
  @DisplayName("An interruption whose user_id is not the session's user is a 400 with the original message")
  void userMismatch() {
    Ended ada = Ended.create();
    Account other = Api.signUp(node);
    JsonObject body = ada.body(ada.start(), ada.start().plus(minutes(1))).put("user_id", other.id());

    expectDetail(ada.log(body), 400, "Interruption user_id does not match session user_id");
  }

  @Test
  @DisplayName("A start_time in the future is a 422 on body.start_time")
  void futureStart() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));
    Instant start = Api.now().plus(minutes(10));

    Reply reply = node.post("/interruptions",
        Api.interruption(session.getLong("id"), ada.id(), start, start.plus(minutes(5))), ada.token());

    expectRule(reply, "start_time", "Time must not lie more than 5 seconds in the future");
  }

  @Test
  @DisplayName("An end_time more than 24 h ahead is a 422 on body.end_time")
  void endTooFarAhead() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));

    Reply reply = node.post("/interruptions", Api.interruption(session.getLong("id"), ada.id(),
        ago(minutes(5)), Api.now().plus(Duration.ofHours(24)).plus(minutes(10))), ada.token());

    expectRule(reply, "end_time", "end_time must not lie more than 24 hours in the future");
  }

  @Test
  @DisplayName("A planned interruption ending 2 h ahead in an active session is accepted")
  void plannedInterruption() {
    Account ada = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));
    Instant start = ago(minutes(1));
    Instant end = Api.now().plus(Duration.ofHours(2));

    Reply reply = expect(node.post("/interruptions",
        Api.interruption(session.getLong("id"), ada.id(), start, end), ada.token()), 201);

    assertThat(reply.json().getString("end_time")).isEqualTo(end.toString());
    assertThat(reply.json().getLong("duration")).isEqualTo(Duration.between(start, end).toSeconds());
  }

  @Test
  @DisplayName("An interruption after its ended session is a 422 Interruption must overlap its session")
  void outsideTheSession() {
    Ended ada = Ended.create();

    Reply reply = ada.log(ada.body(ada.end().plus(minutes(10)), ada.end().plus(minutes(20))));

    expectOutsideSession(reply);
  }

  @Test
  @DisplayName("An interruption ending exactly at its session's start does not overlap it (half-open)")
  void touchingTheSessionStartIsOutside() {
    Ended ada = Ended.create();

    Reply reply = ada.log(ada.body(ada.start().minus(minutes(10)), ada.start()));

    expectOutsideSession(reply);
  }

  @Test
  @DisplayName("An interruption starting after now + 5 s cannot overlap an active session")
  void outsideAnActiveSession() {
    Account ada = Api.signUp(node);
    Api.pastSession(node, ada, ago(Duration.ofHours(5)), ago(Duration.ofHours(4)));
    JsonObject session = Api.startSession(node, ada, ago(Duration.ofHours(1)));

    Reply reply = node.post("/interruptions", Api.interruption(session.getLong("id"), ada.id(),
        ago(Duration.ofHours(3)), ago(Duration.ofHours(2))), ada.token());

    expectOutsideSession(reply);
  }

  private static void expectOutsideSession(Reply reply) {
    expect(reply, 422);
    JsonArray detail = Api.validationDetail(reply);
    assertThat(detail.size()).isEqualTo(1);
    JsonObject entry = detail.getJsonObject(0);
    assertThat(entry.getString("msg")).isEqualTo("Interruption must overlap its session");
    assertThat(entry.getString("type")).isEqualTo("value_error");
    assertThat(entry.getJsonArray("loc").getList()).hasSize(2).first().isEqualTo("body");
    assertThat(entry.getJsonArray("loc").getString(1)).isIn("start_time", "end_time");
  }

  @Test
  @DisplayName("An interruption partly outside its session is stored as sent, with its full duration")
  void partlyOutsideIsStoredAsSent() {
    Ended ada = Ended.create();
    Instant start = ada.start().minus(minutes(5));
    Instant end = ada.start().plus(minutes(5));

    Reply reply = expect(ada.log(ada.body(start, end)), 201);

    assertThat(reply.json().getString("start_time")).isEqualTo(start.toString());
    assertThat(reply.json().getLong("duration")).isEqualTo(600);
  }

  @Test
  @DisplayName("An interruption overlapping another of its session is a 409 naming the other")
  void overlappingInterruptions() {
    Ended ada = Ended.create();
    JsonObject first = expect(ada.log(ada.body(ada.start().plus(minutes(10)), ada.start().plus(minutes(20)))), 201).json();

    Reply reply = ada.log(ada.body(ada.start().plus(minutes(15)), ada.start().plus(minutes(25))));

    expectDetail(reply, 409, "Interruption overlaps interruption " + first.getLong("id"));
  }

  @Test
  @DisplayName("An interruption inside another one is a 409 too")
  void nestedInterruption() {
    Ended ada = Ended.create();
    JsonObject outer = expect(ada.log(ada.body(ada.start().plus(minutes(10)), ada.start().plus(minutes(40)))), 201).json();

    Reply reply = ada.log(ada.body(ada.start().plus(minutes(20)), ada.start().plus(minutes(21))));

    expectDetail(reply, 409, "Interruption overlaps interruption " + outer.getLong("id"));
  }

  @ParameterizedTest(name = "minutes {0} to {1} after the start: {2}")
  @CsvSource({"15, 25, first", "25, 35, second", "5, 45, first", "35, 50, second", "20, 30, none",
      "40, 45, none", "1, 10, none"})
  @DisplayName("With interruptions at minutes 10–20 and 30–40, a new one conflicts with exactly those it overlaps")
  void overlapAmongSeveral(int from, int to, String overlapped) {
    Ended ada = Ended.create();
    long first = expect(ada.log(ada.body(ada.start().plus(minutes(10)), ada.start().plus(minutes(20)))), 201)
        .json().getLong("id");
    long second = expect(ada.log(ada.body(ada.start().plus(minutes(30)), ada.start().plus(minutes(40)))), 201)
        .json().getLong("id");

    Reply reply = ada.log(ada.body(ada.start().plus(minutes(from)), ada.start().plus(minutes(to))));

    switch (overlapped) {
      case "none" -> expect(reply, 201);
      case "first" -> expectDetail(reply, 409, "Interruption overlaps interruption " + first);
      default -> expectDetail(reply, 409, "Interruption overlaps interruption " + second);
    }
  }

  @Test
  @DisplayName("Two concurrent overlapping interruptions: exactly one is stored, the other is a 409")
  void concurrentOverlaps() throws Exception {
    Ended ada = Ended.create();
    List<Callable<Reply>> logs = List.of(
        () -> ada.log(ada.body(ada.start().plus(minutes(10)), ada.start().plus(minutes(20)))),
        () -> ada.log(ada.body(ada.start().plus(minutes(15)), ada.start().plus(minutes(25)))));

    List<Reply> replies = Api.concurrently(logs);

    assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
    long stored = replies.stream().filter(reply -> reply.status() == 201).findFirst().orElseThrow().json().getLong("id");
    assertThat(replies).filteredOn(reply -> reply.status() != 201).singleElement()
        .satisfies(reply -> expectDetail(reply, 409, "Interruption overlaps interruption " + stored));
    assertThat(ids(expect(node.get("/interruptions/session/" + ada.sessionId(), ada.account().token()), 200).array()))
        .containsExactly(stored);
  }

  @Test
  @DisplayName("A start_time too far in the past to compute a duration is a 422 on body.start_time, never a 500")
  void startBeyondStorableRange() {
    Ended ada = Ended.create();
    JsonObject body = ada.body(ada.start(), ada.start().plus(minutes(5))).put("start_time", "-300000000-01-01T00:00:00Z");

    expectInvalid(ada.log(body), "body", "start_time");
  }

  @Test
  @DisplayName("Back-to-back interruptions are accepted (half-open intervals)")
  void backToBack() {
    Ended ada = Ended.create();
    Instant boundary = ada.start().plus(minutes(20));
    expect(ada.log(ada.body(ada.start().plus(minutes(10)), boundary)), 201);

    expect(ada.log(ada.body(boundary, ada.start().plus(minutes(30)))), 201);
    expect(ada.log(ada.body(ada.start().plus(minutes(5)), ada.start().plus(minutes(10)))), 201);
  }

  @Test
  @DisplayName("Interruptions may be logged late into an ended session")
  void lateLogging() {
    Ended ada = Ended.create();

    Reply reply = expect(ada.log(ada.body(ada.end().minus(minutes(30)), ada.end().minus(minutes(20)))), 201);

    assertThat(reply.json().getLong("session_id")).isEqualTo(ada.sessionId());
  }

  @Test
  @DisplayName("Listing a session's interruptions returns them by start_time")
  void listOrderedByStart() {
    Ended ada = Ended.create();
    long late = expect(ada.log(ada.body(ada.start().plus(minutes(60)), ada.start().plus(minutes(61)))), 201)
        .json().getLong("id");
    long early = expect(ada.log(ada.body(ada.start().plus(minutes(10)), ada.start().plus(minutes(11)))), 201)
        .json().getLong("id");
    long middle = expect(ada.log(ada.body(ada.start().plus(minutes(30)), ada.start().plus(minutes(31)))), 201)
        .json().getLong("id");

    Reply reply = expect(node.get("/interruptions/session/" + ada.sessionId(), ada.account().token()), 200);

    assertThat(ids(reply.array())).containsExactly(early, middle, late);
    assertThat(reply.array().getJsonObject(0).getLong("duration")).isEqualTo(60);
  }

  @Test
  @DisplayName("Listing the interruptions of an unknown session is a 404 Session not found")
  void listUnknownSession() {
    Ended ada = Ended.create();

    expectDetail(node.get("/interruptions/session/" + (ada.sessionId() + 100_000), ada.account().token()),
        404, "Session not found");
  }

  @Test
  @DisplayName("Deleting an interruption answers 204, then 404 Interruption not found")
  void deleteThenNotFound() {
    Ended ada = Ended.create();
    long kept = expect(ada.log(ada.body(ada.start().plus(minutes(1)), ada.start().plus(minutes(2)))), 201)
        .json().getLong("id");
    long gone = expect(ada.log(ada.body(ada.start().plus(minutes(3)), ada.start().plus(minutes(4)))), 201)
        .json().getLong("id");
    String token = ada.account().token();

    Reply deleted = expect(node.delete("/interruptions/" + gone, token), 204);

    assertThat(deleted.body()).isEmpty();
    expectDetail(node.delete("/interruptions/" + gone, token), 404, "Interruption not found");
    assertThat(ids(expect(node.get("/interruptions/session/" + ada.sessionId(), token), 200).array()))
        .containsExactly(kept);
  }

  @Test
  @DisplayName("A deleted interruption frees its time for a new one")
  void deletionFreesTheSlot() {
    Ended ada = Ended.create();
    Instant start = ada.start().plus(minutes(1));
    long gone = expect(ada.log(ada.body(start, start.plus(minutes(5)))), 201).json().getLong("id");
    expect(node.delete("/interruptions/" + gone, ada.account().token()), 204);

    expect(ada.log(ada.body(start, start.plus(minutes(5)))), 201);
  }

  @Test
  @DisplayName("Original flow (open mode): user → session → interruption with the ids echoed and a correct duration")
  void originalFlow() {
    JsonObject user = expect(open.post("/users/", new JsonObject().put("name", "Victor")
        .put("email", Api.uniqueEmail("victor")), null), 201).json();
    long userId = user.getLong("id");
    Instant sessionStart = ago(Duration.ofHours(1));
    JsonObject session = expect(open.post("/sessions/start", new JsonObject().put("user_id", userId)
        .put("start_time", sessionStart.toString()), null), 201).json();
    long sessionId = session.getLong("id");
    Instant start = sessionStart.plus(minutes(10));

    Reply reply = expect(open.post("/interruptions/", new JsonObject()
        .put("session_id", sessionId)
        .put("user_id", userId)
        .put("type", "phone")
        .put("description", "WhatsApp messages")
        .put("start_time", start.toString())
        .put("end_time", start.plusSeconds(150).toString()), null), 201);

    JsonObject interruption = reply.json();
    assertThat(session.getLong("user_id")).isEqualTo(userId);
    assertThat(interruption.getLong("session_id")).isEqualTo(sessionId);
    assertThat(interruption.getLong("user_id")).isEqualTo(userId);
    assertThat(interruption.getString("type")).isEqualTo("phone");
    assertThat(interruption.getLong("duration")).isEqualTo(150);
  }

  @Test
  @DisplayName("Original check (open mode): an interruption naming another user is rejected with the original message")
  void originalUserMismatch() {
    long owner = expect(open.post("/users/", new JsonObject().put("name", "Owner")
        .put("email", Api.uniqueEmail("owner")), null), 201).json().getLong("id");
    long intruder = expect(open.post("/users/", new JsonObject().put("name", "Intruder")
        .put("email", Api.uniqueEmail("intruder")), null), 201).json().getLong("id");
    Instant sessionStart = ago(Duration.ofHours(1));
    long sessionId = expect(open.post("/sessions/start", new JsonObject().put("user_id", owner)
        .put("start_time", sessionStart.toString()), null), 201).json().getLong("id");
    Instant start = sessionStart.plus(minutes(10));

    Reply reply = open.post("/interruptions/",
        Api.interruption(sessionId, intruder, start, start.plusSeconds(150)), null);

    expectDetail(reply, 400, "Interruption user_id does not match session user_id");
    assertThat(expect(open.get("/interruptions/session/" + sessionId, null), 200).array()).isEmpty();
  }
}
