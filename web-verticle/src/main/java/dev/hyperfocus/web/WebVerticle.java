package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.web.calendar.CalendarRoutes;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.edge.Cors;
import dev.hyperfocus.web.edge.HostCheck;
import dev.hyperfocus.web.edge.RateLimit;
import dev.hyperfocus.web.edge.RequestDeadlines;
import dev.hyperfocus.web.edge.RequestLog;
import dev.hyperfocus.web.edge.RouteTemplates;
import dev.hyperfocus.web.edge.SecurityHeaders;
import dev.hyperfocus.web.edge.SlowClients;
import dev.hyperfocus.web.imports.ImportRoutes;
import dev.hyperfocus.web.live.LiveHub;
import dev.hyperfocus.web.ops.DashboardRoutes;
import dev.hyperfocus.web.ops.Health;
import dev.hyperfocus.web.ops.OperationsRoutes;
import dev.hyperfocus.web.ops.ServiceRoutes;
import dev.hyperfocus.web.rest.Bus;
import dev.hyperfocus.web.rest.ExportRoutes;
import dev.hyperfocus.web.rest.Idempotency;
import dev.hyperfocus.web.rest.InterruptionRoutes;
import dev.hyperfocus.web.rest.Responses;
import dev.hyperfocus.web.rest.SessionRoutes;
import dev.hyperfocus.web.rest.StatsRoutes;
import dev.hyperfocus.web.rest.UserRoutes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The only edge: REST routes, authentication, validation, failure mapping, and operations. A node
 * runs one instance per event loop ({@code HYPERFOCUS_WEB_INSTANCES}) on one shared port; what
 * must be the node's across instances (limits, the socket cap, watches) is in {@link WebNode}.
 */
public final class WebVerticle extends VerticleBase {
  static final int BODY_LIMIT = 64 * 1024;
  private static final long FORGET_IDLE_BUCKETS_MS = 60_000;
  private static final Logger LOG = Logger.getLogger(WebVerticle.class.getName());

  private HttpServer server;
  private WebNode node;
  private String deploymentId;
  private Auth auth;
  private LiveHub live;
  private Router router;

  @Override
  public Future<?> start() {
    WebConfig config = WebConfig.fromJson(config());
    Bus bus = new Bus(vertx, config.busTimeoutMs());
    deploymentId = context.deploymentID();
    node = WebNode.of(vertx, deploymentId, config);
    boolean first = node.arrive();
    RateLimit requests = RateLimit.of(node.requests, Auth::limitKey);
    RateLimit signUps = RateLimit.of(node.signUps, RateLimit::clientAddress);
    auth = new Auth(vertx, bus, config.tokens(), requests, node.authFailures);
    if (first) {
      // the buckets are the node's: one sweep per node, not one per instance holding their locks in turn
      vertx.setPeriodic(FORGET_IDLE_BUCKETS_MS, tick -> {
        requests.forgetIdle();
        signUps.forgetIdle();
        auth.forgetIdle();
      });
    }
    live = new LiveHub(vertx, bus, node.liveUsers, first, config.livePingMs(), config.corsOrigins());
    // no permessage-deflate: measured on 1,000 sockets it made a fan-out 6x slower (docs/benchmarks.md)
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(config.idleTimeoutSeconds())
        .setMaxInitialLineLength(8192)
        // h2c upgrade broke larger responses (a 59 KB body answered "101" and nothing usable);
        // clear-text clients speak HTTP/1.1, TLS terminators may still speak HTTP/2 to us
        .setHttp2ClearTextEnabled(false)
        // measured: compression costs more CPU than it saves on our small frames (docs/benchmarks.md)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    return Future.all(OperationsRoutes.load(vertx), DashboardRoutes.load(vertx))
        .compose(loaded -> {
          router = routes(config, bus, signUps, loaded.resultAt(0), loaded.resultAt(1));
          return Future.all(auth.start(), live.start());
        })
        // port 0: -1 asks Vert.x for one free port shared by every server listening on -1 in this
        // Vert.x, i.e. by the instances of this deployment (a node deploys the web verticle once)
        .compose(ready -> vertx.createHttpServer(options).requestHandler(router)
            .listen(config.port() == 0 ? -1 : config.port(), config.host()))
        .onSuccess(listening -> {
          server = listening;
          if (first) {
            LOG.info("HyperFocus listening on http://" + hostForUrl(config.host()) + ":" + listening.actualPort() + "/");
          }
        });
  }

  private Router routes(WebConfig config, Bus bus, RateLimit signUps, OperationsRoutes operations,
      DashboardRoutes dashboard) {
    ServiceRoutes service = new ServiceRoutes();
    Health health = new Health(vertx, config.dataLocal());
    RequestLog requestLog = new RequestLog();
    UserRoutes users = new UserRoutes(bus, auth);
    SessionRoutes sessions = new SessionRoutes(bus);
    InterruptionRoutes interruptions = new InterruptionRoutes(bus);
    StatsRoutes stats = new StatsRoutes(bus);
    ExportRoutes export = new ExportRoutes(bus);
    ImportRoutes imports = new ImportRoutes(vertx, bus, Clock.systemUTC());
    CalendarRoutes calendar = new CalendarRoutes(vertx, bus, auth, Clock.systemUTC(), config.publicUrl());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);

    Router router = Router.router(vertx);
    router.route().handler(requestLog);
    router.route().handler(WebVerticle::basics);
    router.route().handler(SecurityHeaders::anyHtml);
    if (config.clientAddresses().any()) {
      router.route().handler(config.clientAddresses());
    }
    router.route().handler(new SlowClients(config.requestTimeoutMs())::handle);
    HostCheck hosts = new HostCheck(config.allowedHosts());
    if (hosts.enforcing()) {
      router.route().handler(hosts);
    }
    if (!config.corsOrigins().isEmpty()) {
      router.route().handler(new Cors(config.corsOrigins()));
    }
    // Above the request timeout: an export streams for as long as the history takes, each page
    // bounded by the bus timeout, and a 503 cannot follow a status line already sent.
    router.get("/users/:id/export").handler(auth).handler(export::export);
    // Above the request timeout too: an import streams up to 50 MB to a temporary file and writes
    // it in two domains, each step bounded by its own bus timeout (ImportRoutes).
    router.post("/users/:id/import").handler(ImportRoutes.holdBody()).handler(auth).handler(imports::importFile);
    RequestDeadlines timeout = new RequestDeadlines(config.requestTimeoutMs(), 503);
    timeout.start(vertx);
    // every request, whatever its headers: the live route releases an upgrade once it accepts it
    // (an upgraded WebSocket never ends its response, the timeout would fire on it later)
    router.route().handler(timeout);

    // First: the router tries routes in order and matches each pattern route's regular expression
    // before its method, and statistics are what dashboards ask for most. No other route matches
    // these paths, so their place changes no answer.
    for (String view : Address.STATS_VIEWS) {
      Endpoint<StatsApi.View, Buffer> endpoint = StatsApi.view(view);
      router.get("/users/:user_id/stats/" + view).handler(auth).handler(ctx -> stats.view(ctx, endpoint));
    }
    router.get("/").handler(SecurityHeaders::page).handler(service::root);
    router.get("/health").handler(health::handle);
    router.get("/openapi.json").handler(operations::openapi);
    router.get("/docs").handler(SecurityHeaders::page).handler(operations::docs);
    router.get("/docs/files/*").handler(operations.docsFiles());
    router.get("/docs/assets/*").handler(operations.docsAssets());
    router.get("/metrics").handler(operations::metrics);
    router.get("/dashboard*").handler(SecurityHeaders::page);
    router.get("/dashboard").handler(dashboard::page);
    router.get(DashboardRoutes.ASSETS).handler(dashboard.assets());

    router.post("/users").handler(signUps).handler(body).handler(users::create);
    router.get("/users/me").handler(auth).handler(users::me);
    router.get("/users/:id").handler(auth).handler(users::get);
    router.patch("/users/:id").handler(auth).handler(body).handler(users::update);
    router.delete("/users/:id").handler(auth).handler(users::delete);
    router.post("/users/:id/token").handler(auth).handler(body).handler(users::rotateToken);
    // like a token, the calendar key is shown once: the route ignores Idempotency-Key
    router.post("/users/:id/calendar-token").handler(auth).handler(body).handler(calendar::issueKey);
    // no bearer token: calendar apps cannot send one; the key in the URL is the credential
    router.get("/users/:id/calendar.ics").handler(calendar::feed);

    // a key is one per (scope, key) across every endpoint: each route asks the other writing domain
    Handler<RoutingContext> keyedSessions = Idempotency.claim(bus, InterruptionsApi.KEY_HELD);
    Handler<RoutingContext> keyedInterruptions = Idempotency.claim(bus, SessionsApi.KEY_HELD);
    router.post("/sessions/start").handler(auth).handler(body).handler(keyedSessions).handler(sessions::start);
    router.post("/sessions/:id/end").handler(auth).handler(body).handler(keyedSessions).handler(sessions::end);
    router.get("/sessions/user/:user_id").handler(auth).handler(sessions::listOfUser);
    router.get("/sessions/:id").handler(auth).handler(sessions::get);

    router.post("/interruptions").handler(auth).handler(body).handler(keyedInterruptions).handler(interruptions::log);
    router.get("/interruptions/session/:session_id").handler(auth).handler(interruptions::listOfSession);
    router.delete("/interruptions/:id").handler(auth).handler(interruptions::delete);

    // the Origin check comes first, like the Host check: a page of another site is refused before
    // its token (or, in open mode, its lack of one) is even looked at; a security policy handler,
    // as Vert.x Web wants no user handler before one (Auth)
    router.get("/users/:user_id/live").handler((SecurityPolicyHandler) live::checkOrigin).handler(auth).handler(live::upgrade);

    router.route().failureHandler(Responses::routeFailure);
    router.errorHandler(404, ctx -> Responses.detail(ctx, 404, "Not Found"));
    router.errorHandler(405, ctx -> Responses.detail(ctx, 405, "Method Not Allowed"));
    requestLog.templates(RouteTemplates.of(router));
    return router;
  }

  /** No content-type sniffing on any response; a URL with invalid percent-encoding is a 400. */
  private static void basics(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff");
    try {
      ctx.normalizedPath();
      ctx.queryParams();
    } catch (IllegalArgumentException e) {
      Responses.detail(ctx, 400, "Malformed URL: invalid percent-encoding");
      return;
    }
    ctx.next();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The route table, for the test that holds it and the OpenAPI document in agreement. */
  Router router() {
    return router;
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
    if (server != null) {
      LOG.info("HTTP server stops accepting connections; in-flight requests finish");
    }
    Future<Void> socketsClosed = live == null ? Future.succeededFuture() : live.stop();
    return socketsClosed
        .compose(done -> server == null ? Future.succeededFuture() : server.shutdown())
        .compose(done -> auth == null ? Future.succeededFuture() : auth.stop())
        .onComplete(done -> {
          if (node != null) {
            node.leave(vertx, deploymentId);
          }
        });
  }
}
