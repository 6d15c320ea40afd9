package dev.hyperfocus.web;

import dev.hyperfocus.api.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Requests to the domain verticles with the web's short timeout, answered as HTTP. */
final class Bus {
  private final Vertx vertx;
  private final DeliveryOptions options;

  Bus(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, RequestIds.propagate(options)).map(Message::body);
  }

  /** A request that may take longer than the usual timeout (one that waits for another request). */
  Future<JsonObject> request(String address, JsonObject body, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body);
  }

  /** Forwards {@code body} and answers {@code status} with the reply (204: no body). */
  void forward(RoutingContext ctx, String address, JsonObject body, int status) {
    request(address, body).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else if (status == 204) {
        Responses.noContent(ctx);
      } else {
        Responses.json(ctx, status, reply.result());
      }
    });
  }
}
