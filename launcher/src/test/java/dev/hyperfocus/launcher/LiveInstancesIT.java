package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node with two web verticle instances ({@code HYPERFOCUS_WEB_INSTANCES=2}): each holds the
 * connections Vert.x hands it in turn, so consecutive connections (every request and socket here
 * opens its own) alternate between the two event loops. What a client sees must not depend on
 * which one it reached: one request budget per token, every live socket of a user updated once per
 * change, one socket cap per user.
 */
class LiveInstancesIT {
  private static final int PER_SECOND = 1;
  private static final int BURST = 2 * PER_SECOND;
  private static final int CAP = 4;
  private static final Duration WAIT = Duration.ofSeconds(20);
  @AutoClose
  private static final TestNode node = TestNode.start(Map.of(Setting.WEB_INSTANCES, "2",
      Setting.LIVE_MAX_SOCKETS, String.valueOf(CAP)));
  @AutoClose
  private static final TestNode limited = TestNode.start(Map.of(Setting.WEB_INSTANCES, "2",
      Setting.RATE_LIMIT, String.valueOf(PER_SECOND)));

  private static LiveClient connect(Api.Account account) throws Exception {
    return LiveClient.connect(node.port(), "/users/" + account.id() + "/live", account.token());
  }

  /** One request on a connection of its own, so that successive requests reach both instances. */
  private static String aloneOnItsConnection(TestNode on, String path, String token) {
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Authorization: Bearer " + token + "\r\n\r\n";
    try (RawHttp raw = new RawHttp(on.port(), WAIT)) {
      return raw.send(request).readUntilClosed();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("With two web instances a token still has one budget: its burst, then 429, whichever instance answers")
  void oneBudgetAcrossInstances() {
    String token = limited.signUp("Ada", "ada-instances@example.com", null).getString("api_token");
    List<Integer> statuses = new ArrayList<>();
    long started = System.nanoTime();
    while (statuses.isEmpty() || statuses.get(statuses.size() - 1) != 429) {
      statuses.add(RawHttp.status(aloneOnItsConnection(limited, "/users/me", token)));
      assertThat(statuses).as("no 429 after many requests").hasSizeLessThan(1000);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int allowed = statuses.size() - 1;
    // each instance with a budget of its own would let through twice the burst
    assertThat(allowed).as("requests let through in %.2f s: %s", seconds, statuses)
        .isBetween(BURST, BURST + (int) Math.floor(PER_SECOND * seconds));
    assertThat(statuses.subList(0, allowed)).containsOnly(200);
  }

  @Test
  @DisplayName("With two web instances every socket of the user gets each change exactly once, other users' sockets none")
  void everySocketOnceAcrossInstances() throws Exception {
    Api.Account ada = Api.signUp(node);
    Api.Account bob = Api.signUp(node);
    List<LiveClient> adas = new ArrayList<>();
    List<LiveClient> bobs = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        adas.add(connect(ada));
        bobs.add(connect(bob));
      }
      long seq = -1;
      for (LiveClient live : adas) {
        seq = live.next().getLong("seq");
      }
      bobs.forEach(live -> {
        try {
          live.next();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      JsonObject session = Api.startSession(node, ada, Instant.now().minus(Duration.ofMinutes(30)));
      Api.logInterruption(node, ada, session.getLong("id"), Instant.now().minus(Duration.ofMinutes(20)),
          Instant.now().minus(Duration.ofMinutes(19)));
      for (LiveClient live : adas) {
        JsonObject started = live.next();
        JsonObject logged = live.next();
        assertThat(started.getString("reason")).isEqualTo("session_started");
        assertThat(started.getLong("seq")).isEqualTo(seq + 1);
        assertThat(logged.getString("reason")).as("the next frame, not a second copy of the first")
            .isEqualTo("interruption_logged");
        assertThat(logged.getLong("seq")).isEqualTo(seq + 2);
      }
      Api.startSession(node, bob, null);
      for (LiveClient live : bobs) {
        JsonObject next = live.next();
        assertThat(next.getLong("user_id")).as("nothing of ada's before bob's own change").isEqualTo(bob.id());
        assertThat(next.getString("reason")).isEqualTo("session_started");
      }
    } finally {
      adas.forEach(LiveClient::close);
      bobs.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("With two web instances the socket cap is the node's: sequential and concurrent upgrades past it get 429")
  void oneCapAcrossInstances() throws Exception {
    Api.Account ada = Api.signUp(node);
    List<LiveClient> open = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < CAP; i++) {
        open.add(connect(ada));
        open.get(i).next();
      }
      // two more tries, one on each instance
      assertThat(List.of(refusal(ada), refusal(ada))).containsOnly(429);
      open.remove(0).close();
      Await.until("a slot freed by the closed socket", WAIT, () -> {
        try {
          open.add(connect(ada));
          return true;
        } catch (Exception e) {
          return false;
        }
      }, () -> "still refused");
      open.forEach(LiveClient::close);
      open.clear();

      Api.Account bob = Api.signUp(node);
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          try {
            return connect(bob);
          } catch (ExecutionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
          }
        }));
      }
      List<Object> refused = new ArrayList<>();
      for (Future<Object> result : results) {
        Object outcome = result.get();
        if (outcome instanceof LiveClient client) {
          open.add(client);
        } else {
          refused.add(outcome);
        }
      }
      assertThat(open).as("refused: %s", refused).hasSize(CAP);
      assertThat(refused).containsOnly(429);
    } finally {
      open.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("With two web instances ticks still cost one ask per period on the node, and every socket gets the same frames")
  void ticksOncePerNode() throws Exception {
    Api.Account ada = Api.signUp(node);
    Api.startSession(node, ada, Api.now().minus(Duration.ofMinutes(5)));
    java.util.concurrent.atomic.AtomicInteger asks = new java.util.concurrent.atomic.AtomicInteger();
    io.vertx.core.eventbus.EventBus bus = node.node().vertx().eventBus();
    io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> spy = delivery -> {
      if (delivery.message().address().equals(dev.hyperfocus.api.Address.STATS_LIVE)
          && delivery.message().body() instanceof JsonObject body
          && "tick".equals(body.getString("reason")) && body.getLong("user_id") == ada.id()) {
        asks.incrementAndGet();
      }
      delivery.next();
    };
    bus.addOutboundInterceptor(spy);
    List<LiveClient> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        sockets.add(LiveClient.connect(node.port(), "/users/" + ada.id() + "/live?tick=1", ada.token()));
        sockets.get(i).next();
      }
      asks.set(0);
      long from = System.nanoTime();
      int ticks = 6;
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < ticks; i++) {
        JsonObject tick = sockets.get(0).next();
        assertThat(tick.getString("reason")).isEqualTo("tick");
        seen.add(tick.getString("as_of"));
      }
      double periods = (System.nanoTime() - from) / 1e9;
      // one ask per period on the node (one may straddle the reset of the count, one be a period
      // ahead); an ask per instance would also send each socket a frame per instance and period,
      // so the ticks would come faster than the periods pass
      assertThat(asks.get()).as("asks in %.1f periods", periods)
          .isGreaterThanOrEqualTo(ticks - 1).isLessThanOrEqualTo((int) Math.floor(periods) + 2);
      for (LiveClient other : sockets.subList(1, CAP)) {
        List<String> theirs = new ArrayList<>();
        while (!theirs.contains(seen.get(ticks - 1)) && theirs.size() < 2 * ticks + 2) {
          theirs.add(other.next().getString("as_of"));
        }
        assertThat(theirs).as("the same computed frames on every socket, whichever instance holds it")
            .containsAll(seen);
      }
    } finally {
      bus.removeOutboundInterceptor(spy);
      sockets.forEach(LiveClient::close);
    }
  }

  private static int refusal(Api.Account account) {
    try {
      connect(account).close();
      throw new AssertionError("the upgrade was accepted");
    } catch (ExecutionException e) {
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
