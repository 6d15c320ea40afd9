package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static dev.hyperfocus.launcher.Api.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 2 of the contract: error shapes, request ids, trailing slashes, timestamps. */
class ConventionsIT {
  private static final JsonObject MALFORMED = new JsonObject().put("detail", new JsonArray().add(new JsonObject()
      .put("loc", new JsonArray().add("body"))
      .put("msg", "Malformed JSON body")
      .put("type", "json_invalid")));

  /** Far more than a loopback 413 needs; a request still unanswered then hangs. */
  private static final Duration LOCAL_ANSWER = Duration.ofSeconds(5);

  @AutoClose
  private static final TestNode node = TestNode.start();

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/nope", "/users/1/nope", "/sessions", "/interruptions/session/1/extra", "/health/deep"})
  @DisplayName("An unknown path is a 404 {\"detail\": \"Not Found\"}")
  void unknownPath(String path) {
    Account ada = Api.signUp(node);

    expectDetail(node.get(path, ada.token()), 404, "Not Found");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"PUT, /users", "DELETE, /", "POST, /health", "PUT, /users/1", "DELETE, /sessions/1",
      "PATCH, /interruptions/1", "GET, /interruptions"})
  @DisplayName("A known path with the wrong method is a 405 {\"detail\": \"Method Not Allowed\"}")
  void wrongMethod(String method, String path) {
    Account ada = Api.signUp(node);

    expectDetail(node.send(method, path, null, ada.token(), Map.of()), 405, "Method Not Allowed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"name\": \"Ada\",", "{name: 'Ada'}", "nonsense", "{\"name\": \"Ada\"} trailing"})
  @DisplayName("Malformed JSON is a 422 with the original body")
  void malformedJson(String body) {
    Reply reply = node.send("POST", "/users", body, null, Map.of());

    expect(reply, 422);
    assertThat(reply.json()).isEqualTo(MALFORMED);
  }

  @Test
  @DisplayName("Malformed JSON with a valid token is the same 422 on a protected endpoint")
  void malformedJsonWithToken() {
    Account ada = Api.signUp(node);

    Reply reply = node.send("POST", "/sessions/start", "{\"user_id\": ", ada.token(), Map.of());

    expect(reply, 422);
    assertThat(reply.json()).isEqualTo(MALFORMED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[{\"name\": \"Ada\", \"email\": \"ada@example.com\"}]", "\"text\"", "42", "null"})
  @DisplayName("A JSON body that is not an object is a 422 on body")
  void nonObjectBody(String body) {
    Reply reply = node.send("POST", "/users", body, null, Map.of());

    expect(reply, 422);
    JsonArray detail = Api.validationDetail(reply);
    assertThat(detail.getJsonObject(0).getJsonArray("loc")).isEqualTo(new JsonArray().add("body"));
  }

  @Test
  @DisplayName("A body over 64 KiB is a 413 with a JSON detail")
  void bodyTooLarge() {
    String body = new JsonObject().put("name", "x".repeat(70 * 1024)).put("email", Api.uniqueEmail("big")).encode();

    Reply reply = node.send("POST", "/users", body, null, Map.of());

    expect(reply, 413);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().getString("detail")).isNotBlank();
  }

  /**
   * The token of a fresh user is not in the web verticle's cache yet, so the request goes through
   * the asynchronous token lookup before the body limit is checked.
   */
  @Test
  @DisplayName("A body over 64 KiB with a fresh valid token is a 413 and starts nothing")
  void bodyTooLargeWithToken() {
    Account ada = Api.signUp(node);
    String body = new JsonObject().put("user_id", ada.id()).put("padding", "x".repeat(70 * 1024)).encode();

    Reply reply = node.send("POST", "/sessions/start", body, ada.token(), Map.of(), LOCAL_ANSWER);

    expect(reply, 413);
    assertThat(reply.json().getString("detail")).isNotBlank();
    assertThat(expect(node.get("/sessions/user/" + ada.id(), ada.token()), 200).array()).isEmpty();
  }

  @Test
  @DisplayName("A 10 MiB body with a fresh valid token is a 413, answered without waiting for the whole upload")
  void hugeBodyWithToken() {
    Account ada = Api.signUp(node);
    String body = new JsonObject().put("user_id", ada.id()).put("padding", "x".repeat(10 * 1024 * 1024)).encode();

    Reply reply = node.send("POST", "/sessions/start", body, ada.token(), Map.of(), LOCAL_ANSWER);

    expect(reply, 413);
    assertThat(reply.json().getString("detail")).isNotBlank();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"GET, /, 200", "GET, /health, 200", "GET, /users/me, 401", "GET, /nope, 404", "PUT, /users, 405",
      "POST, /users, 422"})
  @DisplayName("Every response carries a generated X-Request-Id")
  void requestIdIsGenerated(String method, String path, int status) {
    Reply reply = expect(node.send(method, path, method.equals("POST") ? "{}" : null, null, Map.of()), status);

    assertThat(reply.header("X-Request-Id")).isNotBlank();
  }

  @Test
  @DisplayName("Two requests get different X-Request-Ids")
  void requestIdsDiffer() {
    assertThat(node.get("/", null).header("X-Request-Id")).isNotEqualTo(node.get("/", null).header("X-Request-Id"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"GET, /, 200", "GET, /users/me, 401", "GET, /nope, 404", "POST, /users, 422"})
  @DisplayName("An X-Request-Id sent by the client is echoed")
  void requestIdIsEchoed(String method, String path, int status) {
    String id = "client-" + UUID.randomUUID();

    Reply reply = expect(node.send(method, path, method.equals("POST") ? "{}" : null, null,
        Map.of("X-Request-Id", id)), status);

    assertThat(reply.header("X-Request-Id")).isEqualTo(id);
  }

  @Test
  @DisplayName("GET / answers the original message")
  void root() {
    Reply reply = expect(node.get("/", null), 200);

    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json()).isEqualTo(new JsonObject().put("message", "HyperFocus API is running 🚀"));
  }

  @Test
  @DisplayName("GET /health answers 200 UP with a list of checks")
  void health() {
    Reply reply = expect(node.get("/health", null), 200);

    assertThat(reply.json().getString("status")).isEqualTo("UP");
    JsonArray checks = reply.json().getJsonArray("checks");
    assertThat(checks).isNotEmpty();
    checks.forEach(check -> assertThat(((JsonObject) check).getString("status")).isEqualTo("UP"));
  }

  @Test
  @DisplayName("Unknown JSON fields are ignored")
  void unknownFieldsAreIgnored() {
    String email = Api.uniqueEmail("extra");
    JsonObject body = new JsonObject().put("name", "Ada").put("email", email)
        .put("favourite_colour", "green").put("nested", new JsonObject().put("a", 1)).put("api_token", "mine");

    Reply reply = expect(node.post("/users", body, null), 201);

    assertThat(reply.json().getString("email")).isEqualTo(email);
    assertThat(reply.json().containsKey("favourite_colour")).isFalse();
    assertThat(reply.json().getString("api_token")).isNotEqualTo("mine");
    expect(node.get("/users/me", "mine"), 401);
  }

  @Test
  @DisplayName("A timestamp without offset is taken as UTC")
  void timestampWithoutOffsetIsUtc() {
    Account ada = Api.signUp(node, "Asia/Kolkata");
    Instant start = Api.now().minus(Duration.ofHours(3));
    String local = LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString();
    assertThat(local).doesNotEndWith("Z");

    Reply reply = expect(node.post("/sessions/start",
        new JsonObject().put("user_id", ada.id()).put("start_time", local), ada.token()), 201);

    assertThat(reply.json().getString("start_time")).isEqualTo(start.toString());
  }

  @Test
  @DisplayName("Numbers out of range in path and query are 422s, never 5xx")
  void outOfRangeNumbers() {
    Account ada = Api.signUp(node);

    expectInvalid(node.get("/sessions/99999999999999999999999", ada.token()), "path", "id");
    expectInvalid(node.get("/sessions/user/" + ada.id() + "?offset=99999999999999999999", ada.token()),
        "query", "offset");
    expectInvalid(node.get("/interruptions/session/-5", ada.token()), "path", "session_id");
  }

  /** A user A with an active session holding one interruption; what each trailing-slash call needs. */
  private record Fixture(Account a, long sessionId, long interruptionId) {
    static Fixture create() {
      Account a = Api.signUp(node);
      Instant start = Api.now().minus(Duration.ofHours(2));
      long sessionId = Api.startSession(node, a, start).getLong("id");
      long interruptionId = Api.logInterruption(node, a, sessionId,
          start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20))).getLong("id");
      return new Fixture(a, sessionId, interruptionId);
    }
  }

  /** Every endpoint kind, called with a trailing slash, and the success it must give. */
  enum Slashed {
    ROOT("GET", f -> "/", null, 200),
    HEALTH("GET", f -> "/health/", null, 200),
    SIGN_UP("POST", f -> "/users/", f -> new JsonObject().put("name", "Ada").put("email", Api.uniqueEmail("s")), 201),
    ME("GET", f -> "/users/me/", null, 200),
    GET_USER("GET", f -> "/users/" + f.a().id() + "/", null, 200),
    PATCH_USER("PATCH", f -> "/users/" + f.a().id() + "/", f -> new JsonObject().put("name", "Ada L."), 200),
    ROTATE_TOKEN("POST", f -> "/users/" + f.a().id() + "/token/", null, 201),
    START_SESSION("POST", f -> "/sessions/start/", f -> new JsonObject().put("user_id", f.a().id()), 400),
    END_SESSION("POST", f -> "/sessions/" + f.sessionId() + "/end/", null, 200),
    GET_SESSION("GET", f -> "/sessions/" + f.sessionId() + "/", null, 200),
    LIST_SESSIONS("GET", f -> "/sessions/user/" + f.a().id() + "/", null, 200),
    LOG_INTERRUPTION("POST", f -> "/interruptions/", f -> Api.interruption(f.sessionId(), f.a().id(),
        Api.now().minus(Duration.ofMinutes(30)), Api.now().minus(Duration.ofMinutes(20))), 201),
    LIST_INTERRUPTIONS("GET", f -> "/interruptions/session/" + f.sessionId() + "/", null, 200),
    DELETE_INTERRUPTION("DELETE", f -> "/interruptions/" + f.interruptionId() + "/", null, 204),
    DELETE_USER("DELETE", f -> "/users/" + f.a().id() + "/", null, 204);

    final String method;
    final Function<Fixture, String> path;
    final Function<Fixture, JsonObject> body;
    final int status;

    Slashed(String method, Function<Fixture, String> path, Function<Fixture, JsonObject> body, int status) {
      this.method = method;
      this.path = path;
      this.body = body;
      this.status = status;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Slashed.class)
  @DisplayName("Every endpoint works with a trailing slash")
  void trailingSlash(Slashed endpoint) {
    Fixture fixture = Fixture.create();

    Reply reply = node.send(endpoint.method, endpoint.path.apply(fixture),
        endpoint.body == null ? null : endpoint.body.apply(fixture).encode(), fixture.a().token(), Map.of());

    expect(reply, endpoint.status);
    if (endpoint == Slashed.START_SESSION) {
      // the fixture's session is active: reaching the handler proves the route matched
      assertThat(reply.json().getString("detail")).isEqualTo("User already has an active session");
    }
  }

  @Test
  @DisplayName("POST /sessions/start/ with a trailing slash starts a session")
  void startWithTrailingSlash() {
    Account ada = Api.signUp(node);

    Reply reply = expect(node.post("/sessions/start/", new JsonObject().put("user_id", ada.id()), ada.token()), 201);

    assertThat(reply.json().getLong("user_id")).isEqualTo(ada.id());
  }
}
