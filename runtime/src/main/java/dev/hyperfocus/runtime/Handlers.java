package dev.hyperfocus.runtime;

import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.InvalidField;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binds a verticle's request/reply {@link Endpoint}s: each handler takes the request record and
 * returns the reply record. A {@link ReplyException} failure is passed on as it is (its code is an
 * HTTP status; an {@link InvalidField} keeps its field); anything else is a bug, logged and
 * answered with code 500. A handler that fails with {@link IdempotentKey.Replay} is answered with
 * the kept HTTP body, its status in the {@link IdempotentKey#REPLAYED_STATUS} header.
 */
public final class Handlers {
  private static final Logger LOG = Logger.getLogger(Handlers.class.getName());

  private final Vertx vertx;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  public Handlers(Vertx vertx) {
    this.vertx = vertx;
    registerCodecs(vertx);
  }

  /**
   * Registers the codecs of our failure types on {@code vertx}, once: every instance that answers
   * domain requests or sends them must know them to pass them across a cluster.
   */
  public static void registerCodecs(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(InvalidField.class, InvalidField.CODEC);
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this instance did it first
    }
  }

  public <Q, R> Handlers on(Endpoint<Q, R> endpoint, Function<Q, Future<R>> handler) {
    consumers.add(vertx.eventBus().consumer(endpoint.address(), message -> {
      RequestIds.bind(message);
      Future<R> reply;
      try {
        reply = handler.apply(endpoint.request().decode(message.body()));
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(done -> {
        if (done.succeeded()) {
          message.reply(endpoint.reply().encode(done.result()));
        } else {
          fail(message, endpoint.address(), done.cause());
        }
      });
    }));
    return this;
  }

  private static void fail(Message<Object> message, String address, Throwable cause) {
    if (cause instanceof IdempotentKey.Replay replay) {
      message.reply(Buffer.buffer(replay.body() == null ? "" : replay.body()), new DeliveryOptions()
          .addHeader(IdempotentKey.REPLAYED_STATUS, Integer.toString(replay.status())));
    } else if (cause instanceof InvalidField invalid) {
      message.reply(invalid);
    } else if (cause instanceof ReplyException failure) {
      message.fail(failure.failureCode(), failure.getMessage());
    } else {
      LOG.log(Level.SEVERE, "Unexpected failure on " + address, cause);
      message.fail(500, "Internal Server Error");
    }
  }

  /** Completes once every consumer is registered (across the cluster too). */
  public Future<Void> ready() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
