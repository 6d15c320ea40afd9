package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.StatsApi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Keeps this node's sockets honest: pings every socket and closes one that answered nothing for
 * three pings (a dead peer behind a silent network), and tells the stats verticle every
 * {@link #WATCH_EVERY_MS} which users still have sockets here, so it keeps publishing their frames.
 */
final class Liveness {
  private static final long PING_MS = 20_000;
  private static final long DEAD_NANOS = 3 * PING_MS * 1_000_000L;
  static final long WATCH_EVERY_MS = 15_000;
  private static final int WATCH_BATCH = 1_000;
  private static final Buffer PING = Buffer.buffer("hf");

  private final Vertx vertx;
  private final LiveChannels channels;
  private long pingTimer = -1;
  private long watchTimer = -1;

  Liveness(Vertx vertx, LiveChannels channels) {
    this.vertx = vertx;
    this.channels = channels;
  }

  void start() {
    pingTimer = vertx.setPeriodic(PING_MS, id -> pingOrDrop());
    watchTimer = vertx.setPeriodic(WATCH_EVERY_MS, id -> renewWatches());
  }

  void stop() {
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(watchTimer);
  }

  /** Tells the stats verticle which users this node still holds sockets of ({@link Address#STATS_LIVE_WATCH}). */
  void renewWatches() {
    List<Long> users = channels.users();
    for (int from = 0; from < users.size(); from += WATCH_BATCH) {
      StatsApi.Watch watch = new StatsApi.Watch(users.subList(from, Math.min(users.size(), from + WATCH_BATCH)));
      vertx.eventBus().send(Address.STATS_LIVE_WATCH, StatsApi.WATCH.encode(watch));
    }
  }

  private void pingOrDrop() {
    long now = System.nanoTime();
    channels.forEachSocket(socket -> {
      if (!socket.open()) {
        return;
      }
      if (now - socket.lastSeenNanos() > DEAD_NANOS) {
        socket.close(LiveSocket.GOING_AWAY, "No answer to pings");
        channels.leave(socket);
      } else {
        socket.ws().writePing(PING);
      }
    });
  }
}
