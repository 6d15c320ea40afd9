package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.runtime.Meters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /users/{user_id}/live}: the WebSocket hub of this web node. Per user with open
 * sockets it holds one consumer of {@code live.user.<id>}, so in a cluster an update reaches only
 * the nodes that need it, and fans each frame out (encoded once) to that user's sockets.
 */
final class LiveHub {
  static final String TICK_PARAM = "tick";
  static final int MAX_TICK_SECONDS = 3600;
  /** A socket whose client does not read this many bytes behind is closed (1008). */
  static final int WRITE_QUEUE_BYTES = 256 * 1024;
  private static final long PING_MS = 20_000;
  static final long WATCH_EVERY_MS = 15_000;
  private static final int WATCH_BATCH = 1_000;
  private static final long DEAD_NANOS = 3 * PING_MS * 1_000_000L;

  private record Channel(MessageConsumer<JsonObject> consumer, Set<LiveSocket> sockets) {}

  private final Vertx vertx;
  private final Bus bus;
  private final Meters meters;
  private final LiveRefresh refresh;
  private final Map<Long, Channel> channels = new HashMap<>();
  private MessageConsumer<JsonObject> revocations;
  private MessageConsumer<JsonObject> statsStarts;
  private long pingTimer;
  private long watchTimer;
  private long pushes;

  LiveHub(Vertx vertx, Bus bus) {
    this.vertx = vertx;
    this.bus = bus;
    this.meters = Meters.of(vertx);
    this.refresh = new LiveRefresh(vertx, bus);
  }

  Future<Void> start() {
    revocations = vertx.eventBus().consumer(Address.USERS_EVENTS, message -> {
      Change kind = Events.kind(message.body());
      if (kind == Change.TOKEN_REVOKED || kind == Change.USER_DELETED) {
        closeUser(message.body().getLong(Json.USER_ID), LiveSocket.POLICY_VIOLATION, "Token revoked");
      }
    });
    statsStarts = vertx.eventBus().consumer(Address.STATS_STARTED, message -> {
      // a restarted stats verticle watches nobody: renew at once, a refresh may fail for some users
      renewWatch();
      refresh.refresh(List.copyOf(channels.keySet()), this::fanOut);
    });
    pingTimer = vertx.setPeriodic(PING_MS, id -> pingOrDrop());
    watchTimer = vertx.setPeriodic(WATCH_EVERY_MS, id -> renewWatch());
    return Future.all(revocations.completion(), statsStarts.completion()).mapEmpty();
  }

  /** Closes every socket with 1001 (the node is going away). */
  Future<Void> stop() {
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(watchTimer);
    List<Long> users = new ArrayList<>(channels.keySet());
    users.forEach(userId -> closeUser(userId, LiveSocket.GOING_AWAY, "Server shutting down"));
    return revocations == null ? Future.succeededFuture()
        : Future.all(revocations.unregister(), statsStarts.unregister()).mapEmpty();
  }

  int sockets() {
    return channels.values().stream().mapToInt(channel -> channel.sockets().size()).sum();
  }

  long pushes() {
    return pushes;
  }

  /** Validates, checks the user (404 / 403 refuse the upgrade), then upgrades and sends the snapshot. */
  void upgrade(RoutingContext ctx) {
    JsonArray problems = new JsonArray();
    Long userId = Input.params("path", ctx::pathParam, problems).id(Json.USER_ID);
    Input query = Input.params("query", ctx.queryParams()::get, problems);
    Integer tick = query.bounded(TICK_PARAM, 1, MAX_TICK_SECONDS, 0);
    query.check();
    ctx.request().pause();
    LiveSocket socket = new LiveSocket(userId);
    JsonObject ask = new JsonObject().put(Json.USER_ID, userId).put(Json.ACTOR_ID, Auth.actor(ctx))
        .put(Live.REASON, Live.CONNECTED);
    join(socket)
        .compose(joined -> bus.request(Address.STATS_LIVE, ask))
        .compose(snapshot -> ctx.request().toWebSocket().map(ws -> {
          meters.websocketOpened();
          pushed(socket.attach(ws, LiveSocket.Frame.of(snapshot)));
          watch(socket, ws, tick);
          return ws;
        }))
        .onFailure(failure -> {
          leave(socket);
          if (!ctx.response().headWritten()) {
            ctx.request().resume();
            Responses.failure(ctx, failure);
          }
        });
  }

  private void watch(LiveSocket socket, ServerWebSocket ws, int tick) {
    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    ws.pongHandler(pong -> socket.seen());
    ws.textMessageHandler(text -> socket.seen());
    ws.closeHandler(closed -> leave(socket));
    ws.exceptionHandler(error -> socket.close(LiveSocket.POLICY_VIOLATION, "Connection error"));
    if (tick > 0) {
      socket.tickTimer(vertx.setPeriodic(tick * 1000L, id -> tick(socket)));
    }
  }

  private void tick(LiveSocket socket) {
    if (!socket.open() || !socket.sessionActive()) {
      return;
    }
    JsonObject ask = new JsonObject().put(Json.USER_ID, socket.userId()).put(Live.REASON, Live.TICK);
    bus.request(Address.STATS_LIVE, ask).onSuccess(frame -> {
      pushed(socket.push(LiveSocket.Frame.of(frame)) ? 1 : 0);
    });
  }

  /** Adds the socket to its user's channel, registering the user's consumer for the first one. */
  private Future<Void> join(LiveSocket socket) {
    Channel channel = channels.get(socket.userId());
    if (channel == null) {
      MessageConsumer<JsonObject> consumer = vertx.eventBus()
          .consumer(Address.liveUser(socket.userId()), message -> fanOut(socket.userId(), message.body()));
      channel = new Channel(consumer, new LinkedHashSet<>());
      channels.put(socket.userId(), channel);
    }
    channel.sockets().add(socket);
    return channel.consumer().completion();
  }

  private void leave(LiveSocket socket) {
    if (socket.tickTimer() >= 0) {
      vertx.cancelTimer(socket.tickTimer());
    }
    Channel channel = channels.get(socket.userId());
    if (channel == null || !channel.sockets().remove(socket)) {
      return;
    }
    if (socket.ws() != null) {
      meters.websocketClosed();
    }
    if (channel.sockets().isEmpty()) {
      channels.remove(socket.userId());
      channel.consumer().unregister();
    }
  }

  private void pushed(int frames) {
    pushes += frames;
    for (int i = 0; i < frames; i++) {
      meters.pushSent();
    }
  }

  private void fanOut(long userId, JsonObject update) {
    Channel channel = channels.get(userId);
    if (channel == null) {
      return;
    }
    LiveSocket.Frame frame = LiveSocket.Frame.of(update);
    for (LiveSocket socket : List.copyOf(channel.sockets())) {
      pushed(socket.push(frame) ? 1 : 0);
    }
  }

  private void closeUser(long userId, short code, String reason) {
    Channel channel = channels.get(userId);
    if (channel != null) {
      List.copyOf(channel.sockets()).forEach(socket -> {
        socket.close(code, reason);
        leave(socket);
      });
    }
  }

  /** Tells the stats verticle which users this node still holds sockets of (Address.STATS_LIVE_WATCH). */
  private void renewWatch() {
    List<Long> users = List.copyOf(channels.keySet());
    for (int from = 0; from < users.size(); from += WATCH_BATCH) {
      JsonArray ids = new JsonArray(users.subList(from, Math.min(users.size(), from + WATCH_BATCH)));
      vertx.eventBus().send(Address.STATS_LIVE_WATCH, new JsonObject().put(Json.USER_IDS, ids));
    }
  }

  private void pingOrDrop() {
    long now = System.nanoTime();
    for (Channel channel : List.copyOf(channels.values())) {
      for (LiveSocket socket : List.copyOf(channel.sockets())) {
        if (!socket.open()) {
          continue;
        }
        if (now - socket.lastSeenNanos() > DEAD_NANOS) {
          socket.close(LiveSocket.GOING_AWAY, "No answer to pings");
          leave(socket);
        } else {
          socket.ws().writePing(Buffer.buffer("hf"));
        }
      }
    }
  }
}
