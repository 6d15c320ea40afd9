package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.edge.RequestDeadlines;
import dev.hyperfocus.web.input.Input;
import dev.hyperfocus.web.rest.Bus;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /users/{user_id}/live}: the WebSocket hub of this web node. It upgrades a request
 * into a socket with its snapshot; {@link LiveChannels} holds the sockets and fans frames out,
 * {@link Liveness} pings them and renews the stats verticle's watches, {@link LiveRefresh} sends
 * fresh snapshots after the stats verticle (re)started.
 */
public final class LiveHub {
  static final String TICK_PARAM = "tick";
  static final int MAX_TICK_SECONDS = 3600;
  /** A socket whose client does not read this many bytes behind is closed (1008). */
  static final int WRITE_QUEUE_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final Bus bus;
  private final Meters meters;
  private final LiveChannels channels;
  private final Liveness liveness;
  private final LiveRefresh refresh;
  private MessageConsumer<JsonObject> revocations;
  private MessageConsumer<JsonObject> statsStarts;

  public LiveHub(Vertx vertx, Bus bus) {
    this.vertx = vertx;
    this.bus = bus;
    this.meters = Meters.of(vertx);
    this.channels = new LiveChannels(vertx, meters);
    this.liveness = new Liveness(vertx, channels);
    this.refresh = new LiveRefresh(vertx, bus);
  }

  public Future<Void> start() {
    revocations = vertx.eventBus().consumer(Address.USERS_EVENTS, message -> {
      Change kind = Events.kind(message.body());
      if (kind == Change.TOKEN_REVOKED || kind == Change.USER_DELETED) {
        channels.closeUser(message.body().getLong(Fields.USER_ID), LiveSocket.POLICY_VIOLATION, "Token revoked");
      }
    });
    statsStarts = vertx.eventBus().consumer(Address.STATS_STARTED, message -> {
      // a restarted stats verticle watches nobody: renew at once, a refresh may fail for some users
      liveness.renewWatches();
      refresh.refresh(channels.users(), channels::fanOut);
    });
    liveness.start();
    return Future.all(revocations.completion(), statsStarts.completion()).mapEmpty();
  }

  /** Closes every socket with 1001 (the node is going away). */
  public Future<Void> stop() {
    liveness.stop();
    channels.users().forEach(userId -> channels.closeUser(userId, LiveSocket.GOING_AWAY, "Server shutting down"));
    return revocations == null ? Future.succeededFuture()
        : Future.all(revocations.unregister(), statsStarts.unregister()).mapEmpty();
  }

  public int sockets() {
    return channels.sockets();
  }

  public long pushes() {
    return channels.pushes();
  }

  /** Validates, checks the user (404 / 403 refuse the upgrade), then upgrades and sends the snapshot. */
  public void upgrade(RoutingContext ctx) {
    JsonArray problems = new JsonArray();
    Long userId = Input.params("path", ctx::pathParam, problems).id(Fields.USER_ID);
    Input query = Input.params("query", ctx.queryParams()::get, problems);
    Integer tick = query.bounded(TICK_PARAM, 1, MAX_TICK_SECONDS, 0);
    query.check();
    ctx.request().pause();
    LiveSocket socket = new LiveSocket(userId);
    StatsApi.LiveState ask = new StatsApi.LiveState(userId, Auth.actor(ctx), Live.CONNECTED);
    channels.join(socket)
        .compose(joined -> bus.request(StatsApi.LIVE, ask))
        .compose(snapshot -> {
          // accepted: from here the socket lives as long as it is used, not the request timeout
          RequestDeadlines.release(ctx);
          return ctx.request().toWebSocket().map(ws -> {
            meters.websocketOpened();
            channels.pushed(socket.attach(ws, LiveSocket.Frame.of(snapshot)));
            watch(socket, ws, tick);
            return ws;
          });
        })
        .onFailure(failure -> {
          channels.leave(socket);
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
    ws.closeHandler(closed -> channels.leave(socket));
    ws.exceptionHandler(error -> socket.close(LiveSocket.POLICY_VIOLATION, "Connection error"));
    if (tick > 0) {
      socket.tickTimer(vertx.setPeriodic(tick * 1000L, id -> tick(socket)));
    }
  }

  private void tick(LiveSocket socket) {
    if (!socket.open() || !socket.sessionActive()) {
      return;
    }
    bus.request(StatsApi.LIVE, new StatsApi.LiveState(socket.userId(), null, Live.TICK)).onSuccess(frame -> {
      channels.pushed(socket.push(LiveSocket.Frame.of(frame)) ? 1 : 0);
    });
  }

}
