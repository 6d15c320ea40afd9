package dev.hyperfocus.web.live;

import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sockets of this node by user, counted across every web verticle instance (each holds
 * its own sockets on its own event loop): what the per-user cap counts and the users whose watches
 * the node renews. A slot is taken atomically before any asynchronous step of an upgrade, so
 * concurrent upgrades on different event loops cannot pass the cap either.
 *
 * <p>It also keeps each user's latest update frame, so that the instances holding sockets of one
 * user encode a change once between them: each gets its own copy of the published JSON from the
 * event bus, but a change is one (epoch, seq) of its user, and the first instance to fan it out
 * leaves the encoded frame here for the others.
 */
public final class LiveUsers implements Shareable {
  private final ConcurrentHashMap<Long, Integer> sockets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, LiveSocket.Frame> latest = new ConcurrentHashMap<>();
  private final int maxSocketsPerUser;
  /** The node's tick beats, shared by the instances like the rest. */
  final LiveBeats beats = new LiveBeats();

  /** {@code maxSocketsPerUser} 0 = no cap. */
  public LiveUsers(int maxSocketsPerUser) {
    this.maxSocketsPerUser = maxSocketsPerUser;
  }

  /** Takes one of the user's slots; false (nothing taken) when the user already holds the cap. */
  boolean reserve(long userId) {
    boolean[] taken = {false};
    sockets.compute(userId, (id, held) -> {
      int now = held == null ? 0 : held;
      if (maxSocketsPerUser > 0 && now >= maxSocketsPerUser) {
        return held;
      }
      taken[0] = true;
      return now + 1;
    });
    return taken[0];
  }

  /** Gives a slot back; the user is forgotten with the last one. */
  void release(long userId) {
    if (sockets.computeIfPresent(userId, (id, held) -> held <= 1 ? null : held - 1) == null) {
      latest.remove(userId);
    }
  }

  /** The frame of an update: encoded here, or by another instance that fanned the same change out first. */
  LiveSocket.Frame frameOf(long userId, JsonObject update) {
    LiveSocket.Frame last = latest.get(userId);
    if (last != null && last.sameChange(update)) {
      return last;
    }
    LiveSocket.Frame frame = LiveSocket.Frame.of(update);
    if (frame.change()) {
      latest.put(userId, frame);
      if (!sockets.containsKey(userId)) {
        latest.remove(userId); // the user's last socket left meanwhile
      }
    }
    return frame;
  }

  /** The users with sockets (open or upgrading) on this node. */
  List<Long> users() {
    return List.copyOf(sockets.keySet());
  }
}
