package dev.hyperfocus.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binds request/reply consumers: each handler takes the request body and returns the reply body.
 * A {@link ReplyException} failure is passed on as it is (its code is an HTTP status); anything
 * else is a bug, logged and answered with code 500.
 */
public final class Handlers {
  private static final Logger LOG = Logger.getLogger(Handlers.class.getName());

  private final Vertx vertx;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  public Handlers(Vertx vertx) {
    this.vertx = vertx;
  }

  public Handlers on(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return bind(address, handler, reply -> reply);
  }

  /**
   * Like {@link #on}, but the reply is the JSON document already encoded (a {@code Buffer}): for
   * large answers that the web edge only passes on, so that its event loop, the one every request
   * goes through, neither copies nor encodes them.
   */
  public Handlers onEncoded(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return bind(address, handler, JsonObject::toBuffer);
  }

  private Handlers bind(String address, Function<JsonObject, Future<JsonObject>> handler,
      Function<JsonObject, Object> body) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, message -> {
      RequestIds.bind(message);
      Future<JsonObject> reply;
      try {
        reply = handler.apply(message.body() == null ? new JsonObject() : message.body());
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(done -> {
        if (done.succeeded()) {
          message.reply(body.apply(done.result()));
        } else if (done.cause() instanceof ReplyException failure) {
          message.fail(failure.failureCode(), failure.getMessage());
        } else {
          LOG.log(Level.SEVERE, "Unexpected failure on " + address, done.cause());
          message.fail(500, "Internal Server Error");
        }
      });
    }));
    return this;
  }

  /** Completes once every consumer is registered (across the cluster too). */
  public Future<Void> ready() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
