package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Bodies;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** {@code /sessions}: starting, ending, reading and listing focus sessions. */
public final class SessionRoutes {
  static final int PAGE_MAX = 1000;

  private final Bus bus;

  public SessionRoutes(Bus bus) {
    this.bus = bus;
  }

  public void start(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    Long userId = body.id(Fields.USER_ID);
    Instant start = body.instant(Fields.START_TIME, false);
    ZoneId zone = body.zone(Fields.TIMEZONE, false);
    body.check();
    bus.forward(ctx, SessionsApi.START,
        new SessionsApi.Start(userId, Auth.actor(ctx), start, zone == null ? null : zone.getId(),
            Idempotency.key(ctx, 201)), 201);
  }

  public void end(RoutingContext ctx) {
    Input body = Bodies.read(ctx, false);
    Long id = body.params("path", ctx::pathParam).id(Fields.ID);
    Instant end = body.instant(Fields.END_TIME, false);
    body.check();
    bus.forward(ctx, SessionsApi.END, new SessionsApi.End(id, Auth.actor(ctx), end, Idempotency.key(ctx, 200)), 200);
  }

  public void get(RoutingContext ctx) {
    bus.forward(ctx, SessionsApi.GET, UserRoutes.owned(ctx, UserRoutes.pathId(ctx)), 200);
  }

  public void listOfUser(RoutingContext ctx) {
    JsonArray problems = new JsonArray();
    Long userId = Input.params("path", ctx::pathParam, problems).id(Fields.USER_ID);
    Input query = Input.params("query", ctx.queryParams()::get, problems);
    LocalDate day = query.date(Fields.DAY);
    Integer limit = query.bounded(Fields.LIMIT, 1, PAGE_MAX, PAGE_MAX);
    Integer offset = query.bounded(Fields.OFFSET, 0, Integer.MAX_VALUE, 0);
    query.check();
    bus.request(SessionsApi.LIST, new SessionsApi.ListOfUser(userId, Auth.actor(ctx), day, limit, offset))
        .onComplete(reply -> {
          if (reply.failed()) {
            Responses.failure(ctx, reply.cause());
            return;
          }
          ctx.response().putHeader("X-Total-Count", String.valueOf(reply.result().total()));
          Responses.json(ctx, 200, reply.result().items());
        });
  }
}
