package dev.hyperfocus.web;

import dev.hyperfocus.runtime.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Requests to the domain verticles with the web's short timeout, answered as HTTP. */
final class Bus {
  /**
   * In a cluster, a data node that has just (re)joined may not be known on this node for some
   * milliseconds: NO_HANDLERS is asked again a few times before it becomes a 503. While the data
   * node is down this delays each 503 by at most NO_HANDLERS_RETRIES x RETRY_MS.
   */
  static final int NO_HANDLERS_RETRIES = 4;
  static final long RETRY_MS = 100;

  private final Vertx vertx;
  private final DeliveryOptions options;

  Bus(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return request(address, body, NO_HANDLERS_RETRIES).map(JsonObject.class::cast);
  }

  /** A request that may take longer than the usual timeout (one that waits for another request). */
  Future<JsonObject> request(String address, JsonObject body, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body);
  }

  /** Retries NO_HANDLERS briefly: the moments after a data node (re)joins a cluster. */
  private Future<Object> request(String address, JsonObject body, int retriesLeft) {
    return vertx.eventBus().request(address, body, RequestIds.propagate(options)).map(Message::body)
        .recover(failure -> {
          if (retriesLeft > 0 && noHandlers(failure)) {
            return vertx.timer(RETRY_MS).compose(waited -> request(address, body, retriesLeft - 1));
          }
          return Future.failedFuture(failure);
        });
  }

  static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /** Forwards {@code body} to an address that replies with an encoded document, answered 200 as it is. */
  void forwardEncoded(RoutingContext ctx, String address, JsonObject body) {
    request(address, body, NO_HANDLERS_RETRIES).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else {
        Responses.encoded(ctx, 200, (Buffer) reply.result());
      }
    });
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
