package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /} and {@code /health}. */
final class ServiceRoutes {
  static final String RUNNING = "HyperFocus API is running 🚀";
  private static final Map<String, String> CHECKS = new LinkedHashMap<>();

  static {
    CHECKS.put("users", Address.USERS_HEALTH);
    CHECKS.put("sessions", Address.SESSIONS_HEALTH);
    CHECKS.put("interruptions", Address.INTERRUPTIONS_HEALTH);
    CHECKS.put("idempotency", Address.IDEMPOTENCY_HEALTH);
  }

  private final Bus bus;

  ServiceRoutes(Bus bus) {
    this.bus = bus;
  }

  void root(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put(Json.MESSAGE, RUNNING));
  }

  /** Ready when every domain verticle answers and its database responds. */
  void health(RoutingContext ctx) {
    List<String> names = List.copyOf(CHECKS.keySet());
    List<Future<JsonObject>> pings = names.stream()
        .map(name -> bus.request(CHECKS.get(name), new JsonObject()))
        .toList();
    Future.join(pings).onComplete(done -> {
      JsonArray checks = new JsonArray();
      boolean up = true;
      for (int i = 0; i < names.size(); i++) {
        boolean ok = pings.get(i).succeeded();
        up &= ok;
        checks.add(new JsonObject().put(Json.ID, names.get(i)).put(Json.STATUS, ok ? "UP" : "DOWN"));
      }
      if (!up) {
        ctx.response().putHeader("Retry-After", "1");
      }
      Responses.json(ctx, up ? 200 : 503, new JsonObject().put(Json.STATUS, up ? "UP" : "DOWN").put("checks", checks));
    });
  }
}
