package dev.hyperfocus.web.edge;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Tokens;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.input.Input;
import dev.hyperfocus.web.rest.Bus;
import dev.hyperfocus.web.rest.HttpProblem;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the bearer token of a request to its user (the actor). Resolved tokens are cached for
 * at most one second; a revocation or deletion event drops them at once. The cache is keyed by
 * the token itself, which the request holds in memory anyway: a cached token costs no SHA-256.
 *
 * <p>It is a {@link SecurityPolicyHandler} so that Vert.x lets it run before the body handler:
 * the contract checks the token (401) before the body (413, 422). The request limit of the token's
 * user (of the client address in open mode) is applied right after, so that every authenticated
 * route, a WebSocket upgrade included, counts as one request.
 */
public final class Auth implements SecurityPolicyHandler {
  static final String ACCESS_TOKEN_PARAM = "access_token";
  private static final String ACTOR = "hyperfocus.actor";
  private static final long CACHE_NANOS = 1_000_000_000L;
  private static final int CACHE_LIMIT = 100_000;
  private static final int MAX_TOKEN_LENGTH = 256;
  private static final String BEARER = "Bearer";

  private record Cached(long userId, long expiresAt) {}

  private final Vertx vertx;
  private final Bus bus;
  private final boolean required;
  private final RateLimit limit;
  private final RateLimiter failures;
  private final Map<String, Cached> cache = new HashMap<>();
  private MessageConsumer<JsonObject> revocations;

  /**
   * {@code failures}: the bucket of failed authentications per client address (null = no limit).
   * A request that would need a SHA-256 and a bus call (a token not in the cache) or that fails at
   * once (no or a malformed token) is refused with 429 while its address's bucket is empty; each
   * 401 takes one token. So a flood of bogus tokens costs a map look-up each, not a hash, a bus
   * request and a database read, while a cached valid token is never refused by it.
   */
  public Auth(Vertx vertx, Bus bus, boolean required, RateLimit limit, RateLimiter failures) {
    this.vertx = vertx;
    this.bus = bus;
    this.required = required;
    this.limit = limit;
    this.failures = failures;
  }

  /** Forgets the failure buckets that are full again (called every minute). */
  public void forgetIdle() {
    if (failures != null) {
      failures.forgetIdle(System.nanoTime());
    }
  }

  /** The key of the request limit: the authenticated user, or the client address in open mode. */
  public static Object limitKey(RoutingContext ctx) {
    Long actor = actor(ctx);
    return actor != null ? actor : RateLimit.clientAddress(ctx);
  }

  public boolean required() {
    return required;
  }

  public Future<Void> start() {
    revocations = vertx.eventBus().consumer(Address.USERS_EVENTS, message -> {
      Change kind = Events.kind(message.body());
      if (kind == Change.TOKEN_REVOKED || kind == Change.USER_DELETED) {
        long userId = message.body().getLong(Fields.USER_ID);
        cache.values().removeIf(cached -> cached.userId() == userId);
      }
    });
    return revocations.completion();
  }

  /** The authenticated user of this request, or null in open mode. */
  public static Long actor(RoutingContext ctx) {
    return ctx.get(ACTOR);
  }

  /** Route handler: 401 unless the request carries a valid token; then the next handler. */
  @Override
  public void handle(RoutingContext ctx) {
    if (!required) {
      limit.handle(ctx);
      return;
    }
    String token = token(ctx);
    Cached cached = token == null ? null : cache.get(token);
    if (cached != null && cached.expiresAt() - System.nanoTime() > 0) {
      ctx.put(ACTOR, cached.userId());
      limit.handle(ctx);
      return;
    }
    // before any hashing or bus call: an address past its failures is answered from memory
    Object client = RateLimit.clientAddress(ctx);
    if (tooManyFailures(ctx, client)) {
      return;
    }
    if (token == null) {
      failed(client);
      Responses.failure(ctx, new HttpProblem(401, Messages.NOT_AUTHENTICATED));
      return;
    }
    ctx.request().pause();
    bus.request(UsersApi.AUTHENTICATE, new UsersApi.Authenticate(Tokens.hash(token)))
        .onComplete(reply -> {
          if (reply.failed()) {
            if (reply.cause() instanceof ReplyException refused
                && refused.failureType() == ReplyFailure.RECIPIENT_FAILURE && refused.failureCode() == 401) {
              failed(client);
            }
            ctx.request().resume();
            Responses.failure(ctx, reply.cause());
            return;
          }
          long userId = reply.result().userId();
          if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
          }
          cache.put(token, new Cached(userId, System.nanoTime() + CACHE_NANOS));
          ctx.put(ACTOR, userId);
          limit.handle(ctx);
        });
  }

  /**
   * For a route whose credential is another secret (the calendar feed's key): false, after
   * answering 429, when the client address has no failed authentication left.
   */
  public boolean mayTry(RoutingContext ctx) {
    return !tooManyFailures(ctx, RateLimit.clientAddress(ctx));
  }

  /** Counts a wrong secret (a calendar key) against the client address's failed authentications. */
  public void wrongSecret(RoutingContext ctx) {
    failed(RateLimit.clientAddress(ctx));
  }

  /** Answers 429 (with Retry-After) when {@code client} has no failed authentication left. */
  private boolean tooManyFailures(RoutingContext ctx, Object client) {
    RateLimiter.Decision refusal = failures == null ? null : failures.refusal(client, System.nanoTime());
    if (refusal == null) {
      return false;
    }
    ctx.response()
        .putHeader("RateLimit-Limit", Long.toString(refusal.limit()))
        .putHeader("RateLimit-Remaining", "0")
        .putHeader("RateLimit-Reset", Long.toString(refusal.resetSeconds()))
        .putHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
    Responses.detail(ctx, 429, Messages.TOO_MANY_REQUESTS);
    return true;
  }

  private void failed(Object client) {
    if (failures != null) {
      failures.take(client, System.nanoTime());
    }
  }

  /**
   * The bearer token of the Authorization header; a WebSocket upgrade may pass it as the
   * access_token query parameter instead (browsers cannot set headers there). Other requests may
   * not, so that tokens stay out of URLs and logs.
   */
  private static String token(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String token = null;
    if (header != null) {
      token = bearer(header.strip());
    } else if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      token = ctx.request().getParam(ACCESS_TOKEN_PARAM);
    }
    return Input.isVisibleAscii(token, MAX_TOKEN_LENGTH) ? token : null;
  }

  /** What follows the scheme {@code Bearer} (any case) and blanks in a stripped header value, or null. */
  static String bearer(String header) {
    int gap = BEARER.length();
    if (header.length() <= gap || !header.regionMatches(true, 0, BEARER, 0, gap) || !isBlank(header.charAt(gap))) {
      return null;
    }
    int start = gap;
    while (start < header.length() && isBlank(header.charAt(start))) {
      start++;
    }
    return header.substring(start);
  }

  /** The blanks of the regular expression {@code \s}. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  public Future<Void> stop() {
    return revocations == null ? Future.succeededFuture() : revocations.unregister();
  }
}
