package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Client-side steps and assertions shared by the end-to-end tests of the REST API. */
final class Api {
  private Api() {}

  /** A signed-up user: its id, its token (null in open mode) and the 201 body. */
  record Account(long id, String token, JsonObject body) {}

  /** An email no other test uses. */
  static String uniqueEmail(String tag) {
    return tag + "-" + UUID.randomUUID() + "@example.com";
  }

  /** Now, truncated to whole seconds, as the base of relative times. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** How many users' aggregates the stats verticle holds in memory, as {@code GET /health} reports it. */
  static int loadedUsers(TestNode node) {
    JsonObject health = expect(node.get("/health", null), 200).json();
    return loadedUsers(health.getJsonArray("checks"));
  }

  private static int loadedUsers(JsonArray checks) {
    for (int i = 0; i < checks.size(); i++) {
      JsonObject check = checks.getJsonObject(i);
      if ("stats".equals(check.getString("id"))) {
        return check.getJsonObject("data").getInteger("loaded_users");
      }
      if (check.containsKey("checks")) {
        int nested = loadedUsers(check.getJsonArray("checks"));
        if (nested >= 0) {
          return nested;
        }
      }
    }
    return -1;
  }

  static Account signUp(TestNode node) {
    return signUp(node, "UTC");
  }

  static Account signUp(TestNode node, String timezone) {
    JsonObject body = node.signUp("Ada", uniqueEmail("user"), timezone);
    return new Account(body.getLong("id"), body.getString("api_token"), body);
  }

  /** Starts a session (at {@code start}, or now when null) and returns its 201 body. */
  static JsonObject startSession(TestNode node, Account account, Instant start) {
    JsonObject body = new JsonObject().put("user_id", account.id());
    if (start != null) {
      body.put("start_time", start.toString());
    }
    return expect(node.post("/sessions/start", body, account.token()), 201).json();
  }

  /** Ends a session at {@code end} and returns its 200 body. */
  static JsonObject endSession(TestNode node, Account account, long sessionId, Instant end) {
    JsonObject body = new JsonObject().put("end_time", end.toString());
    return expect(node.post("/sessions/" + sessionId + "/end", body, account.token()), 200).json();
  }

  /** A finished session {@code [start, end)} of this account. */
  static JsonObject pastSession(TestNode node, Account account, Instant start, Instant end) {
    JsonObject session = startSession(node, account, start);
    return endSession(node, account, session.getLong("id"), end);
  }

  static JsonObject interruption(long sessionId, long userId, Instant start, Instant end) {
    return new JsonObject()
        .put("session_id", sessionId)
        .put("user_id", userId)
        .put("type", "phone")
        .put("description", "WhatsApp messages")
        .put("start_time", start.toString())
        .put("end_time", end.toString());
  }

  /** Logs a phone interruption of this account's session and returns its 201 body. */
  static JsonObject logInterruption(TestNode node, Account account, long sessionId, Instant start, Instant end) {
    return expect(node.post("/interruptions", interruption(sessionId, account.id(), start, end), account.token()), 201)
        .json();
  }

  /** Asserts the status, showing the whole response when it differs. */
  static Reply expect(Reply reply, int status) {
    assertThat(reply.status()).as("response %s", reply).isEqualTo(status);
    return reply;
  }

  /** Asserts a {@code {"detail": "<message>"}} error. */
  static void expectDetail(Reply reply, int status, String detail) {
    expect(reply, status);
    assertThat(reply.json()).as("body of %s", reply).isEqualTo(new JsonObject().put("detail", detail));
  }

  /**
   * Asserts a 422 in the FastAPI shape with an entry whose {@code loc} is {@code [part, field]},
   * and returns that entry.
   */
  static JsonObject expectInvalid(Reply reply, String part, String field) {
    expect(reply, 422);
    JsonArray detail = validationDetail(reply);
    JsonArray loc = new JsonArray().add(part).add(field);
    JsonObject entry = entries(detail).stream()
        .filter(item -> loc.equals(item.getJsonArray("loc")))
        .findFirst()
        .orElse(null);
    assertThat(entry).as("an entry with loc %s in %s", loc, reply).isNotNull();
    return entry;
  }

  /** Asserts a domain-rule 422: one entry on {@code ["body", field]}, type value_error, this msg. */
  static void expectRule(Reply reply, String field, String msg) {
    JsonObject entry = expectInvalid(reply, "body", field);
    assertThat(entry.getString("msg")).isEqualTo(msg);
    assertThat(entry.getString("type")).isEqualTo("value_error");
  }

  /** The FastAPI {@code detail} list, each entry with {@code loc}, {@code msg} and {@code type}. */
  static JsonArray validationDetail(Reply reply) {
    assertThat(reply.detail()).as("detail of %s", reply).isInstanceOf(JsonArray.class);
    JsonArray detail = (JsonArray) reply.detail();
    assertThat(detail).as("detail of %s", reply).isNotEmpty();
    for (JsonObject entry : entries(detail)) {
      assertThat(entry.fieldNames()).as("entry %s", entry).containsExactlyInAnyOrder("loc", "msg", "type");
      assertThat(entry.getJsonArray("loc")).as("loc of %s", entry).isNotEmpty();
      assertThat(entry.getJsonArray("loc").getString(0)).isIn("body", "query", "path");
      assertThat(entry.getString("msg")).isNotBlank();
      assertThat(entry.getString("type")).isNotBlank();
    }
    return detail;
  }

  private static List<JsonObject> entries(JsonArray detail) {
    return detail.stream().map(JsonObject.class::cast).toList();
  }

  /**
   * Sends the requests at once, each from its own thread released by one latch, and returns the
   * replies in the order of the requests.
   */
  static List<Reply> concurrently(List<Callable<Reply>> requests) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> pending = new ArrayList<>();
      for (Callable<Reply> request : requests) {
        pending.add(threads.submit(() -> {
          go.await();
          return request.call();
        }));
      }
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> reply : pending) {
        replies.add(reply.get(30, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      threads.shutdownNow();
    }
  }

  /** The ids of a JSON array of objects, in order. */
  static List<Long> ids(JsonArray items) {
    return items.stream().map(JsonObject.class::cast).map(item -> item.getLong("id")).toList();
  }

  /** The node's {@code hyperfocus_websockets_connected} gauge, from {@code /metrics}. */
  static double websocketsConnected(TestNode node) {
    String name = "hyperfocus_websockets_connected ";
    return java.util.Arrays.stream(node.get("/metrics", null).body().split("\n"))
        .filter(line -> line.startsWith(name))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length()).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no websockets gauge in /metrics"));
  }
}
