package dev.hyperfocus.launcher;

import com.hazelcast.cluster.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Logger;

/** Joining the Hazelcast cluster, and the one-data-node rule. */
final class Cluster {
  private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
  /**
   * Held by the data node while it lives. Hazelcast frees a lock whose member left or died, so a
   * restarted data node takes it again once the cluster has noticed the old one is gone.
   */
  private static final String DATA_ROLE_LOCK = "hyperfocus.data-role";
  private static final long DATA_ROLE_WAIT_MS = 20_000;
  /** Cluster-wide facts every node must agree on, set by the first node that joins. */
  private static final String AGREEMENT_MAP = "hyperfocus.cluster";
  private static final String AUTH_KEY = "auth";

  private Cluster() {}

  /** A clustered Vert.x with our own Hazelcast configuration (see {@link ClusterConfig}). */
  static Future<Vertx> join(ClusterConfig cluster, NodeMetrics metrics) {
    HazelcastClusterManager manager;
    try {
      manager = new HazelcastClusterManager(cluster.hazelcast());
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    String where = "cluster '" + cluster.name() + "' at " + cluster.hostAddress() + ":" + cluster.port();
    LOG.info("Joining " + where + " (members: " + (cluster.members().isEmpty() ? "none listed" : cluster.members()) + ")");
    return metrics.builder(cluster.vertxOptions()).withClusterManager(manager).buildClustered()
        .map(metrics::install)
        .onSuccess(vertx -> LOG.info("Joined " + where + " as member " + memberAddress(manager) + "; "
            + manager.getNodes().size() + " node(s) in the cluster"))
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "Cannot join " + where + ": " + failure.getMessage(), failure)));
  }

  /** The address this member bound, {@code host:port}: the port the OS picked when the setting is 0. */
  private static String memberAddress(HazelcastClusterManager manager) {
    Address address = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /**
   * Every node runs the cluster's {@code HYPERFOCUS_AUTH} mode: the first node records its mode,
   * a node with another mode refuses to start (a web node with {@code none} would open every
   * account of a {@code token} cluster). Checked before any verticle is deployed.
   */
  static Future<Void> agreeOnAuth(Vertx vertx, ClusterConfig cluster, String auth) {
    return vertx.sharedData().<String, String>getClusterWideMap(AGREEMENT_MAP)
        .compose(map -> map.putIfAbsent(AUTH_KEY, auth))
        .compose(existing -> {
          if (existing == null || existing.equals(auth)) {
            LOG.info("Cluster '" + cluster.name() + "' runs HYPERFOCUS_AUTH=" + auth
                + (existing == null ? " (set by this node, the first)" : ""));
            return Future.succeededFuture();
          }
          return Future.failedFuture(new IllegalStateException("This node has HYPERFOCUS_AUTH=" + auth
              + " but cluster '" + cluster.name() + "' runs HYPERFOCUS_AUTH=" + existing
              + ": every node of a cluster must run the same auth mode; start this node with HYPERFOCUS_AUTH="
              + existing));
        });
  }

  /** Exactly one data node per cluster (SQLite has one writer): refuses a second one. */
  static Future<Void> claimDataRole(Vertx vertx, ClusterConfig cluster) {
    return vertx.sharedData().getLockWithTimeout(DATA_ROLE_LOCK, DATA_ROLE_WAIT_MS)
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(new IllegalStateException("Another node of cluster '"
            + cluster.name() + "' holds the data role (waited " + DATA_ROLE_WAIT_MS / 1000 + " s); a cluster has"
            + " exactly one data node: start this one with HYPERFOCUS_ROLES=web (" + failure.getMessage() + ")",
            failure)));
  }
}
