package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/** {@code /users}: sign-up, profile, deletion and token rotation. */
final class UserRoutes {
  static final int NAME_MAX = 100;
  private static final String DEFAULT_ZONE = "UTC";

  private final Bus bus;
  private final Auth auth;

  UserRoutes(Bus bus, Auth auth) {
    this.bus = bus;
    this.auth = auth;
  }

  void create(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    String name = body.text(Json.NAME, NAME_MAX, true);
    String email = body.email(Json.EMAIL);
    ZoneId zone = body.zone(Json.TIMEZONE, false);
    body.check();
    bus.forward(ctx, Address.USERS_CREATE, new JsonObject()
        .put(Json.NAME, name)
        .put(Json.EMAIL, email)
        .put(Json.TIMEZONE, zone == null ? DEFAULT_ZONE : zone.getId())
        .put(Json.ISSUE_TOKEN, auth.required()), 201);
  }

  void me(RoutingContext ctx) {
    Long actor = Auth.actor(ctx);
    if (actor == null) {
      throw new HttpProblem(404, Messages.USER_NOT_FOUND);
    }
    bus.forward(ctx, Address.USERS_GET, new JsonObject().put(Json.ID, actor).put(Json.ACTOR_ID, actor), 200);
  }

  void get(RoutingContext ctx) {
    bus.forward(ctx, Address.USERS_GET, owned(ctx, pathId(ctx)), 200);
  }

  void update(RoutingContext ctx) {
    Input body = Bodies.read(ctx, false);
    Long id = body.params("path", ctx::pathParam).id(Json.ID);
    String name = body.text(Json.NAME, NAME_MAX, false);
    ZoneId zone = body.zone(Json.TIMEZONE, false);
    body.check();
    bus.forward(ctx, Address.USERS_UPDATE, owned(ctx, id)
        .put(Json.NAME, name)
        .put(Json.TIMEZONE, zone == null ? null : zone.getId()), 200);
  }

  void delete(RoutingContext ctx) {
    bus.forward(ctx, Address.USERS_DELETE, owned(ctx, pathId(ctx)), 204);
  }

  void rotateToken(RoutingContext ctx) {
    bus.forward(ctx, Address.USERS_ROTATE_TOKEN, owned(ctx, pathId(ctx)), 201);
  }

  /** The validated {@code {id}} of the path. */
  static long pathId(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Json.ID);
    path.check();
    return id;
  }

  /** A request naming a resource on behalf of the authenticated user. */
  static JsonObject owned(RoutingContext ctx, long id) {
    return new JsonObject().put(Json.ID, id).put(Json.ACTOR_ID, Auth.actor(ctx));
  }
}
