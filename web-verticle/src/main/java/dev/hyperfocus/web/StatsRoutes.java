package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /users/{user_id}/stats/{view}}: forwarded to the stats verticle, which checks the range. */
final class StatsRoutes {
  private final Bus bus;

  StatsRoutes(Bus bus) {
    this.bus = bus;
  }

  void view(RoutingContext ctx, String view) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long userId = path.id(Json.USER_ID);
    path.check();
    bus.forwardEncoded(ctx, Address.stats(view), new JsonObject()
        .put(Json.USER_ID, userId)
        .put(Json.ACTOR_ID, Auth.actor(ctx))
        .put(Json.RANGE, ctx.queryParams().get(Json.RANGE)));
  }
}
