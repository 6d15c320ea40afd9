package dev.hyperfocus.web.edge;

import dev.hyperfocus.runtime.RequestIds;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * First handler of every request: gives it an id (the client's {@code X-Request-Id} when usable,
 * else a new one), echoes it, binds it to the request's context so that every log line of the
 * request names it, and writes one access line when the response is done.
 */
public final class RequestLog implements Handler<RoutingContext> {
  static final String ACCESS_LOGGER = "dev.hyperfocus.access";
  static final String METHOD = "method";
  static final String ROUTE = "route";
  static final String STATUS = "status";
  static final String DURATION_MS = "duration_ms";
  private static final Logger LOG = Logger.getLogger(ACCESS_LOGGER);
  private static final int MAX_ID_LENGTH = 200;
  private static final int MAX_UNROUTED_PATH = 100;

  private RouteTemplates templates;

  /** Where templates come from, once the route table is complete. */
  public void templates(RouteTemplates templates) {
    this.templates = templates;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(RequestIds.HEADER);
    String id = Input.isVisibleAscii(given, MAX_ID_LENGTH) ? given : newId();
    ctx.response().putHeader(RequestIds.HEADER, id);
    RequestIds.bind(id);
    long started = System.nanoTime();
    ctx.addEndHandler(done -> access(ctx, id, started));
    ctx.next();
  }

  /**
   * A random (version 4) UUID from the thread's own generator: an id names a request in the logs
   * and is no secret, so it needs none of the shared {@code SecureRandom} behind
   * {@link UUID#randomUUID()}, which cost 1 % of the web event loop under load.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }

  /**
   * The route that answered, when it is an exact route of this method (the common case, without
   * matching the path again); else the template the router would have matched, or null.
   */
  private String template(RoutingContext ctx) {
    Route answered = ctx.currentRoute();
    if (answered != null && answered.getPath() != null && answered.isExactPath() && answered.methods() != null
        && answered.methods().contains(ctx.request().method())) {
      return answered.getPath();
    }
    return templates == null ? null : templates.find(ctx.request().method(), ctx.request().path());
  }

  private void access(RoutingContext ctx, String id, long started) {
    if (!LOG.isLoggable(Level.INFO)) {
      return;
    }
    String method = ctx.request().method().name();
    String route = template(ctx);
    if (route == null) {
      String path = ctx.request().path();
      route = path.length() > MAX_UNROUTED_PATH ? path.substring(0, MAX_UNROUTED_PATH) + "..." : path;
    }
    int status = ctx.response().getStatusCode();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    LogRecord record = new LogRecord(Level.INFO, method + " " + route + " " + status + " " + millis + " ms");
    record.setLoggerName(ACCESS_LOGGER);
    record.setParameters(new Object[] {new JsonObject()
        .put(RequestIds.LOG_FIELD, id)
        .put(METHOD, method)
        .put(ROUTE, route)
        .put(STATUS, status)
        .put(DURATION_MS, millis)});
    LOG.log(record);
  }
}
