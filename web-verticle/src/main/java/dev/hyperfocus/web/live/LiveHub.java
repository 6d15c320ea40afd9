package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.api.UsersApi;
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
import java.util.List;
import java.util.Set;

/**
 * {@code GET /users/{user_id}/live}: the WebSocket hub of one web verticle instance. It upgrades a
 * request into a socket with its snapshot; {@link LiveChannels} holds the instance's sockets, fans
 * frames out and has {@link Liveness} ping them; {@link LiveRefresh} sends fresh snapshots after
 * the stats verticle (re)started. What is the node's rather than the instance's, the per-user cap
 * and the users to keep watched, is in {@link LiveUsers}; one instance per node (the first)
 * renews the stats verticle's watches for all of them.
 */
public final class LiveHub {
  static final String TICK_PARAM = "tick";
  static final int MAX_TICK_SECONDS = 3600;
  /** A socket whose client does not read this many bytes behind is closed (1008). */
  static final int WRITE_QUEUE_BYTES = 256 * 1024;
  static final String ORIGIN_NOT_ALLOWED = "Origin not allowed";
  /**
   * Sent with the 429 of the socket cap. A slot frees when one of the user's sockets closes: at
   * once for a closed tab, within about a minute for a dead peer (three unanswered pings), so a
   * client that keeps retrying waits a few seconds between tries rather than hammering.
   */
  static final String SOCKET_CAP_RETRY_AFTER_SECONDS = "10";
  private static final int WATCH_BATCH = 1_000;

  private final Vertx vertx;
  private final Bus bus;
  private final Meters meters;
  private final LiveOrigins origins;
  private final LiveChannels channels;
  private final LiveUsers users;
  private final boolean renewsWatches;
  private final LiveRefresh refresh;
  private long watchTimer = -1;
  private MessageConsumer<JsonObject> revocations;
  private MessageConsumer<JsonObject> statsStarts;

  /**
   * {@code users}: the node's sockets by user, shared by the instances (it holds the cap);
   * {@code renewsWatches}: whether this instance renews the node's watches (exactly one does);
   * {@code pingIntervalMs}: how often each socket is pinged; {@code corsOrigins}: the origins
   * besides the service's own whose pages may open sockets.
   */
  public LiveHub(Vertx vertx, Bus bus, LiveUsers users, boolean renewsWatches, long pingIntervalMs,
      Set<String> corsOrigins) {
    this.vertx = vertx;
    this.bus = bus;
    this.meters = Meters.of(vertx);
    this.origins = new LiveOrigins(corsOrigins);
    this.users = users;
    this.renewsWatches = renewsWatches;
    this.channels = new LiveChannels(vertx, bus, meters, users, pingIntervalMs);
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
      renewWatches();
      refresh.refresh(channels.users(), channels::fanOut);
    });
    channels.start();
    if (renewsWatches) {
      watchTimer = vertx.setPeriodic(Liveness.WATCH_EVERY_MS, id -> renewWatches());
    }
    return Future.all(revocations.completion(), statsStarts.completion()).mapEmpty();
  }

  /** Closes every socket with 1001 (the node is going away). */
  public Future<Void> stop() {
    channels.stop();
    vertx.cancelTimer(watchTimer);
    channels.users().forEach(userId -> channels.closeUser(userId, LiveSocket.GOING_AWAY, "Server shutting down"));
    return revocations == null ? Future.succeededFuture()
        : Future.all(revocations.unregister(), statsStarts.unregister()).mapEmpty();
  }

  /**
   * Tells the stats verticle which users this node still holds sockets of
   * ({@link Address#STATS_LIVE_WATCH}), in messages of at most {@link #WATCH_BATCH} users: once
   * per node, not per instance or socket.
   */
  private void renewWatches() {
    if (!renewsWatches) {
      return;
    }
    List<Long> watched = users.users();
    for (int from = 0; from < watched.size(); from += WATCH_BATCH) {
      StatsApi.Watch watch = new StatsApi.Watch(watched.subList(from, Math.min(watched.size(), from + WATCH_BATCH)));
      vertx.eventBus().send(Address.STATS_LIVE_WATCH, StatsApi.WATCH.encode(watch));
    }
  }

  public int sockets() {
    return channels.sockets();
  }

  public long pushes() {
    return channels.pushes();
  }

  /**
   * Refuses (403, before upgrading) a request whose {@code Origin} is neither this service's own
   * nor one of {@code HYPERFOCUS_CORS_ORIGINS}: browsers let any page open a WebSocket to any
   * address and send no CORS preflight, so without it a page of another site could read the
   * frames of an open-mode node on this machine. A request without {@code Origin} (not a browser)
   * passes.
   */
  public void checkOrigin(RoutingContext ctx) {
    if (origins.allows(ctx.request())) {
      ctx.next();
    } else {
      Responses.detail(ctx, 403, ORIGIN_NOT_ALLOWED);
    }
  }

  /**
   * Validates, checks the user (404 / 403 refuse the upgrade), then upgrades and sends the
   * snapshot. Another user's id is answered from the users domain alone (404 when missing, else
   * 403): no channel is joined, no {@code live.user.<id>} consumer registered and the stats
   * verticle is not asked. A user at the socket cap gets 429; the slot is taken synchronously,
   * before any asynchronous step, so concurrent upgrades cannot pass the cap.
   */
  public void upgrade(RoutingContext ctx) {
    JsonArray problems = new JsonArray();
    Long userId = Input.params("path", ctx::pathParam, problems).id(Fields.USER_ID);
    Input query = Input.params("query", ctx.queryParams()::get, problems);
    Integer tick = query.bounded(TICK_PARAM, 1, MAX_TICK_SECONDS, 0);
    query.check();
    Long actor = Auth.actor(ctx);
    if (!Ownership.allows(actor, userId)) {
      bus.request(UsersApi.GET, ById.of(userId)).onComplete(exists -> Responses.failure(ctx,
          exists.failed() ? exists.cause() : Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS)));
      return;
    }
    LiveSocket socket = new LiveSocket(userId);
    Future<Void> slot = channels.join(socket);
    if (slot == null) {
      ctx.response().putHeader("Retry-After", SOCKET_CAP_RETRY_AFTER_SECONDS);
      Responses.detail(ctx, 429, "Too Many Requests");
      return;
    }
    ctx.request().pause();
    StatsApi.LiveState ask = new StatsApi.LiveState(userId, actor, Live.CONNECTED);
    slot
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
      channels.tick(socket, tick);
    }
  }
}
