package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Bodies;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code /interruptions}: logging, listing and deleting interruptions. */
public final class InterruptionRoutes {
  static final int DESCRIPTION_MAX = 500;

  private final Bus bus;

  public InterruptionRoutes(Bus bus) {
    this.bus = bus;
  }

  public void log(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    Long sessionId = body.id(Fields.SESSION_ID);
    Long userId = body.id(Fields.USER_ID);
    InterruptionType type = body.type(Fields.TYPE);
    String description = body.text(Fields.DESCRIPTION, DESCRIPTION_MAX, true);
    Instant start = body.instant(Fields.START_TIME, true);
    Instant end = body.instant(Fields.END_TIME, true);
    if (start != null && end != null && !end.isAfter(start)) {
      body.problem(Fields.END_TIME, "end_time must be after start_time", "value_error");
    }
    body.check();
    bus.forward(ctx, InterruptionsApi.LOG,
        new InterruptionsApi.Log(Auth.actor(ctx), sessionId, userId, type, description, start, end,
            Idempotency.key(ctx, 201)), 201);
  }

  public void listOfSession(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long sessionId = path.id(Fields.SESSION_ID);
    path.check();
    bus.request(InterruptionsApi.LIST, new InterruptionsApi.OfSession(sessionId, Auth.actor(ctx))).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else {
        Responses.json(ctx, 200, reply.result().items());
      }
    });
  }

  public void delete(RoutingContext ctx) {
    bus.forward(ctx, InterruptionsApi.DELETE, UserRoutes.owned(ctx, UserRoutes.pathId(ctx)), 204);
  }
}
