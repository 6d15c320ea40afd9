package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.web.rest.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open sockets of one web verticle instance by user. Per user with sockets it holds one
 * consumer of {@code live.user.<id>}, so in a cluster an update reaches only the nodes that need
 * it, and fans each frame out (encoded once) to that user's sockets. Ticks are {@link LiveTicks}'s:
 * once per (user, period) on the node, so a user's ten tabs with {@code ?tick=1} cost one summary
 * a second, not ten.
 *
 * <p>All of it runs on the instance's event loop. The per-user cap is the node's ({@link LiveUsers},
 * shared by the instances): {@link #join} takes a slot there before any asynchronous step, so
 * concurrent upgrades cannot pass it. A user's sockets are kept in an array replaced on every join
 * and leave, so that a fan-out, which happens far more often, iterates without copying.
 */
final class LiveChannels {
  private static final LiveSocket[] NONE = new LiveSocket[0];

  private static final class Channel {
    final MessageConsumer<JsonObject> consumer;
    LiveSocket[] sockets = NONE;

    Channel(MessageConsumer<JsonObject> consumer) {
      this.consumer = consumer;
    }
  }

  private final Vertx vertx;
  private final Meters meters;
  private final LiveUsers users;
  private final Liveness liveness;
  private final Map<Long, Channel> channels = new HashMap<>();
  private final LiveTicks ticks;
  private int sockets;
  private long pushes;

  LiveChannels(Vertx vertx, Bus bus, Meters meters, LiveUsers users, long pingIntervalMs) {
    this.vertx = vertx;
    this.meters = meters;
    this.users = users;
    this.ticks = new LiveTicks(vertx, bus, users.beats, this::pushed);
    this.liveness = new Liveness(vertx, pingIntervalMs, socket -> {
      socket.close(LiveSocket.GOING_AWAY, "No answer to pings");
      leave(socket);
    });
  }

  void start() {
    liveness.start();
  }

  void stop() {
    liveness.stop();
    ticks.stop();
  }

  /**
   * Takes one of the user's slots on this node and adds the socket to its user's channel,
   * registering the user's consumer for the first one here; null when the user is at the cap.
   */
  Future<Void> join(LiveSocket socket) {
    if (!users.reserve(socket.userId())) {
      return null;
    }
    Channel channel = channels.get(socket.userId());
    if (channel == null) {
      long userId = socket.userId();
      channel = new Channel(vertx.eventBus().consumer(Address.liveUser(userId), message -> fanOut(userId, message.body())));
      channels.put(userId, channel);
    }
    channel.sockets = with(channel.sockets, socket);
    sockets++;
    liveness.add(socket);
    return channel.consumer.completion();
  }

  /** Forgets the socket and gives its slot back; the user's consumer goes with the last one. */
  void leave(LiveSocket socket) {
    ticks.remove(socket);
    Channel channel = channels.get(socket.userId());
    if (channel == null || !contains(channel.sockets, socket)) {
      return;
    }
    channel.sockets = without(channel.sockets, socket);
    sockets--;
    liveness.remove(socket);
    users.release(socket.userId());
    if (socket.ws() != null) {
      meters.websocketClosed();
    }
    if (channel.sockets.length == 0) {
      channels.remove(socket.userId());
      channel.consumer.unregister();
    }
  }

  /** From now on the socket gets the user's tick every {@code seconds}, computed once per period on the node. */
  void tick(LiveSocket socket, int seconds) {
    Channel channel = channels.get(socket.userId());
    if (channel == null || !contains(channel.sockets, socket)) {
      return; // closed (token revoked, node stopping) while it was upgrading
    }
    ticks.add(socket, seconds);
  }

  /** Pushes one update to every socket of the user on this instance. */
  void fanOut(long userId, JsonObject update) {
    Channel channel = channels.get(userId);
    if (channel == null) {
      return;
    }
    LiveSocket.Frame frame = users.frameOf(userId, update);
    int written = 0;
    for (LiveSocket socket : channel.sockets) {
      written += socket.push(frame) ? 1 : 0;
    }
    pushed(written);
  }

  /** Closes and forgets every socket of the user. */
  void closeUser(long userId, short code, String reason) {
    Channel channel = channels.get(userId);
    if (channel != null) {
      for (LiveSocket socket : channel.sockets) {
        socket.close(code, reason);
        leave(socket);
      }
    }
  }

  /** The users with sockets on this instance. */
  List<Long> users() {
    return List.copyOf(channels.keySet());
  }

  int sockets() {
    return sockets;
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

  static boolean contains(LiveSocket[] sockets, LiveSocket socket) {
    for (LiveSocket held : sockets) {
      if (held == socket) {
        return true;
      }
    }
    return false;
  }

  static LiveSocket[] with(LiveSocket[] sockets, LiveSocket socket) {
    LiveSocket[] grown = Arrays.copyOf(sockets, sockets.length + 1);
    grown[sockets.length] = socket;
    return grown;
  }

  static LiveSocket[] without(LiveSocket[] sockets, LiveSocket socket) {
    LiveSocket[] shrunk = new LiveSocket[sockets.length - 1];
    int at = 0;
    for (LiveSocket held : sockets) {
      if (held != socket) {
        shrunk[at++] = held;
      }
    }
    return shrunk;
  }
}
