package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Setting;
import dev.hyperfocus.interruptions.InterruptionsVerticle;
import dev.hyperfocus.sessions.SessionsVerticle;
import dev.hyperfocus.stats.StatsVerticle;
import dev.hyperfocus.users.UsersVerticle;
import dev.hyperfocus.web.WebVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The composition root: creates Vert.x (alone, or joined to a Hazelcast cluster) and deploys the
 * verticles of this node's roles. Used by {@link Main} and by the end-to-end tests, so that both
 * start the service the same way.
 */
public final class HyperFocus {
  /** How long a web-only node waits for the data node before giving up its start. */
  static final Duration DATA_NODE_WAIT = Duration.ofSeconds(60);
  private static final Logger LOG = Logger.getLogger(HyperFocus.class.getName());

  private final Vertx vertx;
  private final DataDirLock lock;
  /** Deployment ids in deployment order (filled while starting). */
  private final List<String> deployments = new ArrayList<>();
  private WebVerticle web;
  private volatile Consumer<String> onStorageFailure = detail -> { };

  private HyperFocus(Vertx vertx, DataDirLock lock) {
    this.vertx = vertx;
    this.lock = lock;
  }

  /** Starts a node with resolved settings (see {@link Settings}); fails with a clear message. */
  public static Future<HyperFocus> start(JsonObject config, Clock clock) {
    Roles roles = Roles.parse(config.getString(Setting.ROLES.key()));
    ClusterConfig cluster = Boolean.parseBoolean(config.getString(Setting.CLUSTER.key()))
        ? ClusterConfig.fromJson(config) : null;
    DataDirLock lock;
    try {
      lock = roles.data() ? DataDirLock.acquire(Path.of(config.getString(Setting.DATA_DIR.key()))) : null;
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    NodeMetrics metrics = new NodeMetrics();
    // Without a context: a failed start completes it after Vert.x closed its event loops, where a
    // future bound to one of them could no longer deliver the failure.
    Promise<HyperFocus> started = Promise.promise();
    Future<Vertx> created = cluster == null
        ? Future.succeededFuture(metrics.install(metrics.builder(new VertxOptions()).build()))
        : Cluster.join(cluster, metrics);
    created.onComplete(joined -> {
      if (joined.failed()) {
        release(lock);
        started.fail(joined.cause());
        return;
      }
      HyperFocus node = new HyperFocus(joined.result(), lock);
      node.watchStorage();
      node.deploy(config, roles, cluster, clock).onComplete(deployed -> {
        if (deployed.succeeded()) {
          started.complete(node);
        } else {
          node.vertx.close().onComplete(closed -> {
            release(lock);
            started.fail(deployed.cause());
          });
        }
      });
    });
    return started.future();
  }

  private void watchStorage() {
    vertx.eventBus().<JsonObject>localConsumer(Address.STORAGE_FAILED, failed -> {
      String detail = failed.body().getString(Fields.DETAIL);
      LOG.severe("Storage failure, HyperFocus stops: " + detail);
      onStorageFailure.accept(detail);
    });
  }

  /** Deploys the roles' verticles in order, remembering each deployment for the reverse stop. */
  private Future<Void> deploy(JsonObject config, Roles roles, ClusterConfig cluster, Clock clock) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future<?> deployed = cluster == null ? Future.succeededFuture()
        : Cluster.agreeOnAuth(vertx, cluster, config.getString(Setting.AUTH.key()));
    if (roles.data()) {
      if (cluster != null) {
        deployed = deployed.compose(agreed -> Cluster.claimDataRole(vertx, cluster));
      }
      for (Deployable verticle : List.of(new SessionsVerticle(clock), new InterruptionsVerticle(clock),
          new UsersVerticle(clock), new StatsVerticle(clock))) {
        deployed = deployed.compose(done -> vertx.deployVerticle(verticle, options)).onSuccess(deployments::add);
      }
    } else if (cluster != null) {
      deployed = deployed.compose(agreed -> DataNodeWait.await(vertx, cluster, DATA_NODE_WAIT));
    }
    if (roles.web()) {
      // one instance per event loop, sharing the port; what must be the node's is shared (WebNode)
      List<WebVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
      DeploymentOptions web = new DeploymentOptions(options).setInstances(webInstances(config));
      deployed = deployed.compose(done -> vertx.deployVerticle(() -> {
        WebVerticle verticle = new WebVerticle();
        instances.add(verticle);
        return verticle;
      }, web)).onSuccess(id -> {
        deployments.add(id);
        this.web = instances.get(0);
      });
    }
    return deployed.mapEmpty();
  }

  /** {@code HYPERFOCUS_WEB_INSTANCES}, where 0 means one per core. */
  static int webInstances(JsonObject config) {
    int configured = Integer.parseInt(config.getString(Setting.WEB_INSTANCES.key(), Setting.WEB_INSTANCES.defaultValue()));
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  private static void release(DataDirLock lock) {
    if (lock != null) {
      lock.close();
    }
  }

  /** What to do, besides logging it, when a database reports a storage failure (Main exits). */
  public void onStorageFailure(Consumer<String> action) {
    onStorageFailure = action;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The HTTP port of this node's web verticle. */
  public int httpPort() {
    if (web == null) {
      throw new IllegalStateException("this node has no web role");
    }
    return web.actualPort();
  }

  /**
   * Undeploys in the reverse order of deployment, one verticle at a time, then closes Vert.x,
   * which also leaves the cluster and frees the data role for another node. {@code Vertx.close()}
   * alone undeploys everything at once, so a request still in flight in the web verticle could
   * find the domain verticles gone and their databases closed; here the web server first stops
   * accepting and finishes its in-flight requests while every domain still answers, and each
   * database is closed (WAL checkpointed) before the lock is released.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.eventually(vertx::close).eventually(() -> {
      release(lock);
      return Future.succeededFuture();
    });
  }
}
