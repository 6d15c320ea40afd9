package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Before a web-only node reports ready, it waits until the data node's verticles answer over the
 * cluster. Right after joining, their subscriptions may not have reached this node yet (requests
 * fail with NO_HANDLERS), and the data node may still be starting: both are asked again until a
 * bounded wait runs out, which fails the start with a message saying what to check.
 */
final class DataNodeWait {
  static final List<String> ADDRESSES = List.of(
      Address.USERS_HEALTH, Address.SESSIONS_HEALTH, Address.INTERRUPTIONS_HEALTH, Address.STATS_HEALTH);
  private static final Logger LOG = Logger.getLogger(DataNodeWait.class.getName());
  private static final long PING_TIMEOUT_MS = 2_000;
  private static final long RETRY_MS = 500;

  private final Vertx vertx;
  private final ClusterConfig cluster;
  private final Duration limit;
  private final long deadline;
  private boolean told;

  private DataNodeWait(Vertx vertx, ClusterConfig cluster, Duration limit) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.limit = limit;
    this.deadline = System.nanoTime() + limit.toNanos();
  }

  /** Completes when every data address answers; fails once {@code limit} has passed. */
  static Future<Void> await(Vertx vertx, ClusterConfig cluster, Duration limit) {
    return new DataNodeWait(vertx, cluster, limit).attempt();
  }

  private Future<Void> attempt() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS);
    List<Future<Object>> pings = ADDRESSES.stream()
        .map(address -> vertx.eventBus().request(address, new JsonObject(), options).map(Message::body))
        .toList();
    return Future.join(pings).transform(done -> {
      if (done.succeeded()) {
        LOG.info("The data node answers on cluster '" + cluster.name() + "'");
        return Future.succeededFuture();
      }
      List<String> silent = IntStream.range(0, pings.size())
          .filter(i -> pings.get(i).failed()).mapToObj(ADDRESSES::get).toList();
      if (System.nanoTime() - deadline > 0) {
        return Future.failedFuture(new IllegalStateException("No data node answered on cluster '" + cluster.name()
            + "' within " + limit.toSeconds() + " s (silent: " + String.join(", ", silent)
            + "). Start one node with HYPERFOCUS_ROLES=data or data,web in the same cluster, and check"
            + " HYPERFOCUS_CLUSTER_NAME and HYPERFOCUS_CLUSTER_MEMBERS (" + cluster.members() + ")"));
      }
      if (!told) {
        told = true;
        LOG.info("Waiting up to " + limit.toSeconds() + " s for the data node on cluster '" + cluster.name()
            + "' (not answering yet: " + String.join(", ", silent) + ")");
      }
      return vertx.timer(RETRY_MS).compose(waited -> attempt());
    });
  }
}
