package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static dev.hyperfocus.launcher.Api.expectDetail;
import static dev.hyperfocus.launcher.Api.expectInvalid;
import static dev.hyperfocus.launcher.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /users}: sign-up, profile, update, deletion and token rotation, in both auth modes. */
class UsersApiIT {
  @AutoClose
  private static final TestNode node = TestNode.start();
  @AutoClose
  private static final TestNode open = TestNode.start(Map.of(Setting.AUTH, "none"));

  private static JsonObject user(String name, String email) {
    return new JsonObject().put("name", name).put("email", email);
  }

  @Test
  @DisplayName("Signing up answers 201 with the user and a one-time api_token")
  void signUpReturnsUserAndToken() {
    String email = uniqueEmail("victor");
    Instant before = Instant.now().minusSeconds(1);

    Reply reply = expect(node.post("/users", user("Victor", email).put("timezone", "Europe/Madrid"), null), 201);

    JsonObject body = reply.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "name", "email", "timezone", "created_at", "api_token");
    assertThat(body.getLong("id")).isPositive();
    assertThat(body.getString("name")).isEqualTo("Victor");
    assertThat(body.getString("email")).isEqualTo(email);
    assertThat(body.getString("timezone")).isEqualTo("Europe/Madrid");
    assertThat(body.getString("created_at")).endsWith("Z");
    assertThat(Instant.parse(body.getString("created_at"))).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(body.getString("api_token")).isNotBlank();
  }

  @Test
  @DisplayName("Signing up without a timezone gives the user UTC")
  void timezoneDefaultsToUtc() {
    Reply reply = expect(node.post("/users", user("Victor", uniqueEmail("utc")), null), 201);

    assertThat(reply.json().getString("timezone")).isEqualTo("UTC");
  }

  @Test
  @DisplayName("Signing up works with a trailing slash, as the original POST /users/")
  void signUpWithTrailingSlash() {
    Reply reply = expect(node.post("/users/", user("Victor", uniqueEmail("slash")), null), 201);

    assertThat(reply.json().getString("name")).isEqualTo("Victor");
  }

  @Test
  @DisplayName("Signing up in open mode answers 201 without an api_token")
  void signUpInOpenModeHasNoToken() {
    Reply reply = expect(open.post("/users", user("Victor", uniqueEmail("open")), null), 201);

    assertThat(reply.json().fieldNames()).containsExactlyInAnyOrder("id", "name", "email", "timezone", "created_at");
  }

  @Test
  @DisplayName("The email is trimmed and stored as given")
  void emailIsTrimmedAndKeepsItsCase() {
    String email = "Mixed.Case-" + uniqueEmail("x");

    Reply reply = expect(node.post("/users", user("Victor", "  " + email + " "), null), 201);

    assertThat(reply.json().getString("email")).isEqualTo(email);
  }

  @Test
  @DisplayName("A name that is blank after trimming is a 422 on body.name")
  void blankNameIsRefused() {
    Reply reply = node.post("/users", user("   \t ", uniqueEmail("blank")), null);

    expectInvalid(reply, "body", "name");
  }

  @Test
  @DisplayName("A name of only no-break and ideographic spaces is blank after trimming: a 422 on body.name")
  void unicodeBlankNameIsRefused() {
    Reply reply = node.post("/users", user("\u00a0\u3000\u00a0", uniqueEmail("nbsp")), null);

    expectInvalid(reply, "body", "name");
  }

  @Test
  @DisplayName("A name of 101 code points is a 422 on body.name")
  void nameOf101CodePointsIsRefused() {
    Reply reply = node.post("/users", user("a".repeat(101), uniqueEmail("long")), null);

    expectInvalid(reply, "body", "name");
  }

  @Test
  @DisplayName("A name of 100 emoji (100 code points, 200 UTF-16 units) is accepted")
  void nameOf100EmojiIsAccepted() {
    String name = "🚀".repeat(100);

    Reply reply = expect(node.post("/users", user(name, uniqueEmail("emoji")), null), 201);

    assertThat(reply.json().getString("name")).isEqualTo(name);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"not-an-email", "a@", "@example.com", "a b@example.com", "a@@example.com", "user@localhost"})
  @DisplayName("An invalid email is a 422 on body.email")
  void invalidEmailIsRefused(String email) {
    Reply reply = node.post("/users", user("Victor", email), null);

    expectInvalid(reply, "body", "email");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"Mars/Olympus_Mons", "+05:30", "GMT+1", "UTC+1", "europe/madrid", ""})
  @DisplayName("An unknown timezone or a raw offset is a 422 on body.timezone")
  void unknownTimezoneIsRefused(String timezone) {
    Reply reply = node.post("/users", user("Victor", uniqueEmail("tz")).put("timezone", timezone), null);

    expectInvalid(reply, "body", "timezone");
  }

  @Test
  @DisplayName("An IANA name with a fixed offset such as Etc/GMT+1 is accepted")
  void etcZoneIsAccepted() {
    Reply reply = expect(node.post("/users", user("Victor", uniqueEmail("etc")).put("timezone", "Etc/GMT+1"), null), 201);

    assertThat(reply.json().getString("timezone")).isEqualTo("Etc/GMT+1");
  }

  @Test
  @DisplayName("Missing name and email give one 422 naming both fields")
  void missingFieldsAreListed() {
    Reply reply = node.post("/users", new JsonObject(), null);

    assertThat(expectInvalid(reply, "body", "name").getString("type")).isEqualTo("missing");
    assertThat(expectInvalid(reply, "body", "email").getString("type")).isEqualTo("missing");
  }

  @Test
  @DisplayName("A name that is not a string is a 422 on body.name")
  void nonStringNameIsRefused() {
    Reply reply = node.post("/users", new JsonObject().put("name", 42).put("email", uniqueEmail("num")), null);

    expectInvalid(reply, "body", "name");
  }

  @Test
  @DisplayName("Signing up with a registered email is a 400 Email already registered")
  void duplicateEmailIsRefused() {
    String email = uniqueEmail("dup");
    expect(node.post("/users", user("First", email), null), 201);

    expectDetail(node.post("/users", user("Second", email), null), 400, "Email already registered");
  }

  @Test
  @DisplayName("Emails compare case-insensitively: a differently cased duplicate is a 400")
  void duplicateEmailIgnoresCase() {
    String email = uniqueEmail("case");
    expect(node.post("/users", user("First", email), null), 201);

    expectDetail(node.post("/users", user("Second", " " + email.toUpperCase() + " "), null),
        400, "Email already registered");
  }

  @Test
  @DisplayName("Two concurrent sign-ups with one email give exactly one 201")
  void concurrentDuplicateSignUps() throws Exception {
    String email = uniqueEmail("race");
    List<Callable<Reply>> signUps = List.of(
        () -> node.post("/users", user("First", email), null),
        () -> node.post("/users", user("Second", email.toUpperCase()), null));

    List<Reply> replies = Api.concurrently(signUps);

    assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
    assertThat(replies).filteredOn(reply -> reply.status() != 201).singleElement()
        .satisfies(reply -> expectDetail(reply, 400, "Email already registered"));
  }

  @Test
  @DisplayName("GET /users/me returns the token's user without a token field")
  void meReturnsTheTokensUser() {
    Account ada = Api.signUp(node, "Asia/Kolkata");

    Reply reply = expect(node.get("/users/me", ada.token()), 200);

    JsonObject expected = ada.body().copy();
    expected.remove("api_token");
    assertThat(reply.json()).isEqualTo(expected);
  }

  @Test
  @DisplayName("GET /users/me without a token is a 401")
  void meWithoutTokenIsUnauthorized() {
    expectDetail(node.get("/users/me", null), 401, "Not authenticated");
  }

  @Test
  @DisplayName("GET /users/me in open mode is a 404, as there is no token user")
  void meInOpenModeIsNotFound() {
    expectDetail(open.get("/users/me", null), 404, "User not found");
  }

  @Test
  @DisplayName("GET /users/{id} returns the user without api_token")
  void getReturnsUserWithoutToken() {
    Account ada = Api.signUp(node);

    Reply reply = expect(node.get("/users/" + ada.id(), ada.token()), 200);

    JsonObject body = reply.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "name", "email", "timezone", "created_at");
    assertThat(body.getLong("id")).isEqualTo(ada.id());
    assertThat(body.getString("email")).isEqualTo(ada.body().getString("email"));
    assertThat(body.getString("created_at")).isEqualTo(ada.body().getString("created_at"));
  }

  @Test
  @DisplayName("GET /users/{id} of an unknown user is a 404 User not found")
  void getUnknownUserIsNotFound() {
    Account ada = Api.signUp(node);

    expectDetail(node.get("/users/" + (ada.id() + 100_000), ada.token()), 404, "User not found");
  }

  @Test
  @DisplayName("GET /users/{id} in open mode needs no token")
  void getInOpenMode() {
    Account ada = Api.signUp(open);

    Reply reply = expect(open.get("/users/" + ada.id(), null), 200);

    assertThat(reply.json()).isEqualTo(ada.body());
  }

  @ParameterizedTest(name = "/users/{0}")
  @ValueSource(strings = {"abc", "0", "-1", "9223372036854775808"})
  @DisplayName("A user id that is not a positive 64-bit integer is a 422 on path.id")
  void badPathIdIsRefused(String id) {
    Account ada = Api.signUp(node);

    expectInvalid(node.get("/users/" + id, ada.token()), "path", "id");
  }

  @Test
  @DisplayName("PATCH changes name and timezone, and GET shows the change")
  void patchChangesNameAndTimezone() {
    Account ada = Api.signUp(node);

    Reply reply = expect(node.patch("/users/" + ada.id(),
        new JsonObject().put("name", "Ada L.").put("timezone", "America/New_York"), ada.token()), 200);

    JsonObject expected = ada.body().copy().put("name", "Ada L.").put("timezone", "America/New_York");
    expected.remove("api_token");
    assertThat(reply.json()).isEqualTo(expected);
    assertThat(expect(node.get("/users/" + ada.id(), ada.token()), 200).json()).isEqualTo(expected);
  }

  @Test
  @DisplayName("PATCH with only a name leaves the timezone as it was")
  void patchOnlyName() {
    Account ada = Api.signUp(node, "Asia/Tokyo");

    Reply reply = expect(node.patch("/users/" + ada.id(), new JsonObject().put("name", "Countess"), ada.token()), 200);

    assertThat(reply.json().getString("name")).isEqualTo("Countess");
    assertThat(reply.json().getString("timezone")).isEqualTo("Asia/Tokyo");
  }

  @Test
  @DisplayName("PATCH of an unknown user is a 404 User not found")
  void patchUnknownUser() {
    Account ada = Api.signUp(node);

    expectDetail(node.patch("/users/" + (ada.id() + 100_000), new JsonObject().put("name", "X"), ada.token()),
        404, "User not found");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"name\": \"  \"}", "{\"timezone\": \"+05:30\"}", "{\"timezone\": \"GMT+1\"}",
      "{\"name\": 7}"})
  @DisplayName("PATCH with a blank name or an invalid timezone is a 422 and changes nothing")
  void patchInvalid(String body) {
    Account ada = Api.signUp(node, "Europe/Madrid");
    String field = new JsonObject(body).fieldNames().iterator().next();

    expectInvalid(node.send("PATCH", "/users/" + ada.id(), body, ada.token(), Map.of()), "body", field);

    JsonObject after = expect(node.get("/users/" + ada.id(), ada.token()), 200).json();
    assertThat(after.getString("name")).isEqualTo("Ada");
    assertThat(after.getString("timezone")).isEqualTo("Europe/Madrid");
  }

  @Test
  @DisplayName("DELETE answers 204, after which the user is a 404")
  void deleteThenNotFound() {
    Account ada = Api.signUp(node);
    Account other = Api.signUp(node);

    Reply reply = expect(node.delete("/users/" + ada.id(), ada.token()), 204);

    assertThat(reply.body()).isEmpty();
    expectDetail(node.get("/users/" + ada.id(), other.token()), 404, "User not found");
  }

  @Test
  @DisplayName("A deleted user's token is refused at once with 401")
  void deletedUsersTokenIsRefused() {
    Account ada = Api.signUp(node);
    expect(node.get("/users/me", ada.token()), 200);

    expect(node.delete("/users/" + ada.id(), ada.token()), 204);

    expectDetail(node.get("/users/me", ada.token()), 401, "Not authenticated");
  }

  @Test
  @DisplayName("DELETE removes the user's sessions and interruptions (open mode)")
  void deleteRemovesSessionsAndInterruptions() {
    Account ada = Api.signUp(open);
    Instant now = Api.now();
    JsonObject ended = Api.pastSession(open, ada, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)));
    JsonObject logged = Api.logInterruption(open, ada, ended.getLong("id"),
        now.minus(Duration.ofMinutes(170)), now.minus(Duration.ofMinutes(160)));
    JsonObject active = Api.startSession(open, ada, now.minus(Duration.ofHours(1)));

    expect(open.delete("/users/" + ada.id(), null), 204);

    expectDetail(open.get("/sessions/" + ended.getLong("id"), null), 404, "Session not found");
    expectDetail(open.get("/sessions/" + active.getLong("id"), null), 404, "Session not found");
    expectDetail(open.get("/interruptions/session/" + ended.getLong("id"), null), 404, "Session not found");
    expectDetail(open.delete("/interruptions/" + logged.getLong("id"), null), 404, "Interruption not found");
    expectDetail(open.get("/sessions/user/" + ada.id(), null), 404, "User not found");
  }

  @Test
  @DisplayName("DELETE removes the user's sessions: another user's token then gets 404, not 403")
  void deleteRemovesSessionsInTokenMode() {
    Account ada = Api.signUp(node);
    Account other = Api.signUp(node);
    JsonObject session = Api.startSession(node, ada, Api.now().minus(Duration.ofHours(1)));
    expectDetail(node.get("/sessions/" + session.getLong("id"), other.token()), 403, "Not enough permissions");

    expect(node.delete("/users/" + ada.id(), ada.token()), 204);

    expectDetail(node.get("/sessions/" + session.getLong("id"), other.token()), 404, "Session not found");
  }

  @Test
  @DisplayName("DELETE of an unknown user is a 404 User not found")
  void deleteUnknownUser() {
    Account ada = Api.signUp(node);

    expectDetail(node.delete("/users/" + (ada.id() + 100_000), ada.token()), 404, "User not found");
  }

  @Test
  @DisplayName("A deleted user's email can be registered again")
  void emailIsFreeAfterDeletion() {
    Account ada = Api.signUp(node);
    expect(node.delete("/users/" + ada.id(), ada.token()), 204);

    expect(node.post("/users", user("Ada again", ada.body().getString("email")), null), 201);
  }

  @Test
  @DisplayName("Rotating the token answers 201 with only a new api_token")
  void rotateTokenReturnsNewToken() {
    Account ada = Api.signUp(node);

    Reply reply = expect(node.post("/users/" + ada.id() + "/token", null, ada.token()), 201);

    assertThat(reply.json().fieldNames()).containsExactly("api_token");
    assertThat(reply.json().getString("api_token")).isNotBlank().isNotEqualTo(ada.token());
  }

  @Test
  @DisplayName("After rotation the old token gets 401 at once and the new one works")
  void rotatedTokenRevokesTheOldOne() {
    Account ada = Api.signUp(node);
    expect(node.get("/users/me", ada.token()), 200);

    String fresh = expect(node.post("/users/" + ada.id() + "/token", null, ada.token()), 201)
        .json().getString("api_token");

    Reply old = node.get("/users/me", ada.token());
    expectDetail(old, 401, "Not authenticated");
    assertThat(old.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(expect(node.get("/users/me", fresh), 200).json().getLong("id")).isEqualTo(ada.id());
  }

  @Test
  @DisplayName("Rotating the token of an unknown user is a 404 User not found")
  void rotateUnknownUser() {
    Account ada = Api.signUp(node);

    expectDetail(node.post("/users/" + (ada.id() + 100_000) + "/token", null, ada.token()), 404, "User not found");
  }
}
