package dev.hyperfocus.web.ops;

import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health} from Vert.x health checks: this web verticle, and each domain verticle
 * (which answers its health address only once its database answers). On a node with the data
 * role those verticles are local; on a web-only node they are grouped under {@code data-node},
 * reached over the (clustered) event bus. 200 when every check is UP, else 503 with Retry-After.
 */
public final class Health {
  static final String WEB = "web";
  static final String DATA_NODE = "data-node";
  private static final String REASON = "reason";
  private static final long PING_TIMEOUT_MS = 1500;
  private static final long CHECK_TIMEOUT_MS = 2500;
  private static final Map<String, Endpoint<Empty, ?>> DOMAINS = new LinkedHashMap<>();

  static {
    DOMAINS.put("users", UsersApi.HEALTH);
    DOMAINS.put("sessions", SessionsApi.HEALTH);
    DOMAINS.put("interruptions", InterruptionsApi.HEALTH);
    DOMAINS.put("stats", StatsApi.HEALTH);
  }

  private final Vertx vertx;
  private final HealthChecks checks;

  public Health(Vertx vertx, boolean dataLocal) {
    this.vertx = vertx;
    this.checks = HealthChecks.create(vertx);
    checks.register(WEB, promise -> promise.complete(Status.OK()));
    String group = dataLocal ? "" : DATA_NODE + "/";
    DOMAINS.forEach((name, address) -> checks.register(group + name, CHECK_TIMEOUT_MS, promise -> ping(address, promise)));
  }

  public void handle(RoutingContext ctx) {
    checks.checkStatus().onComplete(done -> {
      CheckResult result = done.succeeded() ? done.result() : CheckResult.from(WEB, done.cause());
      JsonObject body = result.toJson();
      body.remove("outcome");
      boolean up = result.getUp();
      if (!up) {
        ctx.response().putHeader("Retry-After", "1");
      }
      Responses.json(ctx, up ? 200 : 503, new JsonObject()
          .put(Fields.STATUS, body.getString(Fields.STATUS))
          .put(Fields.CHECKS, byId(body.getJsonArray(Fields.CHECKS))));
    });
  }

  /** Checks in a stable order (the library keeps them in a hash map). */
  private static JsonArray byId(JsonArray checks) {
    List<JsonObject> sorted = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      JsonObject check = checks.getJsonObject(i);
      if (check.containsKey(Fields.CHECKS)) {
        check.put(Fields.CHECKS, byId(check.getJsonArray(Fields.CHECKS)));
      }
      sorted.add(check);
    }
    sorted.sort(Comparator.comparing(check -> check.getString(Fields.ID)));
    return new JsonArray(new ArrayList<>(sorted));
  }

  private <R> void ping(Endpoint<Empty, R> endpoint, Promise<Status> promise) {
    endpoint.request(vertx.eventBus(), Empty.INSTANCE, new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(reply -> (JsonObject) endpoint.reply().encode(reply))
        .onComplete(reply -> promise.complete(reply.succeeded()
            ? (reply.result().isEmpty() ? Status.OK() : Status.OK(reply.result()))
            : Status.KO(new JsonObject().put(REASON, reason(reply.cause())))));
  }

  private static String reason(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> "not deployed or not reachable";
        case TIMEOUT -> "no answer within " + PING_TIMEOUT_MS + " ms";
        default -> "failed: " + reply.failureType().name().toLowerCase(Locale.ROOT);
      };
    }
    return "failed";
  }
}
