package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.runtime.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/** Requests to the domain verticles with the web's short timeout, answered as HTTP. */
public final class Bus {
  /**
   * In a cluster, a data node that has just (re)joined may not be known on this node for some
   * milliseconds: NO_HANDLERS is asked again a few times before it becomes a 503. While the data
   * node is down this delays each 503 by at most NO_HANDLERS_RETRIES x RETRY_MS.
   */
  static final int NO_HANDLERS_RETRIES = 4;
  static final long RETRY_MS = 100;

  private final Vertx vertx;
  private final DeliveryOptions options;

  public Bus(Vertx vertx, long timeoutMs) {
    Handlers.registerCodecs(vertx);
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** Sends {@code request} to its domain and reads the reply as its record. */
  public <Q, R> Future<R> request(Endpoint<Q, R> endpoint, Q request) {
    return send(endpoint.address(), endpoint.request().encode(request), NO_HANDLERS_RETRIES)
        .map(reply -> endpoint.reply().decode(reply.body()));
  }

  /** A request that may take longer than the usual timeout (one that waits for another request). */
  public <Q, R> Future<R> request(Endpoint<Q, R> endpoint, Q request, long timeoutMs) {
    return endpoint.request(vertx.eventBus(), request, RequestIds.propagate(new DeliveryOptions().setSendTimeout(timeoutMs)));
  }

  /** Retries NO_HANDLERS briefly: the moments after a data node (re)joins a cluster. */
  private Future<Message<Object>> send(String address, Object body, int retriesLeft) {
    return vertx.eventBus().request(address, body, RequestIds.propagate(options))
        .recover(failure -> {
          if (retriesLeft > 0 && noHandlers(failure)) {
            return vertx.timer(RETRY_MS).compose(waited -> send(address, body, retriesLeft - 1));
          }
          return Future.failedFuture(failure);
        });
  }

  public static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /**
   * Sends {@code request} and answers {@code status} with the reply in its wire form, which is its
   * HTTP representation: a JSON object, or a document the domain already encoded (204: no body).
   * The edge passes it on without reading it into its record, so that its event loop, the one
   * every request goes through, neither decodes nor re-encodes what it only forwards. A reply
   * that replays the response kept for the request's Idempotency-Key is answered as it was kept.
   */
  public <Q, R> void forward(RoutingContext ctx, Endpoint<Q, R> endpoint, Q request, int status) {
    send(endpoint.address(), endpoint.request().encode(request), NO_HANDLERS_RETRIES).onComplete(sent -> {
      if (sent.failed()) {
        Responses.failure(ctx, sent.cause());
        return;
      }
      String replayed = sent.result().headers().get(IdempotentKey.REPLAYED_STATUS);
      Object reply = sent.result().body();
      if (replayed != null) {
        ctx.response().putHeader(Idempotency.REPLAYED, "true");
        Responses.replay(ctx, Integer.parseInt(replayed), ((Buffer) reply).toString(StandardCharsets.UTF_8));
      } else if (status == 204) {
        Responses.noContent(ctx);
      } else if (reply instanceof Buffer encoded) {
        Responses.encoded(ctx, status, encoded);
      } else {
        Responses.json(ctx, status, reply);
      }
    });
  }
}
