package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Bodies;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;

/** {@code /users}: sign-up, profile, deletion and token rotation. */
public final class UserRoutes {
  static final int NAME_MAX = 100;
  private static final String DEFAULT_ZONE = "UTC";

  private final Bus bus;
  private final Auth auth;

  public UserRoutes(Bus bus, Auth auth) {
    this.bus = bus;
    this.auth = auth;
  }

  public void create(RoutingContext ctx) {
    Input body = Bodies.read(ctx, true);
    String name = body.text(Fields.NAME, NAME_MAX, true);
    String email = body.email(Fields.EMAIL);
    ZoneId zone = body.zone(Fields.TIMEZONE, false);
    body.check();
    bus.forward(ctx, UsersApi.CREATE,
        new UsersApi.Create(name, email, zone == null ? DEFAULT_ZONE : zone.getId(), auth.required()), 201);
  }

  public void me(RoutingContext ctx) {
    Long actor = Auth.actor(ctx);
    if (actor == null) {
      throw new HttpProblem(404, Messages.USER_NOT_FOUND);
    }
    bus.forward(ctx, UsersApi.GET, new ById(actor, actor), 200);
  }

  public void get(RoutingContext ctx) {
    bus.forward(ctx, UsersApi.GET, owned(ctx, pathId(ctx)), 200);
  }

  public void update(RoutingContext ctx) {
    Input body = Bodies.read(ctx, false);
    Long id = body.params("path", ctx::pathParam).id(Fields.ID);
    String name = body.text(Fields.NAME, NAME_MAX, false);
    ZoneId zone = body.zone(Fields.TIMEZONE, false);
    body.check();
    bus.forward(ctx, UsersApi.UPDATE,
        new UsersApi.Update(id, Auth.actor(ctx), name, zone == null ? null : zone.getId()), 200);
  }

  public void delete(RoutingContext ctx) {
    bus.forward(ctx, UsersApi.DELETE, owned(ctx, pathId(ctx)), 204);
  }

  public void rotateToken(RoutingContext ctx) {
    bus.forward(ctx, UsersApi.ROTATE_TOKEN, owned(ctx, pathId(ctx)), 201);
  }

  /** The validated {@code {id}} of the path. */
  static long pathId(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Fields.ID);
    path.check();
    return id;
  }

  /** A request naming a resource on behalf of the authenticated user. */
  static ById owned(RoutingContext ctx, long id) {
    return new ById(id, Auth.actor(ctx));
  }
}
