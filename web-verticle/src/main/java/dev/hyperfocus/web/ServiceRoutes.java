package dev.hyperfocus.web;

import dev.hyperfocus.api.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /}. */
final class ServiceRoutes {
  static final String RUNNING = "HyperFocus API is running 🚀";

  void root(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put(Json.MESSAGE, RUNNING));
  }
}
