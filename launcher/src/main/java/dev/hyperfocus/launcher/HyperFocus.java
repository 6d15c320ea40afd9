package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.interruptions.InterruptionsVerticle;
import dev.hyperfocus.sessions.SessionsVerticle;
import dev.hyperfocus.stats.StatsVerticle;
import dev.hyperfocus.users.UsersVerticle;
import dev.hyperfocus.web.WebVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root: creates Vert.x (alone, or joined to a Hazelcast cluster) and deploys the
 * verticles of this node's roles. Used by {@link Main} and by the end-to-end tests, so that both
 * start the service the same way.
 */
public final class HyperFocus {
  /** How long a web-only node waits for the data node before giving up its start. */
  static final Duration DATA_NODE_WAIT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final DataDirLock lock;
  private final WebVerticle web;

  private HyperFocus(Vertx vertx, DataDirLock lock, WebVerticle web) {
    this.vertx = vertx;
    this.lock = lock;
    this.web = web;
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
    // Without a context: a failed start completes it after Vert.x closed its event loops, where a
    // future bound to one of them could no longer deliver the failure.
    Promise<HyperFocus> started = Promise.promise();
    Future<Vertx> created = cluster == null ? Future.succeededFuture(Vertx.vertx()) : Cluster.join(cluster);
    created.onComplete(joined -> {
      if (joined.failed()) {
        release(lock);
        started.fail(joined.cause());
        return;
      }
      Vertx vertx = joined.result();
      deploy(vertx, config, roles, cluster, clock).onComplete(deployed -> {
        if (deployed.succeeded()) {
          started.complete(new HyperFocus(vertx, lock, deployed.result()));
        } else {
          vertx.close().onComplete(closed -> {
            release(lock);
            started.fail(deployed.cause());
          });
        }
      });
    });
    return started.future();
  }

  /** Deploys the roles' verticles; returns the web verticle, or null without the web role. */
  private static Future<WebVerticle> deploy(Vertx vertx, JsonObject config, Roles roles, ClusterConfig cluster,
      Clock clock) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future<?> deployed = Future.succeededFuture();
    if (roles.data()) {
      if (cluster != null) {
        deployed = Cluster.claimDataRole(vertx, cluster);
      }
      deployed = deployed
          .compose(done -> vertx.deployVerticle(new SessionsVerticle(clock), options))
          .compose(done -> vertx.deployVerticle(new InterruptionsVerticle(clock), options))
          .compose(done -> vertx.deployVerticle(new UsersVerticle(clock), options))
          .compose(done -> vertx.deployVerticle(new StatsVerticle(clock), options));
    } else if (cluster != null) {
      deployed = DataNodeWait.await(vertx, cluster, DATA_NODE_WAIT);
    }
    if (!roles.web()) {
      return deployed.map(done -> null);
    }
    WebVerticle web = new WebVerticle();
    return deployed.compose(done -> vertx.deployVerticle(web, options)).map(done -> web);
  }

  private static void release(DataDirLock lock) {
    if (lock != null) {
      lock.close();
    }
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
   * Undeploys everything (the web server first stops accepting and finishes in-flight requests),
   * and leaves the cluster, which frees the data role for another node.
   */
  public Future<Void> stop() {
    return vertx.close().eventually(() -> {
      release(lock);
      return Future.succeededFuture();
    });
  }
}
