package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand generated malformed requests (see {@link MalformedRequests}) against one
 * running node: each gets a 4xx with a JSON {@code detail}, no user's data changes, and the node
 * stays healthy.
 */
@Tag("slow")
class MalformedRequestsIT {
  private static final long SEED = 20261125L;
  private static final int RANDOM_CASES = 500;

  @Test
  @DisplayName("Every malformed request gets a 4xx with a JSON detail and changes no data")
  void malformedRequestsAreRefusedHarmlessly() {
    try (TestNode node = TestNode.start()) {
      MalformedRequests.Target target = seed(node);
      JsonObject before = snapshot(node, target);
      List<MalformedRequests.Case> cases = MalformedRequests.all(target, SEED, RANDOM_CASES);
      assertThat(cases).hasSizeGreaterThanOrEqualTo(1000);
      System.out.println("MalformedRequestsIT: sending " + cases.size() + " malformed requests");

      SoftAssertions softly = new SoftAssertions();
      List<String> failures = new ArrayList<>();
      for (MalformedRequests.Case c : cases) {
        String what = c.method() + " " + abbreviate(c.path()) + " [" + c.label() + "]";
        TestNode.Reply reply;
        try {
          reply = acceptedByJdkClient(c.path())
              ? node.send(c.method(), c.path(), c.body(), c.token(), c.headers())
              : raw(node.port(), c);
        } catch (RuntimeException e) {
          failures.add(what + ": connection failed: " + e);
          continue;
        }
        softly.assertThat(reply.status()).as(what + " -> " + abbreviate(reply.body())).isBetween(400, 499);
        softly.assertThat(hasJsonDetail(reply)).as(what + " has a JSON detail: " + abbreviate(reply.body())).isTrue();
      }
      softly.assertThat(failures).as("dropped connections").isEmpty();
      softly.assertAll();

      assertThat(snapshot(node, target)).isEqualTo(before);
      TestNode.Reply health = node.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().getString("status")).isEqualTo("UP");
    }
  }

  /** Alice: an ended session and an active one, with interruptions; Bob: an ended session with one. */
  private static MalformedRequests.Target seed(TestNode node) {
    JsonObject alice = node.signUp("Alice", "alice@example.com", "Europe/Madrid");
    JsonObject bob = node.signUp("Bob", "bob@example.com", "UTC");
    String aliceToken = alice.getString("api_token");
    String bobToken = bob.getString("api_token");
    long aliceEnded = session(node, alice, "2025-11-01T09:00:00Z", "2025-11-01T11:00:00Z");
    interruption(node, alice, aliceEnded, "phone", "2025-11-01T09:30:00Z", "2025-11-01T09:35:00Z");
    interruption(node, alice, aliceEnded, "family", "2025-11-01T10:00:00Z", "2025-11-01T10:20:00Z");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long aliceActive = session(node, alice, now.minus(Duration.ofHours(2)).toString(), null);
    interruption(node, alice, aliceActive, "self", now.minus(Duration.ofMinutes(90)).toString(),
        now.minus(Duration.ofMinutes(80)).toString());
    long bobEnded = session(node, bob, "2025-12-01T09:00:00Z", "2025-12-01T10:00:00Z");
    long bobInterruption = interruption(node, bob, bobEnded, "noise", "2025-12-01T09:10:00Z", "2025-12-01T09:20:00Z");
    return new MalformedRequests.Target(alice.getLong("id"), aliceToken, aliceActive, bob.getLong("id"), bobToken,
        bobEnded, bobInterruption);
  }

  private static long session(TestNode node, JsonObject user, String start, String end) {
    TestNode.Reply started = node.post("/sessions/start",
        new JsonObject().put("user_id", user.getLong("id")).put("start_time", start), user.getString("api_token"));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    long id = started.json().getLong("id");
    if (end != null) {
      assertThat(node.post("/sessions/" + id + "/end", new JsonObject().put("end_time", end),
          user.getString("api_token")).status()).isEqualTo(200);
    }
    return id;
  }

  private static long interruption(TestNode node, JsonObject user, long session, String type, String start, String end) {
    TestNode.Reply logged = node.post("/interruptions", new JsonObject().put("session_id", session)
        .put("user_id", user.getLong("id")).put("type", type).put("description", "seed " + type)
        .put("start_time", start).put("end_time", end), user.getString("api_token"));
    assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
    return logged.json().getLong("id");
  }

  /** Everything the API shows of each user, plus proof that no user or session was added. */
  private static JsonObject snapshot(TestNode node, MalformedRequests.Target t) {
    JsonObject all = new JsonObject();
    long lastSession = 0;
    for (Object[] user : new Object[][] {{t.alice(), t.aliceToken()}, {t.bob(), t.bobToken()}}) {
      long id = (Long) user[0];
      String token = (String) user[1];
      JsonArray sessions = node.get("/sessions/user/" + id, token).array();
      JsonArray interruptions = new JsonArray();
      for (int i = 0; i < sessions.size(); i++) {
        long session = sessions.getJsonObject(i).getLong("id");
        lastSession = Math.max(lastSession, session);
        interruptions.add(node.get("/interruptions/session/" + session, token).array());
      }
      JsonObject summary = node.get("/users/" + id + "/stats/summary?range=all", token).json();
      all.put("user " + id, new JsonObject()
          .put("user", node.get("/users/" + id, token).json())
          .put("sessions", sessions)
          .put("interruptions", interruptions)
          .put("types", withoutNow(node.get("/users/" + id + "/stats/interruption-types?range=all", token).json()))
          .put("peak", withoutNow(node.get("/users/" + id + "/stats/peak-distraction-time?range=all", token).json()))
          .put("counts", new JsonObject().put("sessions", summary.getValue("total_sessions"))
              .put("interruptions", summary.getValue("total_interruptions"))));
    }
    all.put("next user", node.get("/users/" + (Math.max(t.alice(), t.bob()) + 1), t.aliceToken()).status());
    all.put("next session", node.get("/sessions/" + (lastSession + 1), t.aliceToken()).status());
    return all;
  }

  /** A statistics body without {@code to}, which is the moment of the request. */
  private static JsonObject withoutNow(JsonObject stats) {
    stats.remove("to");
    return stats;
  }

  private static boolean acceptedByJdkClient(String path) {
    try {
      URI.create("http://127.0.0.1" + path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A request the JDK client refuses to send (an invalid escape in the path), spoken by hand. */
  private static TestNode.Reply raw(int port, MalformedRequests.Case c) {
    byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(c.method() + " " + c.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\nContent-Length: " + body.length + "\r\n");
    if (c.token() != null) {
      request.append("Authorization: Bearer ").append(c.token()).append("\r\n");
    }
    if (c.body() != null) {
      request.append("Content-Type: application/json\r\n");
    }
    c.headers().forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    try (RawHttp http = new RawHttp(port, Duration.ofSeconds(20))) {
      String response = http.send(request.append("\r\n").append(c.body() == null ? "" : c.body()).toString())
          .readUntilClosed();
      return new TestNode.Reply(RawHttp.status(response), HttpHeaders.of(Map.of(), (name, value) -> true),
          RawHttp.body(response));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasJsonDetail(TestNode.Reply reply) {
    try {
      return reply.json().getValue("detail") != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + ")";
  }
}
