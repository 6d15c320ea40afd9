package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.api.Address;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /users/{id}/live} with real WebSocket clients against a real node. */
class LiveIT {
  private static final AtomicInteger USERS = new AtomicInteger();
  /** For what only polling can see; generous, since a wait that succeeds ends at once. */
  private static final Duration WAIT = Duration.ofSeconds(20);
  @AutoClose
  private static final TestNode node = TestNode.start();

  private record Account(long id, String token) {}

  private static Account signUp() {
    JsonObject user = node.signUp("Live " + USERS.incrementAndGet(), "live" + USERS.get() + "@example.com", "Europe/Berlin");
    return new Account(user.getLong("id"), user.getString("api_token"));
  }

  private static LiveClient connect(Account account, String query) throws Exception {
    return LiveClient.connect(node.port(), "/users/" + account.id() + "/live" + query, account.token());
  }

  private static JsonObject startSession(Account account, Instant start) {
    TestNode.Reply reply = node.post("/sessions/start",
        new JsonObject().put("user_id", account.id()).put("start_time", start.toString()), account.token());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  @Test
  @DisplayName("The first frame is a snapshot of the whole state")
  void snapshotFirst() throws Exception {
    Account ada = signUp();
    try (LiveClient live = connect(ada, "")) {
      JsonObject snapshot = live.next();
      assertThat(snapshot.getString("type")).isEqualTo("snapshot");
      assertThat(snapshot.getString("reason")).isEqualTo("connected");
      assertThat(snapshot.getLong("user_id")).isEqualTo(ada.id());
      assertThat(snapshot.getString("epoch")).isNotBlank();
      assertThat(snapshot.getLong("seq")).isNotNull();
      assertThat(snapshot.getValue("active_session")).isNull();
      assertThat(snapshot.getValue("current_focus_seconds")).isNull();
      assertThat(snapshot.getJsonObject("today").getInteger("range_days")).isEqualTo(1);
      assertThat(snapshot.getJsonObject("today").getLong("total_sessions")).isZero();
      assertThat(Instant.parse(snapshot.getString("as_of"))).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  @DisplayName("Every committed change is pushed as an update with seq one higher, in the same epoch")
  void updatesFollowChanges() throws Exception {
    Account ada = signUp();
    try (LiveClient live = connect(ada, "")) {
      JsonObject snapshot = live.next();
      long seq = snapshot.getLong("seq");
      String epoch = snapshot.getString("epoch");

      JsonObject session = startSession(ada, Instant.now().minus(Duration.ofMinutes(30)));
      JsonObject started = live.next();
      assertThat(started.getString("type")).isEqualTo("update");
      assertThat(started.getString("reason")).isEqualTo("session_started");
      assertThat(started.getLong("seq")).isEqualTo(seq + 1);
      assertThat(started.getString("epoch")).isEqualTo(epoch);
      assertThat(started.getJsonObject("active_session").getLong("id")).isEqualTo(session.getLong("id"));
      assertThat(started.getLong("current_focus_seconds")).isBetween(1799L, 1900L);
      assertThat(started.getJsonObject("today").getLong("total_sessions")).isEqualTo(1);

      JsonObject interruption = new JsonObject().put("session_id", session.getLong("id")).put("user_id", ada.id())
          .put("type", "phone").put("description", "call")
          .put("start_time", Instant.now().minus(Duration.ofMinutes(10)).toString())
          .put("end_time", Instant.now().minus(Duration.ofMinutes(5)).toString());
      TestNode.Reply logged = node.post("/interruptions", interruption, ada.token());
      assertThat(logged.status()).isEqualTo(201);
      JsonObject afterLog = live.next();
      assertThat(afterLog.getString("reason")).isEqualTo("interruption_logged");
      assertThat(afterLog.getLong("seq")).isEqualTo(seq + 2);
      assertThat(afterLog.getJsonObject("today").getLong("total_interruptions")).isEqualTo(1);
      assertThat(afterLog.getLong("current_focus_seconds")).isBetween(299L, 400L);

      assertThat(node.delete("/interruptions/" + logged.json().getLong("id"), ada.token()).status()).isEqualTo(204);
      JsonObject afterDelete = live.next();
      assertThat(afterDelete.getString("reason")).isEqualTo("interruption_deleted");
      assertThat(afterDelete.getLong("seq")).isEqualTo(seq + 3);
      assertThat(afterDelete.getJsonObject("today").getLong("total_interruptions")).isZero();

      assertThat(node.post("/sessions/" + session.getLong("id") + "/end", null, ada.token()).status()).isEqualTo(200);
      JsonObject ended = live.next();
      assertThat(ended.getString("reason")).isEqualTo("session_ended");
      assertThat(ended.getLong("seq")).isEqualTo(seq + 4);
      assertThat(ended.getValue("active_session")).isNull();
      assertThat(ended.getValue("current_focus_seconds")).isNull();
      assertThat(ended.getString("epoch")).isEqualTo(epoch);
    }
  }

  @Test
  @DisplayName("Another user's socket receives nothing of someone else's changes")
  void otherUsersReceiveNothing() throws Exception {
    Account ada = signUp();
    Account bob = signUp();
    try (LiveClient bobs = connect(bob, "")) {
      bobs.next();
      JsonObject session = startSession(ada, Instant.now().minus(Duration.ofMinutes(5)));
      node.post("/sessions/" + session.getLong("id") + "/end", null, ada.token());
      JsonObject bobsSession = startSession(bob, Instant.now().minus(Duration.ofMinutes(1)));
      JsonObject next = bobs.next();
      assertThat(next.getLong("user_id")).isEqualTo(bob.id());
      assertThat(next.getString("reason")).isEqualTo("session_started");
      // a second change of bob's own as a barrier instead of a timed wait for silence: a frame of
      // ada's that reached bob's socket late would come before this one
      assertThat(node.post("/sessions/" + bobsSession.getLong("id") + "/end", null, bob.token()).status()).isEqualTo(200);
      JsonObject last = bobs.next();
      assertThat(last.getLong("user_id")).isEqualTo(bob.id());
      assertThat(last.getString("reason")).isEqualTo("session_ended");
    }
  }

  @Test
  @DisplayName("The token may be passed as the access_token query parameter")
  void tokenInQuery() throws Exception {
    Account ada = signUp();
    try (LiveClient live = LiveClient.connect(node.port(), "/users/" + ada.id() + "/live?access_token=" + ada.token(), null)) {
      assertThat(live.next().getString("type")).isEqualTo("snapshot");
    }
  }

  @Test
  @DisplayName("Missing, unknown and other users' tokens, unknown users and a bad tick refuse the upgrade")
  void refusedUpgrades() {
    Account ada = signUp();
    Account bob = signUp();
    assertRefused(() -> LiveClient.connect(node.port(), "/users/" + ada.id() + "/live", null), 401);
    assertRefused(() -> LiveClient.connect(node.port(), "/users/" + ada.id() + "/live", "hf_unknown"), 401);
    assertRefused(() -> LiveClient.connect(node.port(), "/users/" + ada.id() + "/live", bob.token()), 403);
    assertRefused(() -> LiveClient.connect(node.port(), "/users/999999/live", ada.token()), 404);
    assertRefused(() -> LiveClient.connect(node.port(), "/users/" + ada.id() + "/live?tick=0", ada.token()), 422);
    assertRefused(() -> LiveClient.connect(node.port(), "/users/" + ada.id() + "/live?tick=3601", ada.token()), 422);
  }

  @Test
  @DisplayName("Another user's live upgrade is refused at the edge: no stats ask, no load, no subscription")
  void foreignUpgradeTouchesNothing() throws Exception {
    Account ada = signUp();
    Account bob = signUp();
    List<JsonObject> asked = new CopyOnWriteArrayList<>();
    EventBus bus = node.node().vertx().eventBus();
    Handler<DeliveryContext<Object>> spy = delivery -> {
      if (delivery.message().address().equals(Address.STATS_LIVE) && delivery.message().body() instanceof JsonObject body) {
        asked.add(body);
      }
      delivery.next();
    };
    bus.addOutboundInterceptor(spy);
    try {
      int loaded = Api.loadedUsers(node);
      assertRefused(() -> LiveClient.connect(node.port(), "/users/" + bob.id() + "/live", ada.token()), 403);
      assertRefused(() -> LiveClient.connect(node.port(), "/users/" + bob.id() + "/live?tick=5", ada.token()), 403);
      assertRefused(() -> LiveClient.connect(node.port(), "/users/999999/live", ada.token()), 404);
      assertThat(asked).as("the stats verticle was asked nothing (the web node joined no channel for bob)").isEmpty();
      assertThat(Api.loadedUsers(node)).as("bob's history was not read").isEqualTo(loaded);
    } finally {
      bus.removeOutboundInterceptor(spy);
    }
  }

  private interface Connect {
    LiveClient connect() throws Exception;
  }

  private static void assertRefused(Connect connect, int status) {
    assertThatThrownBy(connect::connect)
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(status));
  }

  @Test
  @DisplayName("With tick=1 an active session brings a tick update every second, repeating the seq")
  void ticks() throws Exception {
    Account ada = signUp();
    startSession(ada, Instant.now().minus(Duration.ofMinutes(2)));
    try (LiveClient live = connect(ada, "?tick=1")) {
      JsonObject snapshot = live.next();
      JsonObject tick = live.next();
      assertThat(tick.getString("type")).isEqualTo("update");
      assertThat(tick.getString("reason")).isEqualTo("tick");
      assertThat(tick.getLong("seq")).isEqualTo(snapshot.getLong("seq"));
      assertThat(tick.getLong("current_focus_seconds")).isGreaterThanOrEqualTo(snapshot.getLong("current_focus_seconds"));
    }
  }

  @Test
  @DisplayName("Rotating the token closes the user's open sockets with 1008")
  void revokedTokenClosesSockets() throws Exception {
    Account ada = signUp();
    try (LiveClient live = connect(ada, "")) {
      live.next();
      assertThat(node.post("/users/" + ada.id() + "/token", null, ada.token()).status()).isEqualTo(201);
      assertThat(live.closeCode()).isEqualTo(1008);
    }
  }

  @Test
  @DisplayName("Live state is published only for watched users: a socket or a web node's watch list starts it")
  void publishedOnlyWhileWatched() throws Exception {
    Account ada = signUp();
    Account bob = signUp();
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    EventBus bus = node.node().vertx().eventBus();
    List<MessageConsumer<JsonObject>> spies = List.of(
        bus.consumer(Address.liveUser(ada.id()), message -> published.add(message.body())),
        bus.consumer(Address.liveUser(bob.id()), message -> published.add(message.body())));
    try {
      for (MessageConsumer<JsonObject> spy : spies) {
        spy.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      startSession(ada, Instant.now().minus(Duration.ofMinutes(30)));
      startSession(bob, Instant.now().minus(Duration.ofMinutes(30)));
      Await.until("the stats verticle to count both new sessions", WAIT,
          () -> sessionsToday(ada) == 1 && sessionsToday(bob) == 1,
          () -> "ada " + sessionsToday(ada) + " and bob " + sessionsToday(bob) + " sessions today");
      // a frame published anyway would also show up in the exact count asserted below
      assertThat(published).as("nobody watches ada or bob yet").isEmpty();

      try (LiveClient live = connect(ada, "")) {
        live.next();
        bus.send(Address.STATS_LIVE_WATCH, new JsonObject().put("user_ids", new JsonArray().add(bob.id())));
        node.post("/sessions/" + liveSession(ada) + "/end", new JsonObject(), ada.token());
        node.post("/sessions/" + liveSession(bob) + "/end", new JsonObject(), bob.token());

        assertThat(live.next().getString("reason")).isEqualTo("session_ended");
        Await.until("one live frame for each of ada and bob", WAIT, () -> published.size() >= 2, () -> published);
        assertThat(published).extracting(frame -> frame.getLong("user_id")).containsExactlyInAnyOrder(ada.id(), bob.id());
      }
      assertThat(node.get("/metrics", null).body()).contains("address=\"live.user.*\"");
    } finally {
      spies.forEach(MessageConsumer::unregister);
    }
  }

  private static long sessionsToday(Account account) {
    return node.get("/users/" + account.id() + "/stats/summary?range=1d", account.token()).json()
        .getLong("total_sessions");
  }

  private static long liveSession(Account account) {
    return node.get("/sessions/user/" + account.id(), account.token()).array().getJsonObject(0).getLong("id");
  }

  @Test
  @DisplayName("A client that stops reading is disconnected with 1008 while the server's heap stays flat")
  void slowReaderIsDisconnected() throws Exception {
    Account ada = signUp();
    String padding = "x".repeat(64 * 1024);
    long heapBefore = usedHeapAfterGc();
    try (LiveClient stuck = LiveClient.connect(node.port(), "/users/" + ada.id() + "/live", ada.token(), false)) {
      stuck.next();
      for (int i = 1; i <= 800; i++) {
        JsonObject frame = new JsonObject().put("type", "update").put("user_id", ada.id()).put("epoch", "load")
            .put("seq", i).put("reason", "session_started").put("active_session", null).put("padding", padding);
        node.node().vertx().eventBus().publish(Address.liveUser(ada.id()), frame);
      }
      long heapAfter = usedHeapAfterGc();
      stuck.readAll();
      assertThat(stuck.closeCode()).isEqualTo(1008);
      assertThat(heapAfter - heapBefore).as("50 MiB were pushed at a client that reads nothing")
          .isLessThan(16L * 1024 * 1024);
    }
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
