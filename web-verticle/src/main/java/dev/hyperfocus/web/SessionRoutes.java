package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** {@code /sessions}: starting, ending, reading and listing focus sessions. */
final class SessionRoutes {
  static final int PAGE_MAX = 1000;

  private final Bus bus;

  SessionRoutes(Bus bus) {
    this.bus = bus;
  }

  void start(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    Long userId = body.id(Json.USER_ID);
    Instant start = body.instant(Json.START_TIME, false);
    ZoneId zone = body.zone(Json.TIMEZONE, false);
    body.check();
    JsonObject request = new JsonObject().put(Json.USER_ID, userId).put(Json.ACTOR_ID, Auth.actor(ctx));
    if (start != null) {
      request.put(Json.START_TIME, Json.instant(start));
    }
    if (zone != null) {
      request.put(Json.TIMEZONE, zone.getId());
    }
    bus.forward(ctx, Address.SESSIONS_START, request, 201);
  }

  void end(RoutingContext ctx) {
    Input body = Bodies.read(ctx, false);
    Long id = body.params("path", ctx::pathParam).id(Json.ID);
    Instant end = body.instant(Json.END_TIME, false);
    body.check();
    JsonObject request = UserRoutes.owned(ctx, id);
    if (end != null) {
      request.put(Json.END_TIME, Json.instant(end));
    }
    bus.forward(ctx, Address.SESSIONS_END, request, 200);
  }

  void get(RoutingContext ctx) {
    bus.forward(ctx, Address.SESSIONS_GET, UserRoutes.owned(ctx, UserRoutes.pathId(ctx)), 200);
  }

  void listOfUser(RoutingContext ctx) {
    JsonArray problems = new JsonArray();
    Long userId = Input.params("path", ctx::pathParam, problems).id(Json.USER_ID);
    Input query = Input.params("query", ctx.queryParams()::get, problems);
    LocalDate day = query.date(Json.DAY);
    Integer limit = query.bounded(Json.LIMIT, 1, PAGE_MAX, PAGE_MAX);
    Integer offset = query.bounded(Json.OFFSET, 0, Integer.MAX_VALUE, 0);
    query.check();
    JsonObject request = new JsonObject()
        .put(Json.USER_ID, userId)
        .put(Json.ACTOR_ID, Auth.actor(ctx))
        .put(Json.DAY, day == null ? null : day.toString())
        .put(Json.LIMIT, limit)
        .put(Json.OFFSET, offset);
    bus.request(Address.SESSIONS_LIST, request).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
        return;
      }
      ctx.response().putHeader("X-Total-Count", String.valueOf(reply.result().getLong(Json.TOTAL)));
      Responses.json(ctx, 200, reply.result().getJsonArray(Json.ITEMS));
    });
  }
}
