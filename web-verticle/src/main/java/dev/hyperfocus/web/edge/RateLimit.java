package dev.hyperfocus.web.edge;

import dev.hyperfocus.api.Messages;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.function.Function;

/**
 * Applies a {@link RateLimiter} to a route: every response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}; past the limit, 429 with
 * {@code Retry-After}. A security policy handler so that it refuses before the body is read.
 */
public final class RateLimit implements SecurityPolicyHandler {
  private final RateLimiter limiter;
  private final Function<RoutingContext, Object> key;

  private RateLimit(RateLimiter limiter, Function<RoutingContext, Object> key) {
    this.limiter = limiter;
    this.key = key;
  }

  /** A limit keyed by {@code key}; none at all (a plain pass) when {@code limiter} is null. */
  public static RateLimit of(RateLimiter limiter, Function<RoutingContext, Object> key) {
    return new RateLimit(limiter, key);
  }

  /** The client address ({@link ClientAddresses}): the key of sign-ups and of every request in open mode. */
  public static Object clientAddress(RoutingContext ctx) {
    return ClientAddresses.of(ctx);
  }

  public void forgetIdle() {
    if (limiter != null) {
      limiter.forgetIdle(System.nanoTime());
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (limiter == null) {
      ctx.next();
      return;
    }
    RateLimiter.Decision decision = limiter.take(key.apply(ctx), System.nanoTime());
    HttpServerResponse response = ctx.response()
        .putHeader("RateLimit-Limit", Long.toString(decision.limit()))
        .putHeader("RateLimit-Remaining", Long.toString(decision.remaining()))
        .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    if (decision.allowed()) {
      ctx.next();
    } else {
      ctx.request().resume();
      response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
      Responses.detail(ctx, 429, Messages.TOO_MANY_REQUESTS);
    }
  }
}
