package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.edge.RateLimit;
import dev.hyperfocus.web.input.Input;
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

/**
 * {@code Idempotency-Key} on a POST route (after the body is read, before the route's handler):
 * checks the key and hands it, with its scope and the request's fingerprint, to the route, which
 * sends it inside its domain request. The domain that makes the write keeps the response in its
 * own store, in the write's transaction, and answers a repeat with it; the edge then adds
 * {@code Idempotent-Replayed: true} ({@link Bus#forward}). Nothing is kept at the edge.
 */
public final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String CLAIMED = "hyperfocus.idempotency";
  private static final int KEY_MAX = 255;

  private Idempotency() {}

  /** Reads the request's key, if it has one: a malformed one is a 422; the request goes on. */
  public static void claim(RoutingContext ctx) {
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
    ctx.put(CLAIMED, new Claimed(scope, key, fingerprint(ctx)));
    ctx.next();
  }

  /** The request's key for its domain request, which answers {@code status} on success; null without one. */
  static IdempotentKey key(RoutingContext ctx, int status) {
    Claimed claimed = ctx.get(CLAIMED);
    return claimed == null ? null : new IdempotentKey(claimed.scope(), claimed.key(), claimed.fingerprint(), status);
  }

  private record Claimed(String scope, String key, String fingerprint) {}

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
