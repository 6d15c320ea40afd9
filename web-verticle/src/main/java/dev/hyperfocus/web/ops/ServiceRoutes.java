package dev.hyperfocus.web.ops;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /}. */
public final class ServiceRoutes {
  static final String RUNNING = "HyperFocus API is running 🚀";

  public void root(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put(Fields.MESSAGE, RUNNING));
  }
}
