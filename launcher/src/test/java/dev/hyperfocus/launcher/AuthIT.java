package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static dev.hyperfocus.launcher.Api.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Token mode: 401 for a missing or bad token, 403 on someone else's data, and the order of checks. */
class AuthIT {
  @AutoClose
  private static final TestNode node = TestNode.start();

  /** User A with an active session holding one interruption, and user B; fresh for every test. */
  private Fixture fixture;

  @BeforeEach
  void createUsers() {
    fixture = Fixture.create();
  }

  record Fixture(Account a, Account b, Instant sessionStart, long sessionId, long interruptionId) {
    static Fixture create() {
      Account a = Api.signUp(node);
      Account b = Api.signUp(node);
      Instant start = Api.now().minus(Duration.ofHours(2));
      long sessionId = Api.startSession(node, a, start).getLong("id");
      long interruptionId = Api.logInterruption(node, a, sessionId,
          start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20))).getLong("id");
      return new Fixture(a, b, start, sessionId, interruptionId);
    }

    /** A's data as A sees it, to prove that a refused request changed nothing. */
    List<String> snapshot() {
      return Stream.of("/users/" + a.id(), "/sessions/user/" + a.id(), "/interruptions/session/" + sessionId)
          .map(path -> expect(node.get(path, a.token()), 200).body())
          .toList();
    }

    /** A valid interruption of A's session. */
    JsonObject newInterruption() {
      return Api.interruption(sessionId, a.id(),
          sessionStart.plus(Duration.ofMinutes(30)), sessionStart.plus(Duration.ofMinutes(40)));
    }
  }

  /** Every endpoint that needs a token, aimed at user A's data. */
  enum Endpoint {
    ME("GET", f -> "/users/me", null),
    GET_USER("GET", f -> "/users/" + f.a().id(), null),
    PATCH_USER("PATCH", f -> "/users/" + f.a().id(), f -> new JsonObject().put("name", "Mallory")),
    DELETE_USER("DELETE", f -> "/users/" + f.a().id(), null),
    ROTATE_TOKEN("POST", f -> "/users/" + f.a().id() + "/token", null),
    START_SESSION("POST", f -> "/sessions/start", f -> new JsonObject().put("user_id", f.a().id())),
    END_SESSION("POST", f -> "/sessions/" + f.sessionId() + "/end", f -> new JsonObject()),
    GET_SESSION("GET", f -> "/sessions/" + f.sessionId(), null),
    LIST_SESSIONS("GET", f -> "/sessions/user/" + f.a().id(), null),
    LOG_INTERRUPTION("POST", f -> "/interruptions", Fixture::newInterruption),
    LIST_INTERRUPTIONS("GET", f -> "/interruptions/session/" + f.sessionId(), null),
    DELETE_INTERRUPTION("DELETE", f -> "/interruptions/" + f.interruptionId(), null),
    CALENDAR_TOKEN("POST", f -> "/users/" + f.a().id() + "/calendar-token", null),
    IMPORT("POST", f -> "/users/" + f.a().id() + "/import", f -> new JsonObject()
        .put("sessions", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", 1)
            .put("start_time", "2026-01-01T08:00:00Z").put("end_time", "2026-01-01T09:00:00Z").put("timezone", "UTC")))
        .put("interruptions", new io.vertx.core.json.JsonArray()));

    final String method;
    final Function<Fixture, String> path;
    final Function<Fixture, JsonObject> body;

    Endpoint(String method, Function<Fixture, String> path, Function<Fixture, JsonObject> body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }

    Reply call(Fixture f, Map<String, String> headers) {
      return node.send(method, path.apply(f), body == null ? null : body.apply(f).encode(), null, headers);
    }

    Reply call(Fixture f, String token) {
      return call(f, Map.of("Authorization", "Bearer " + token));
    }

    @Override
    public String toString() {
      return method + " " + path.apply(new Fixture(new Account(1, null, null), null, null, 2, 3))
          .replace("/1", "/{user}").replace("/2", "/{session}").replace("/3", "/{interruption}");
    }
  }

  /** Credentials that must all be refused with 401. */
  enum BadCredential {
    NONE(f -> null),
    BASIC(f -> "Basic xyz"),
    BEARER_ALONE(f -> "Bearer"),
    BEARER_EMPTY(f -> "Bearer "),
    UNKNOWN_TOKEN(f -> "Bearer hf_unknown_0123456789abcdefghijklmnopqrstuvwxyz"),
    VALID_TOKEN_WRONG_SCHEME(f -> "Token " + f.a().token());

    final Function<Fixture, String> header;

    BadCredential(Function<Fixture, String> header) {
      this.header = header;
    }

    Map<String, String> headers(Fixture f) {
      String value = header.apply(f);
      return value == null ? Map.of() : Map.of("Authorization", value);
    }
  }

  static Stream<Arguments> everyEndpointWithEveryBadCredential() {
    return Arrays.stream(Endpoint.values())
        .flatMap(endpoint -> Arrays.stream(BadCredential.values()).map(credential -> Arguments.of(endpoint, credential)));
  }

  private static void expectNotAuthenticated(Reply reply) {
    expectDetail(reply, 401, "Not authenticated");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyEndpointWithEveryBadCredential")
  @DisplayName("A missing, malformed or unknown token is a 401 with WWW-Authenticate: Bearer and changes nothing")
  void badCredentialIsUnauthorized(Endpoint endpoint, BadCredential credential) {
    List<String> before = fixture.snapshot();

    expectNotAuthenticated(endpoint.call(fixture, credential.headers(fixture)));

    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, names = "ME", mode = EnumSource.Mode.EXCLUDE)
  @DisplayName("Another user's valid token on A's data is a 403 Not enough permissions and changes nothing")
  void otherUsersTokenIsForbidden(Endpoint endpoint) {
    List<String> before = fixture.snapshot();

    expectDetail(endpoint.call(fixture, fixture.b().token()), 403, "Not enough permissions");

    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("User B cannot end user A's session: afterwards it is still active")
  void otherUserCannotEndSession() {
    expectDetail(Endpoint.END_SESSION.call(fixture, fixture.b().token()), 403, "Not enough permissions");

    JsonObject session = expect(node.get("/sessions/" + fixture.sessionId(), fixture.a().token()), 200).json();
    assertThat(session.getValue("end_time")).isNull();
    assertThat(expect(node.get("/sessions/user/" + fixture.b().id(), fixture.b().token()), 200).array()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, names = {"PATCH_USER", "START_SESSION", "END_SESSION", "LOG_INTERRUPTION"})
  @DisplayName("Without a token a malformed JSON body is a 401, not a 422")
  void unauthenticatedBeforeMalformedBody(Endpoint endpoint) {
    Reply reply = node.send(endpoint.method, endpoint.path.apply(fixture), "{\"user_id\": ", null, Map.of());

    expectNotAuthenticated(reply);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, names = {"PATCH_USER", "START_SESSION", "END_SESSION", "LOG_INTERRUPTION"})
  @DisplayName("Without a token a body of the wrong shape is a 401, not a 422")
  void unauthenticatedBeforeBodyShape(Endpoint endpoint) {
    Reply reply = node.send(endpoint.method, endpoint.path.apply(fixture),
        "{\"user_id\": \"abc\", \"name\": \"\", \"end_time\": \"never\"}", null, Map.of());

    expectNotAuthenticated(reply);
  }

  @Test
  @DisplayName("Without a token a body over 64 KiB is a 401, not a 413")
  void unauthenticatedBeforeBodyLimit() {
    String big = new JsonObject().put("user_id", fixture.a().id()).put("padding", "x".repeat(70 * 1024)).encode();

    expectNotAuthenticated(node.send("POST", "/sessions/start", big, null, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, names = {"PATCH_USER", "END_SESSION", "LOG_INTERRUPTION"})
  @DisplayName("With another user's token a body of the wrong shape is a 422, checked before ownership")
  void bodyShapeBeforeOwnership(Endpoint endpoint) {
    JsonObject body = endpoint.body.apply(fixture)
        .put("name", "  ").put("end_time", "never").put("type", "meeting");

    Reply reply = node.send(endpoint.method, endpoint.path.apply(fixture), body.encode(), fixture.b().token(), Map.of());

    expect(reply, 422);
    Api.validationDetail(reply);
  }

  /** Endpoints naming an id that does not exist, with the 404 each must give. */
  enum Unknown {
    GET_USER("GET", "/users/%d", null, "User not found"),
    PATCH_USER("PATCH", "/users/%d", "{\"name\": \"X\"}", "User not found"),
    DELETE_USER("DELETE", "/users/%d", null, "User not found"),
    ROTATE_TOKEN("POST", "/users/%d/token", null, "User not found"),
    START_SESSION("POST", "/sessions/start", "{\"user_id\": %d}", "User not found"),
    END_SESSION("POST", "/sessions/%d/end", null, "Session not found"),
    GET_SESSION("GET", "/sessions/%d", null, "Session not found"),
    LIST_SESSIONS("GET", "/sessions/user/%d", null, "User not found"),
    LOG_INTERRUPTION("POST", "/interruptions", null, "Session not found"),
    LIST_INTERRUPTIONS("GET", "/interruptions/session/%d", null, "Session not found"),
    DELETE_INTERRUPTION("DELETE", "/interruptions/%d", null, "Interruption not found");

    final String method;
    final String path;
    final String body;
    final String detail;

    Unknown(String method, String path, String body, String detail) {
      this.method = method;
      this.path = path;
      this.body = body;
      this.detail = detail;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Unknown.class)
  @DisplayName("An unknown id with a valid token is a 404 (404 before 403)")
  void unknownIdIsNotFound(Unknown endpoint) {
    long unknown = 900_000_000L + fixture.interruptionId();
    String body = endpoint.body == null ? null : String.format(endpoint.body, unknown);
    if (endpoint == Unknown.LOG_INTERRUPTION) {
      body = fixture.newInterruption().put("session_id", unknown).encode();
    }

    Reply reply = node.send(endpoint.method, String.format(endpoint.path, unknown), body, fixture.b().token(), Map.of());

    expectDetail(reply, 404, endpoint.detail);
  }

  @Test
  @DisplayName("Ending A's already ended session with B's token is a 403, not a 400")
  void forbiddenBeforeAlreadyEnded() {
    Api.endSession(node, fixture.a(), fixture.sessionId(), Api.now().minus(Duration.ofMinutes(5)));

    expectDetail(Endpoint.END_SESSION.call(fixture, fixture.b().token()), 403, "Not enough permissions");
  }

  @Test
  @DisplayName("Starting a session for A, who has an active one, with B's token is a 403, not a 400")
  void forbiddenBeforeActiveSession() {
    expectDetail(Endpoint.START_SESSION.call(fixture, fixture.b().token()), 403, "Not enough permissions");
  }

  @Test
  @DisplayName("Logging into A's session as B with user_id B is a 403, not the 400 user mismatch")
  void forbiddenBeforeUserMismatch() {
    JsonObject body = fixture.newInterruption().put("user_id", fixture.b().id());

    Reply reply = node.post("/interruptions", body, fixture.b().token());

    expectDetail(reply, 403, "Not enough permissions");
    assertThat(expect(node.get("/interruptions/session/" + fixture.sessionId(), fixture.a().token()), 200).array())
        .hasSize(1);
  }

  @Test
  @DisplayName("A user's own token may read and write its own data")
  void ownTokenWorks() {
    expect(Endpoint.GET_USER.call(fixture, fixture.a().token()), 200);
    expect(Endpoint.LOG_INTERRUPTION.call(fixture, fixture.a().token()), 201);
    expect(Endpoint.END_SESSION.call(fixture, fixture.a().token()), 200);
  }

  @Test
  @DisplayName("GET /, GET /health and POST /users need no token")
  void openEndpoints() {
    expect(node.get("/", null), 200);
    expect(node.get("/health", null), 200);
    expect(node.post("/users", new JsonObject().put("name", "New").put("email", Api.uniqueEmail("new")), null), 201);
  }

  @Test
  @DisplayName("A token in the access_token query parameter does not authenticate a plain HTTP request")
  void queryTokenIsNotAcceptedOverHttp() {
    expectNotAuthenticated(node.get("/users/me?access_token=" + fixture.a().token(), null));
  }

  @Test
  @DisplayName("A 422 for an invalid body with a valid token names the field")
  void validTokenThenValidation() {
    expectInvalid(node.post("/sessions/start", new JsonObject().put("user_id", "abc"), fixture.a().token()),
        "body", "user_id");
  }
}
