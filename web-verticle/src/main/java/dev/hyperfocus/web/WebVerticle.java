package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.UUID;
import java.util.logging.Logger;

/** The only edge: REST routes, authentication, validation and failure mapping. */
public final class WebVerticle extends VerticleBase {
  static final int BODY_LIMIT = 64 * 1024;
  private static final Logger LOG = Logger.getLogger(WebVerticle.class.getName());

  private HttpServer server;
  private Auth auth;
  private LiveHub live;

  @Override
  public Future<?> start() {
    WebConfig config = WebConfig.fromJson(config());
    Bus bus = new Bus(vertx, config.busTimeoutMs());
    auth = new Auth(vertx, bus, config.tokens());
    live = new LiveHub(vertx, bus);
    // no permessage-deflate: measured on 1,000 sockets it made a fan-out 6x slower (README, Benchmarks)
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(config.idleTimeoutSeconds())
        .setMaxInitialLineLength(8192)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    return Future.all(auth.start(), live.start(), DashboardRoutes.load(vertx))
        .map(ready -> routes(config, bus, ready.resultAt(2)))
        .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen(config.port(), config.host()))
        .onSuccess(listening -> {
          server = listening;
          LOG.info("HyperFocus listening on http://" + hostForUrl(config.host()) + ":" + listening.actualPort() + "/");
        });
  }

  private Router routes(WebConfig config, Bus bus, DashboardRoutes dashboard) {
    ServiceRoutes service = new ServiceRoutes(bus);
    UserRoutes users = new UserRoutes(bus, auth);
    SessionRoutes sessions = new SessionRoutes(bus);
    InterruptionRoutes interruptions = new InterruptionRoutes(bus);
    StatsRoutes stats = new StatsRoutes(bus);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);

    Router router = Router.router(vertx);
    router.route().handler(WebVerticle::requestId);
    TimeoutHandler timeout = TimeoutHandler.create(config.requestTimeoutMs(), 503);
    // an upgraded WebSocket never ends its response: the timeout would fire on it later
    router.route().handler(ctx -> (ctx.request().headers().contains("Upgrade", "websocket", true)
        ? (Handler<RoutingContext>) RoutingContext::next : timeout).handle(ctx));

    router.get("/").handler(service::root);
    router.get("/health").handler(service::health);
    router.get("/dashboard").handler(dashboard::page);
    router.get(DashboardRoutes.ASSETS).handler(dashboard.assets());

    router.post("/users").handler(body).handler(users::create);
    router.get("/users/me").handler(auth).handler(users::me);
    router.get("/users/:id").handler(auth).handler(users::get);
    router.patch("/users/:id").handler(auth).handler(body).handler(users::update);
    router.delete("/users/:id").handler(auth).handler(users::delete);
    router.post("/users/:id/token").handler(auth).handler(body).handler(users::rotateToken);

    router.post("/sessions/start").handler(auth).handler(body).handler(sessions::start);
    router.post("/sessions/:id/end").handler(auth).handler(body).handler(sessions::end);
    router.get("/sessions/user/:user_id").handler(auth).handler(sessions::listOfUser);
    router.get("/sessions/:id").handler(auth).handler(sessions::get);

    router.post("/interruptions").handler(auth).handler(body).handler(interruptions::log);
    router.get("/interruptions/session/:session_id").handler(auth).handler(interruptions::listOfSession);
    router.delete("/interruptions/:id").handler(auth).handler(interruptions::delete);

    router.get("/users/:user_id/live").handler(auth).handler(live::upgrade);
    for (String view : Address.STATS_VIEWS) {
      router.get("/users/:user_id/stats/" + view).handler(auth).handler(ctx -> stats.view(ctx, view));
    }

    router.route().failureHandler(WebVerticle::failed);
    router.errorHandler(404, ctx -> Responses.detail(ctx, 404, "Not Found"));
    router.errorHandler(405, ctx -> Responses.detail(ctx, 405, "Method Not Allowed"));
    return router;
  }

  /** Maps a failed route: our own failures by type, Vert.x's by status code. */
  private static void failed(RoutingContext ctx) {
    if (ctx.failure() != null) {
      Responses.failure(ctx, ctx.failure());
      return;
    }
    int status = ctx.statusCode();
    switch (status) {
      case 413 -> {
        // the body is refused unread: drop what still comes and close, so the client sees the 413
        ctx.response().putHeader("Connection", "close");
        ctx.request().resume();
        Responses.detail(ctx, 413, "Request body too large (limit 64 KiB)");
      }
      case 503 -> {
        ctx.response().putHeader("Retry-After", "1");
        Responses.detail(ctx, 503, "Request took too long");
      }
      case 404 -> Responses.detail(ctx, 404, "Not Found");
      case 405 -> Responses.detail(ctx, 405, "Method Not Allowed");
      default -> Responses.detail(ctx, status >= 400 && status < 500 ? status : 500,
          status >= 400 && status < 500 ? "Bad Request" : "Internal Server Error");
    }
  }

  private static void requestId(RoutingContext ctx) {
    String given = ctx.request().getHeader(Responses.REQUEST_ID);
    boolean usable = given != null && !given.isEmpty() && given.length() <= 200
        && given.chars().allMatch(c -> c > 32 && c < 127);
    ctx.response().putHeader(Responses.REQUEST_ID, usable ? given : UUID.randomUUID().toString());
    ctx.next();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The port the server listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Open live sockets and frames pushed on this node, for metrics. */
  public int liveSockets() {
    return live.sockets();
  }

  public long livePushes() {
    return live.pushes();
  }

  /** Closes live sockets with 1001, then stops accepting and lets in-flight requests finish. */
  @Override
  public Future<?> stop() {
    Future<Void> socketsClosed = live == null ? Future.succeededFuture() : live.stop();
    return socketsClosed
        .compose(done -> server == null ? Future.succeededFuture() : server.shutdown())
        .compose(done -> auth == null ? Future.succeededFuture() : auth.stop());
  }
}
