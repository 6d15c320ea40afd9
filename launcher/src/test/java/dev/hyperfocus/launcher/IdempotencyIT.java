package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST, as api.md section 2 says, on one node whose data directory outlives it. */
class IdempotencyIT {
  private static Path dir;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("hyperfocus-idempotency");
    node = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()));
  }

  @AfterAll
  static void stop() {
    node.close();
    TestNode.deleteTree(dir);
  }

  private record Account(long id, String token) {}

  private static Account signUp(String name) {
    JsonObject user = node.signUp(name, name.toLowerCase() + "@example.com", "Europe/Madrid");
    return new Account(user.getLong("id"), user.getString("api_token"));
  }

  private static TestNode.Reply post(TestNode on, String path, String body, Account account, String key) {
    return on.send("POST", path, body, account.token(), key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  private static String start(Account account, String when) {
    return new JsonObject().put("user_id", account.id()).put("start_time", when).encode();
  }

  @Test
  @DisplayName("A repeated POST with the same key is answered with the first response and runs once")
  void sequentialReplay() {
    Account ann = signUp("Ann");
    String body = start(ann, "2026-01-05T09:00:00Z");
    TestNode.Reply first = post(node, "/sessions/start", body, ann, "start-ann-1");
    TestNode.Reply again = post(node, "/sessions/start", body, ann, "start-ann-1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    String reordered = "{ \"start_time\" : \"2026-01-05T09:00:00Z\", \"user_id\": " + ann.id() + " }";
    assertThat(post(node, "/sessions/start/", reordered, ann, "start-ann-1").body())
        .as("bodies compare as JSON values; the trailing slash names the same path").isEqualTo(first.body());
    assertThat(node.get("/sessions/user/" + ann.id(), ann.token()).array()).hasSize(1);
  }

  @Test
  @DisplayName("A key reused with another body, path or method is a 422 and changes nothing")
  void reuseWithAnotherRequest() {
    Account ben = signUp("Ben");
    assertThat(post(node, "/sessions/start", start(ben, "2026-01-05T09:00:00Z"), ben, "ben-key").status()).isEqualTo(201);
    TestNode.Reply otherBody = post(node, "/sessions/start", start(ben, "2026-01-05T09:30:00Z"), ben, "ben-key");
    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.json().getString("detail")).isEqualTo("Idempotency-Key reused with a different request");
    long session = node.get("/sessions/user/" + ben.id(), ben.token()).array().getJsonObject(0).getLong("id");
    TestNode.Reply otherPath = post(node, "/sessions/" + session + "/end", null, ben, "ben-key");
    assertThat(otherPath.status()).isEqualTo(422);
    assertThat(node.get("/sessions/" + session, ben.token()).json().getValue("end_time")).isNull();
  }

  @Test
  @DisplayName("A key used on POST /sessions/start and reused on POST /interruptions is a 422 there and writes nothing; and the other way round")
  void keyReusedOnAnotherDomain() {
    Account hal = signUp("Hank");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TestNode.Reply started =
        post(node, "/sessions/start", start(hal, now.minus(Duration.ofHours(1)).toString()), hal, "hal-key");
    assertThat(started.status()).isEqualTo(201);
    long session = started.json().getLong("id");
    String call = new JsonObject().put("session_id", session).put("user_id", hal.id()).put("type", "phone")
        .put("description", "Call").put("start_time", now.minus(Duration.ofMinutes(30)).toString())
        .put("end_time", now.minus(Duration.ofMinutes(25)).toString()).encode();

    TestNode.Reply reused = post(node, "/interruptions", call, hal, "hal-key");
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().getString("detail")).isEqualTo("Idempotency-Key reused with a different request");
    assertThat(reused.header("Idempotent-Replayed")).isNull();
    assertThat(node.get("/interruptions/session/" + session, hal.token()).array()).as("nothing written").isEmpty();

    // a key first used on /interruptions is refused on /sessions/{id}/end, and the session stays open
    assertThat(post(node, "/interruptions", call, hal, "hal-call").status()).isEqualTo(201);
    TestNode.Reply ending = post(node, "/sessions/" + session + "/end", null, hal, "hal-call");
    assertThat(ending.status()).isEqualTo(422);
    assertThat(ending.json().getString("detail")).isEqualTo("Idempotency-Key reused with a different request");
    assertThat(node.get("/sessions/" + session, hal.token()).json().getValue("end_time")).isNull();
    assertThat(node.get("/interruptions/session/" + session, hal.token()).array()).hasSize(1);

    // keys stay per user: another user's same key still runs on /interruptions
    Account iris = signUp("Iris");
    long iriss = post(node, "/sessions/start", start(iris, now.minus(Duration.ofHours(1)).toString()), iris, null)
        .json().getLong("id");
    String irissCall = new JsonObject(call).put("session_id", iriss).put("user_id", iris.id()).encode();
    assertThat(post(node, "/interruptions", irissCall, iris, "hal-key").status()).isEqualTo(201);
  }

  @Test
  @DisplayName("Keys belong to their user: another user's same key runs as a new request")
  void keysAreScopedPerUser() {
    Account cat = signUp("Cat");
    Account dan = signUp("Dan");
    assertThat(post(node, "/sessions/start", start(cat, "2026-01-05T09:00:00Z"), cat, "shared").status()).isEqualTo(201);
    TestNode.Reply other = post(node, "/sessions/start", start(dan, "2026-01-05T09:00:00Z"), dan, "shared");
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.header("Idempotent-Replayed")).isNull();
  }

  @Test
  @DisplayName("A malformed key is a 422 and the request does not run")
  void malformedKeys() {
    Account eve = signUp("Eve");
    for (String key : List.of("has space", "x".repeat(256), "tab\there", "")) {
      TestNode.Reply reply = post(node, "/sessions/start", start(eve, "2026-01-05T09:00:00Z"), eve, key);
      assertThat(reply.status()).as(key).isEqualTo(422);
      assertThat(reply.json().getString("detail")).isEqualTo("Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    assertThat(post(node, "/sessions/start", start(eve, "2026-01-05T09:00:00Z"), eve, "x".repeat(255)).status())
        .isEqualTo(201);
    assertThat(node.get("/sessions/user/" + eve.id(), eve.token()).array()).hasSize(1);
  }

  @Test
  @DisplayName("A kept 4xx is replayed even after the cause went away")
  void errorsAreKeptToo() {
    Account fay = signUp("Fay");
    TestNode.Reply started = post(node, "/sessions/start", start(fay, "2026-01-05T09:00:00Z"), fay, null);
    String second = start(fay, "2026-01-05T10:00:00Z");
    TestNode.Reply refused = post(node, "/sessions/start", second, fay, "fay-second");
    assertThat(refused.status()).isEqualTo(400);
    post(node, "/sessions/" + started.json().getLong("id") + "/end", "{\"end_time\": \"2026-01-05T09:30:00Z\"}", fay, null);
    TestNode.Reply replayed = post(node, "/sessions/start", second, fay, "fay-second");
    assertThat(replayed.status()).isEqualTo(400);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(node.get("/sessions/user/" + fay.id(), fay.token()).array()).hasSize(1);
  }

  @Test
  @DisplayName("Six concurrent duplicates of an interruption log it once and all get its 201")
  void concurrentDuplicatesRunOnce() throws Exception {
    Account gus = signUp("Gus");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long session = post(node, "/sessions/start", start(gus, now.minus(Duration.ofHours(1)).toString()), gus, null)
        .json().getLong("id");
    String body = new JsonObject().put("session_id", session).put("user_id", gus.id()).put("type", "phone")
        .put("description", "Call").put("start_time", now.minus(Duration.ofMinutes(30)).toString())
        .put("end_time", now.minus(Duration.ofMinutes(25)).toString()).encode();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/interruptions"))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + gus.token())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "gus-phone-call")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, 6)
        .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .toList();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<HttpResponse<String>> replies = sent.stream().map(CompletableFuture::join).toList();
    assertThat(replies).allSatisfy(reply -> assertThat(reply.statusCode()).isEqualTo(201));
    assertThat(replies.stream().map(HttpResponse::body).distinct()).hasSize(1);
    assertThat(replies.stream().filter(reply -> reply.headers().firstValue("Idempotent-Replayed").isEmpty()))
        .hasSize(1);
    assertThat(node.get("/interruptions/session/" + session, gus.token()).array()).hasSize(1);
  }

  @Test
  @DisplayName("Sign-up and token rotation ignore the key: their responses hold a secret that is never kept")
  void secretResponsesIgnoreTheKey() {
    Account hal = signUp("Hal");
    TestNode.Reply one = post(node, "/users/" + hal.id() + "/token", null, hal, "rotate");
    TestNode.Reply two = node.send("POST", "/users/" + hal.id() + "/token", null, one.json().getString("api_token"),
        Map.of("Idempotency-Key", "rotate"));
    assertThat(two.status()).isEqualTo(201);
    assertThat(two.json().getString("api_token")).isNotEqualTo(one.json().getString("api_token"));
    TestNode.Reply signUp = node.send("POST", "/users", "{\"name\": \"Ida\", \"email\": \"ida@example.com\"}", null,
        Map.of("Idempotency-Key", "signup"));
    TestNode.Reply another = node.send("POST", "/users", "{\"name\": \"Ivy\", \"email\": \"ivy@example.com\"}", null,
        Map.of("Idempotency-Key", "signup"));
    assertThat(signUp.status()).isEqualTo(201);
    assertThat(another.status()).isEqualTo(201);
    assertThat(another.header("Idempotent-Replayed")).isNull();
  }

  @Test
  @DisplayName("Kept responses survive a restart of the node")
  void replaysSurviveRestart() throws Exception {
    Path own = Files.createTempDirectory("hyperfocus-idempotency-restart");
    try {
      Account joe;
      String body;
      TestNode.Reply first;
      try (TestNode before = TestNode.start(Map.of(Setting.DATA_DIR, own.toString()))) {
        JsonObject user = before.signUp("Joe", "joe@example.com", null);
        joe = new Account(user.getLong("id"), user.getString("api_token"));
        body = start(joe, "2026-01-05T09:00:00Z");
        first = post(before, "/sessions/start", body, joe, "joe-restart");
        assertThat(first.status()).isEqualTo(201);
        before.stopOnly();
      }
      try (TestNode after = TestNode.start(Map.of(Setting.DATA_DIR, own.toString()))) {
        TestNode.Reply replayed = post(after, "/sessions/start", body, joe, "joe-restart");
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
      }
    } finally {
      TestNode.deleteTree(own);
    }
  }
}
