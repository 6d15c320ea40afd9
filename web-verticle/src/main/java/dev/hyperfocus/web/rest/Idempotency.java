package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotencyApi;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.edge.RateLimit;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code Idempotency-Key} on a POST route (after the body is read, before the route's handler).
 * The key is claimed on the data node: a repeat of a completed request is answered with the kept
 * response and {@code Idempotent-Replayed: true}; a new one runs, and its response is kept (or the
 * key released: 429 and 5xx) before the client sees it ({@link Responses#beforeAnswer}).
 */
public final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String CLAIMED = "hyperfocus.idempotency";
  private static final int KEY_MAX = 255;
  private static final Logger LOG = Logger.getLogger(Idempotency.class.getName());

  private final Bus bus;
  private final long waitMs;
  private final long leaseMs;

  /** A repeat waits for the first request up to the bus timeout, then gets 409. */
  public Idempotency(Bus bus, long busTimeoutMs, long requestTimeoutMs) {
    this.bus = bus;
    this.waitMs = busTimeoutMs;
    this.leaseMs = requestTimeoutMs + busTimeoutMs;
  }

  /** Claims the request's key, if it has one: a repeat is answered here, a new request goes on. */
  public void claim(RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      ctx.next();
      return;
    }
    if (!isValid(key)) {
      Responses.detail(ctx, 422, Messages.IDEMPOTENCY_KEY_INVALID);
      return;
    }
    Long actor = Auth.actor(ctx);
    String scope = actor != null ? Fields.userScope(actor) : Fields.addressScope(RateLimit.clientAddress(ctx).toString());
    IdempotencyApi.Claim claim = new IdempotencyApi.Claim(scope, key, fingerprint(ctx), waitMs, leaseMs);
    bus.request(IdempotencyApi.CLAIM, claim, 2 * waitMs).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else if (reply.result().replay()) {
        ctx.response().putHeader(REPLAYED, "true");
        Responses.replay(ctx, reply.result().status(), reply.result().body());
      } else {
        Responses.beforeAnswer(ctx, (status, body) -> settle(claim, status, body));
        ctx.next();
      }
    });
  }

  /**
   * Keeps the response of a claimed key, or releases the key (429 and 5xx: a retry should run
   * again); completes when the client may be answered, even if the data node did not answer.
   */
  private Future<Void> settle(IdempotencyApi.Claim claim, int status, Buffer body) {
    boolean kept = status < 500 && status != 429;
    Future<Empty> settled = kept
        ? bus.request(IdempotencyApi.COMPLETE, claim.complete(status, body.toString(StandardCharsets.UTF_8)))
        : bus.request(IdempotencyApi.RELEASE, claim.release());
    return settled.<Void>mapEmpty().recover(failure -> {
      LOG.log(Level.WARNING, "Idempotency-Key " + claim.key() + " not settled", failure);
      return Future.succeededFuture();
    });
  }

  static boolean isValid(String key) {
    return Input.isVisibleAscii(key, KEY_MAX);
  }

  /** SHA-256 of the method, the path without a trailing slash, and the body as a canonical JSON value. */
  static String fingerprint(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    Buffer body = ctx.body().buffer();
    String text = ctx.request().method().name() + ' ' + path + '\n' + (body == null ? "" : canonical(body));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String canonical(Buffer body) {
    String text = body.toString(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return "";
    }
    try {
      return io.vertx.core.json.Json.encode(sorted(io.vertx.core.json.Json.decodeValue(body)));
    } catch (DecodeException | UnsupportedOperationException e) {
      return "raw:" + text;
    }
  }

  private static Object sorted(Object value) {
    if (value instanceof JsonObject object) {
      TreeMap<String, Object> fields = new TreeMap<>();
      object.forEach(field -> fields.put(field.getKey(), sorted(field.getValue())));
      return fields;
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(Idempotency::sorted).toList();
    }
    return value;
  }
}
