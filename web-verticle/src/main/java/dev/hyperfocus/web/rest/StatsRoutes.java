package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;

/** {@code /users/{user_id}/stats/{view}}: forwarded to the stats verticle, which checks the range. */
public final class StatsRoutes {
  private final Bus bus;

  public StatsRoutes(Bus bus) {
    this.bus = bus;
  }

  /** One view ({@link StatsApi#view}); the range is parsed by the stats verticle, which answers 400. */
  public void view(RoutingContext ctx, Endpoint<StatsApi.View, Buffer> view) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long userId = path.id(Fields.USER_ID);
    path.check();
    bus.forward(ctx, view, new StatsApi.View(userId, Auth.actor(ctx), ctx.queryParams().get(Fields.RANGE)), 200);
  }
}
