package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Messages;
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
 * response and {@code Idempotent-Replayed: true}; a new one runs, and {@link Responses} hands its
 * response to {@link #settle} to be kept (or released: 429 and 5xx) before the client sees it.
 */
final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String CLAIMED = "hyperfocus.idempotency";
  private static final int KEY_MAX = 255;
  private static final Logger LOG = Logger.getLogger(Idempotency.class.getName());

  /** A key this request holds until its response is known. */
  private record Claim(Bus bus, JsonObject id) {
    Future<Void> settle(int status, Buffer body) {
      boolean kept = status < 500 && status != 429;
      JsonObject request = id.copy();
      if (kept) {
        request.put(Json.STATUS, status).put(Json.BODY, body.toString(StandardCharsets.UTF_8));
      }
      return bus.request(kept ? Address.IDEMPOTENCY_COMPLETE : Address.IDEMPOTENCY_RELEASE, request)
          .<Void>mapEmpty()
          .recover(failure -> {
            LOG.log(Level.WARNING, "Idempotency-Key " + id.getString(Json.KEY) + " not settled", failure);
            return Future.succeededFuture();
          });
    }
  }

  private final Bus bus;
  private final long waitMs;
  private final long leaseMs;

  /** A repeat waits for the first request up to the bus timeout, then gets 409. */
  Idempotency(Bus bus, long busTimeoutMs, long requestTimeoutMs) {
    this.bus = bus;
    this.waitMs = busTimeoutMs;
    this.leaseMs = requestTimeoutMs + busTimeoutMs;
  }

  void handle(RoutingContext ctx) {
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
    JsonObject id = new JsonObject()
        .put(Json.SCOPE, actor != null ? Json.userScope(actor) : Json.addressScope(RateLimit.clientAddress(ctx).toString()))
        .put(Json.KEY, key)
        .put(Json.FINGERPRINT, fingerprint(ctx));
    JsonObject claim = id.copy().put(Json.WAIT_MS, waitMs).put(Json.LEASE_MS, leaseMs);
    bus.request(Address.IDEMPOTENCY_CLAIM, claim, 2 * waitMs).onComplete(reply -> {
      if (reply.failed()) {
        Responses.failure(ctx, reply.cause());
      } else if (Json.REPLAY.equals(reply.result().getString(Json.OUTCOME))) {
        ctx.response().putHeader(REPLAYED, "true");
        Responses.replay(ctx, reply.result().getInteger(Json.STATUS), reply.result().getString(Json.BODY));
      } else {
        ctx.put(CLAIMED, new Claim(bus, id));
        ctx.next();
      }
    });
  }

  /** Keeps or releases the key this request claimed, if any; completes when the client may be answered. */
  static Future<Void> settle(RoutingContext ctx, int status, Buffer body) {
    Claim claim = ctx.remove(CLAIMED);
    return claim == null ? Future.succeededFuture() : claim.settle(status, body);
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
