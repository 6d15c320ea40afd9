package dev.hyperfocus.web.edge;

import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * CORS for the configured origins only. A request from any other origin gets no CORS header at
 * all (the browser then keeps the response from the page), and is otherwise served as usual, so
 * that the dashboard's own same-origin requests never depend on this list.
 */
public final class Cors implements Handler<RoutingContext> {
  private static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
  private static final String EXPOSED_HEADERS = "X-Request-Id, X-Total-Count, Retry-After, "
      + "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Idempotent-Replayed";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  public Cors(Set<String> origins) {
    this.origins = origins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    response.putHeader("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if (origin == null || !origins.contains(origin)) {
      ctx.next();
      return;
    }
    response.putHeader("Access-Control-Allow-Origin", origin);
    if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
      response.putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
          .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
          .putHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
      Responses.noContent(ctx);
      return;
    }
    response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    ctx.next();
  }
}
