package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Setting;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What keeps live sockets cheap and private: the per-user cap, the Origin check, shared ticks. */
class LiveLimitsIT {
  private static final int CAP = 2;
  private static final String PARTNER = "https://app.example.test";
  private static final Duration WAIT = Duration.ofSeconds(20);
  @AutoClose
  private static final TestNode node = TestNode.start(Map.of(
      Setting.LIVE_MAX_SOCKETS, String.valueOf(CAP), Setting.CORS_ORIGINS, PARTNER));

  private static String live(Api.Account account) {
    return "/users/" + account.id() + "/live";
  }

  private static LiveClient connect(Api.Account account, String query, Map<String, String> headers) throws Exception {
    return LiveClient.connect(node.port(), live(account) + query, account.token(), true, headers);
  }

  private static int refusal(Callable<LiveClient> connect) {
    try {
      connect.call().close();
      throw new AssertionError("the upgrade was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A refused upgrade spoken by hand, for the status line, headers and body the JDK client hides. */
  private static String rawUpgrade(Api.Account account, String origin) throws IOException {
    String request = "GET " + live(account) + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + node.port() + "\r\n"
        + "Authorization: Bearer " + account.token() + "\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        read.write(b);
        String text = read.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          int length = contentLength(text.substring(0, end));
          if (text.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length) {
            return text;
          }
        }
      }
      return read.toString(StandardCharsets.UTF_8);
    }
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return 0;
  }

  @Test
  @DisplayName("One user holds at most HYPERFOCUS_LIVE_MAX_SOCKETS sockets on a node: the next gets 429, a closed one frees a slot")
  void socketCap() throws Exception {
    Api.Account ada = Api.signUp(node);
    Api.Account bob = Api.signUp(node);
    List<LiveClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        open.add(connect(ada, "", Map.of()));
        open.get(i).next();
      }
      assertThat(refusal(() -> connect(ada, "", Map.of()))).isEqualTo(429);
      String refused = rawUpgrade(ada, null);
      assertThat(RawHttp.status(refused)).isEqualTo(429);
      assertThat(refused).containsIgnoringCase("\r\nRetry-After: 10\r\n");
      assertThat(new JsonObject(RawHttp.body(refused))).isEqualTo(new JsonObject().put("detail", "Too Many Requests"));
      try (LiveClient bobs = connect(bob, "", Map.of())) {
        assertThat(bobs.next().getString("type")).as("another user's sockets are not counted").isEqualTo("snapshot");
      }
      open.remove(0).close();
      long deadline = System.nanoTime() + WAIT.toNanos();
      LiveClient again = null;
      while (again == null) {
        try {
          again = connect(ada, "", Map.of());
        } catch (ExecutionException e) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("no slot freed after a socket closed", e);
          }
          Thread.sleep(50);
        }
      }
      open.add(again);
      assertThat(again.next().getString("type")).isEqualTo("snapshot");
    } finally {
      open.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("Concurrent upgrades cannot pass the cap: the slot is taken before the snapshot is asked")
  void concurrentUpgradesRespectTheCap() throws Exception {
    Api.Account ada = Api.signUp(node);
    int tries = 8;
    ExecutorService pool = Executors.newFixedThreadPool(tries);
    List<LiveClient> opened = new ArrayList<>();
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < tries; i++) {
        results.add(pool.submit(() -> {
          try {
            return connect(ada, "", Map.of());
          } catch (ExecutionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
          }
        }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> result : results) {
        Object outcome = result.get();
        if (outcome instanceof LiveClient client) {
          opened.add(client);
          outcomes.add("open");
        } else {
          outcomes.add(outcome);
        }
      }
      assertThat(opened).as(outcomes.toString()).hasSize(CAP);
      assertThat(outcomes).filteredOn(outcome -> !"open".equals(outcome)).containsOnly(429);
    } finally {
      opened.forEach(LiveClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("A browser page of another site is refused with 403 before the upgrade; own and configured origins pass")
  void originCheck() throws Exception {
    Api.Account ada = Api.signUp(node);
    String own = "http://127.0.0.1:" + node.port();
    for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:" + (node.port() + 1),
        "http://localhost:" + node.port(), PARTNER + ":444", "http://app.example.test")) {
      assertThat(refusal(() -> connect(ada, "", Map.of("Origin", origin)))).as(origin).isEqualTo(403);
    }
    String refused = rawUpgrade(ada, "http://evil.example");
    assertThat(RawHttp.status(refused)).isEqualTo(403);
    assertThat(new JsonObject(RawHttp.body(refused))).isEqualTo(new JsonObject().put("detail", "Origin not allowed"));
    // a foreign page gets the 403 even with no token: nothing about the user is looked at
    assertThat(refusal(() -> LiveClient.connect(node.port(), live(ada), null, true, Map.of("Origin", "http://evil.example"))))
        .isEqualTo(403);
    for (String origin : List.of(own, "https://127.0.0.1:" + node.port(), PARTNER)) {
      try (LiveClient client = connect(ada, "", Map.of("Origin", origin))) {
        assertThat(client.next().getString("type")).as(origin).isEqualTo("snapshot");
      }
    }
    try (LiveClient noOrigin = connect(ada, "", Map.of())) {
      assertThat(noOrigin.next().getString("type")).as("not a browser: no Origin").isEqualTo("snapshot");
    }
  }

  @Test
  @DisplayName("Ticks are computed once per user and period, not once per socket")
  void ticksSharedBetweenSockets() throws Exception {
    Api.Account ada = Api.signUp(node);
    Api.startSession(node, ada, Api.now().minus(Duration.ofMinutes(5)));
    AtomicInteger asks = new AtomicInteger();
    EventBus bus = node.node().vertx().eventBus();
    Handler<DeliveryContext<Object>> spy = delivery -> {
      if (delivery.message().address().equals(Address.STATS_LIVE)
          && delivery.message().body() instanceof JsonObject body
          && "tick".equals(body.getString("reason")) && body.getLong("user_id") == ada.id()) {
        asks.incrementAndGet();
      }
      delivery.next();
    };
    bus.addOutboundInterceptor(spy);
    try (LiveClient first = connect(ada, "?tick=1", Map.of()); LiveClient second = connect(ada, "?tick=1", Map.of())) {
      first.next();
      second.next();
      asks.set(0);
      int ticks = 4;
      List<String> seconds = new ArrayList<>();
      for (int i = 0; i < ticks; i++) {
        JsonObject tick = second.next();
        assertThat(tick.getString("reason")).isEqualTo("tick");
        seconds.add(tick.getString("as_of"));
      }
      // one ask per period for both sockets; one per socket would be about twice the ticks
      assertThat(asks.get()).isBetween(ticks, ticks + 1);
      List<String> firsts = new ArrayList<>();
      while (!firsts.contains(seconds.get(ticks - 1)) && firsts.size() < 2 * ticks + 2) {
        firsts.add(first.next().getString("as_of"));
      }
      assertThat(firsts).as("both sockets get the same computed frames").containsAll(seconds);
    } finally {
      bus.removeOutboundInterceptor(spy);
    }
  }
}
