package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.runtime.Meters;
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
 * each frame out (encoded once) to that user's sockets.
 */
final class LiveChannels {
  private record Channel(MessageConsumer<JsonObject> consumer, Set<LiveSocket> sockets) {}

  private final Vertx vertx;
  private final Meters meters;
  private final Map<Long, Channel> channels = new HashMap<>();
  private long pushes;

  LiveChannels(Vertx vertx, Meters meters) {
    this.vertx = vertx;
    this.meters = meters;
  }

  /** Adds the socket to its user's channel, registering the user's consumer for the first one. */
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
