package dev.hyperfocus.web;

import dev.hyperfocus.web.edge.RateLimiter;
import dev.hyperfocus.web.live.LiveUsers;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the instances of one web verticle deployment share on this node. Vert.x runs one instance
 * per event loop ({@code HYPERFOCUS_WEB_INSTANCES}), each with its own router and its own sockets;
 * a client's request budget, the failed-authentication buckets and the per-user socket cap must
 * still be the node's, whichever instance a connection lands on. So they live here, in a Vert.x
 * local map under the deployment's id (shared by its instances, distinct for every node even when
 * tests run several in one JVM), made thread-safe themselves. The first instance to start creates
 * the object and also renews the node's watches; the last to stop removes it.
 */
final class WebNode implements Shareable {
  private static final String MAP = "hyperfocus.web.node";

  final RateLimiter requests;
  final RateLimiter signUps;
  final RateLimiter authFailures;
  final LiveUsers liveUsers;
  private final AtomicInteger instances = new AtomicInteger();

  private WebNode(WebConfig config) {
    requests = config.rateLimit() > 0 ? RateLimiter.perSecond(config.rateLimit()) : null;
    signUps = config.signupRateLimit() > 0 ? RateLimiter.perMinute(config.signupRateLimit()) : null;
    authFailures = config.authFailureLimit() > 0 ? RateLimiter.perSecond(config.authFailureLimit()) : null;
    liveUsers = new LiveUsers(config.liveMaxSockets());
  }

  /** The deployment's shared state, created by the first instance to ask. */
  static WebNode of(Vertx vertx, String deploymentId, WebConfig config) {
    LocalMap<String, WebNode> map = vertx.sharedData().getLocalMap(MAP);
    WebNode created = new WebNode(config);
    WebNode existing = map.putIfAbsent(deploymentId, created);
    return existing == null ? created : existing;
  }

  /** Counts a starting instance in; true for the first (it logs the URL and renews the node's watches). */
  boolean arrive() {
    return instances.incrementAndGet() == 1;
  }

  /** Called by each instance as it stops; the last one removes the shared state. */
  void leave(Vertx vertx, String deploymentId) {
    if (instances.decrementAndGet() == 0) {
      vertx.sharedData().<String, WebNode>getLocalMap(MAP).remove(deploymentId);
    }
  }
}
