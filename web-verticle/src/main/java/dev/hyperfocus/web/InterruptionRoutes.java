package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code /interruptions}: logging, listing and deleting interruptions. */
final class InterruptionRoutes {
  static final int DESCRIPTION_MAX = 500;

  private final Bus bus;

  InterruptionRoutes(Bus bus) {
    this.bus = bus;
  }

  void log(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    Long sessionId = body.id(Json.SESSION_ID);
    Long userId = body.id(Json.USER_ID);
    InterruptionType type = body.type(Json.TYPE);
    String description = body.text(Json.DESCRIPTION, DESCRIPTION_MAX, true);
    Instant start = body.instant(Json.START_TIME, true);
    Instant end = body.instant(Json.END_TIME, true);
    if (start != null && end != null && !end.isAfter(start)) {
      body.problem(Json.END_TIME, "end_time must be after start_time", "value_error");
    }
    body.check();
    bus.forward(ctx, Address.INTERRUPTIONS_LOG, new JsonObject()
        .put(Json.ACTOR_ID, Auth.actor(ctx))
        .put(Json.SESSION_ID, sessionId)
        .put(Json.USER_ID, userId)
        .put(Json.TYPE, type.wireName())
        .put(Json.DESCRIPTION, description)
        .put(Json.START_TIME, Json.instant(start))
        .put(Json.END_TIME, Json.instant(end)), 201);
  }

  void listOfSession(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long sessionId = path.id(Json.SESSION_ID);
    path.check();
    JsonObject request = new JsonObject().put(Json.SESSION_ID, sessionId).put(Json.ACTOR_ID, Auth.actor(ctx));
    bus.request(Address.INTERRUPTIONS_LIST, request).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else {
        Responses.json(ctx, 200, reply.result().getJsonArray(Json.ITEMS));
      }
    });
  }

  void delete(RoutingContext ctx) {
    bus.forward(ctx, Address.INTERRUPTIONS_DELETE, UserRoutes.owned(ctx, UserRoutes.pathId(ctx)), 204);
  }
}
