package dev.hyperfocus.api;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * A request/reply address with the records that travel on it, declared once in {@code api} and
 * used by both ends: the domain verticle binds it (runtime's {@code Handlers}), callers send on it
 * (the web edge's {@code Bus}, or another domain). No address string or field name is typed twice.
 *
 * @param address the event-bus address, {@code <domain>.<action>}
 * @param request how the request travels
 * @param reply how the reply travels
 * @param <Q> the request record
 * @param <R> the reply record
 */
public record Endpoint<Q, R>(String address, Codec<Q> request, Codec<R> reply) {

  /** An endpoint whose request and reply are both JSON records. */
  public static <Q, R> Endpoint<Q, R> of(String address, Codec<Q> request, Codec<R> reply) {
    return new Endpoint<>(address, request, reply);
  }

  /** Sends {@code request} and reads the reply as its record. */
  public Future<R> request(EventBus bus, Q request) {
    return request(bus, request, new DeliveryOptions());
  }

  /** Sends {@code request} with {@code options} (a timeout, headers) and reads the reply as its record. */
  public Future<R> request(EventBus bus, Q request, DeliveryOptions options) {
    return bus.request(address, this.request.encode(request), options).map(reply -> this.reply.decode(reply.body()));
  }

  /** The health check of a domain: an empty request answered with an empty reply once its store answers. */
  public static Endpoint<Empty, Empty> health(String address) {
    return new Endpoint<>(address, Codec.EMPTY, Codec.EMPTY);
  }
}
