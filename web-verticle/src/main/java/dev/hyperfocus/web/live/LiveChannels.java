package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.web.rest.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The open sockets of this web node by user. Per user with sockets it holds one consumer of
 * {@code live.user.<id>}, so in a cluster an update reaches only the nodes that need it, and fans
 * each frame out (encoded once) to that user's sockets. Ticks are computed once per (user,
 * period): one timer asks the stats verticle once and pushes the same frame to every socket of
 * that user that asked for that period, so a user's ten tabs with {@code ?tick=1} cost one
 * summary a second, not ten.
 *
 * <p>All of it runs on the web verticle's event loop: {@link #full} and {@link #join} in the same
 * handler take a slot before any asynchronous step, so concurrent upgrades cannot pass the cap.
 */
final class LiveChannels {
  private record Channel(MessageConsumer<JsonObject> consumer, Set<LiveSocket> sockets) {}

  private record TickKey(long userId, int seconds) {}

  private static final class Ticker {
    final Set<LiveSocket> sockets = new LinkedHashSet<>();
    long timer;
    boolean asking;
  }

  private final Vertx vertx;
  private final Bus bus;
  private final Meters meters;
  private final int maxSocketsPerUser;
  private final Map<Long, Channel> channels = new HashMap<>();
  private final Map<TickKey, Ticker> tickers = new HashMap<>();
  private long pushes;

  /** {@code maxSocketsPerUser} 0 = no cap. */
  LiveChannels(Vertx vertx, Bus bus, Meters meters, int maxSocketsPerUser) {
    this.vertx = vertx;
    this.bus = bus;
    this.meters = meters;
    this.maxSocketsPerUser = maxSocketsPerUser;
  }

  /** Whether the user already holds as many sockets (open or still upgrading) as one may on this node. */
  boolean full(long userId) {
    Channel channel = channels.get(userId);
    return maxSocketsPerUser > 0 && channel != null && channel.sockets().size() >= maxSocketsPerUser;
  }

  /**
   * Adds the socket to its user's channel (taking one of the user's slots at once), registering
   * the user's consumer for the first one.
   */
  Future<Void> join(LiveSocket socket) {
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

  /** Forgets the socket; the user's consumer goes with the last one. */
  void leave(LiveSocket socket) {
    untick(socket);
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

  /** From now on the socket gets the user's tick every {@code seconds}, from the timer shared by that period. */
  void tick(LiveSocket socket, int seconds) {
    Channel channel = channels.get(socket.userId());
    if (channel == null || !channel.sockets().contains(socket)) {
      return; // closed (token revoked, node stopping) while it was upgrading
    }
    TickKey key = new TickKey(socket.userId(), seconds);
    Ticker ticker = tickers.get(key);
    if (ticker == null) {
      Ticker created = new Ticker();
      created.timer = vertx.setPeriodic(seconds * 1000L, id -> tick(key, created));
      tickers.put(key, created);
      ticker = created;
    }
    ticker.sockets.add(socket);
    socket.tickSeconds(seconds);
  }

  private void untick(LiveSocket socket) {
    if (socket.tickSeconds() <= 0) {
      return;
    }
    TickKey key = new TickKey(socket.userId(), socket.tickSeconds());
    Ticker ticker = tickers.get(key);
    if (ticker != null && ticker.sockets.remove(socket) && ticker.sockets.isEmpty()) {
      vertx.cancelTimer(ticker.timer);
      tickers.remove(key);
    }
  }

  /**
   * One tick of a (user, period): asked once while one of its sockets shows an active session,
   * and not again while the last ask is unanswered (a slow data node gets no pile of requests).
   */
  private void tick(TickKey key, Ticker ticker) {
    if (ticker.asking || ticker.sockets.stream().noneMatch(LiveChannels::wantsTick)) {
      return;
    }
    ticker.asking = true;
    bus.request(StatsApi.LIVE, new StatsApi.LiveState(key.userId(), null, Live.TICK))
        .onComplete(done -> {
          ticker.asking = false;
          if (done.succeeded()) {
            LiveSocket.Frame frame = LiveSocket.Frame.of(done.result());
            for (LiveSocket socket : List.copyOf(ticker.sockets)) {
              if (wantsTick(socket)) {
                pushed(socket.push(frame) ? 1 : 0);
              }
            }
          }
        });
  }

  private static boolean wantsTick(LiveSocket socket) {
    return socket.open() && socket.sessionActive();
  }

  /** Pushes one update to every socket of the user. */
  void fanOut(long userId, JsonObject update) {
    Channel channel = channels.get(userId);
    if (channel == null) {
      return;
    }
    LiveSocket.Frame frame = LiveSocket.Frame.of(update);
    for (LiveSocket socket : List.copyOf(channel.sockets())) {
      pushed(socket.push(frame) ? 1 : 0);
    }
  }

  /** Closes and forgets every socket of the user. */
  void closeUser(long userId, short code, String reason) {
    Channel channel = channels.get(userId);
    if (channel != null) {
      List.copyOf(channel.sockets()).forEach(socket -> {
        socket.close(code, reason);
        leave(socket);
      });
    }
  }

  /** Each open socket, in a copy: the action may close and forget it. */
  void forEachSocket(Consumer<LiveSocket> action) {
    for (Channel channel : List.copyOf(channels.values())) {
      List.copyOf(channel.sockets()).forEach(action);
    }
  }

  /** The users with sockets on this node. */
  List<Long> users() {
    return List.copyOf(channels.keySet());
  }

  int sockets() {
    return channels.values().stream().mapToInt(channel -> channel.sockets().size()).sum();
  }

  void pushed(int frames) {
    pushes += frames;
    for (int i = 0; i < frames; i++) {
      meters.pushSent();
    }
  }

  long pushes() {
    return pushes;
  }
}
