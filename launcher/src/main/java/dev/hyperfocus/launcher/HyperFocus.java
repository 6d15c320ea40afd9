package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Setting;
import dev.hyperfocus.idempotency.IdempotencyVerticle;
import dev.hyperfocus.interruptions.InterruptionsVerticle;
import dev.hyperfocus.sessions.SessionsVerticle;
import dev.hyperfocus.stats.StatsVerticle;
import dev.hyperfocus.users.UsersVerticle;
import dev.hyperfocus.web.WebVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The composition root: creates Vert.x and deploys the verticles of this node's roles. Used by
 * {@link Main} and by the end-to-end tests, so that both start the service the same way.
 */
public final class HyperFocus {
  private static final Logger LOG = Logger.getLogger(HyperFocus.class.getName());

  private final Vertx vertx;
  private final DataDirLock lock;
  private final WebVerticle web;
  /** Deployment ids in deployment order (filled while starting). */
  private final List<String> deployments;
  private volatile Consumer<String> onStorageFailure = detail -> { };

  private HyperFocus(Vertx vertx, DataDirLock lock, WebVerticle web, List<String> deployments) {
    this.vertx = vertx;
    this.lock = lock;
    this.web = web;
    this.deployments = deployments;
  }

  /** Starts a node with resolved settings (see {@link Settings}); fails with a clear message. */
  public static Future<HyperFocus> start(JsonObject config, Clock clock) {
    Set<String> roles = Set.of(config.getString(Setting.ROLES.key()).toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    DataDirLock lock;
    try {
      lock = roles.contains("data") ? DataDirLock.acquire(Path.of(config.getString(Setting.DATA_DIR.key()))) : null;
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    if (Boolean.parseBoolean(config.getString(Setting.CLUSTER.key()))) {
      if (lock != null) {
        lock.close();
      }
      return Future.failedFuture(new IllegalStateException("Clustering is not available in this build yet"));
    }
    NodeMetrics metrics = new NodeMetrics();
    Vertx vertx = metrics.install(metrics.builder(new VertxOptions()).build());
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    WebVerticle web = roles.contains("web") ? new WebVerticle() : null;
    List<String> ids = new ArrayList<>();
    HyperFocus node = new HyperFocus(vertx, lock, web, ids);
    vertx.eventBus().<JsonObject>localConsumer(Address.STORAGE_FAILED, failed -> {
      String detail = failed.body().getString(Json.DETAIL);
      LOG.severe("Storage failure, HyperFocus stops: " + detail);
      node.onStorageFailure.accept(detail);
    });
    Future<?> deployed = Future.succeededFuture();
    if (roles.contains("data")) {
      deployed = deployed
          .compose(done -> vertx.deployVerticle(new SessionsVerticle(clock), options)).onSuccess(ids::add)
          .compose(done -> vertx.deployVerticle(new InterruptionsVerticle(clock), options)).onSuccess(ids::add)
          .compose(done -> vertx.deployVerticle(new UsersVerticle(clock), options)).onSuccess(ids::add)
          .compose(done -> vertx.deployVerticle(new StatsVerticle(clock), options)).onSuccess(ids::add)
          .compose(done -> vertx.deployVerticle(new IdempotencyVerticle(clock), options)).onSuccess(ids::add);
    }
    if (web != null) {
      deployed = deployed.compose(done -> vertx.deployVerticle(web, options)).onSuccess(ids::add);
    }
    return deployed
        .<HyperFocus>map(done -> node)
        .recover(failure -> vertx.close().eventually(() -> {
          if (lock != null) {
            lock.close();
          }
          return Future.succeededFuture();
        }).transform(closed -> Future.failedFuture(failure)));
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
   * Undeploys in the reverse order of deployment, one verticle at a time, then closes Vert.x.
   * {@code Vertx.close()} alone undeploys everything at once, so a request still in flight in the
   * web verticle could find the domain verticles gone and their databases closed; here the web
   * server first stops accepting and finishes its in-flight requests while every domain still
   * answers, and each database is closed (WAL checkpointed) before the lock is released.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.eventually(vertx::close).eventually(() -> {
      if (lock != null) {
        lock.close();
      }
      return Future.succeededFuture();
    });
  }
}
