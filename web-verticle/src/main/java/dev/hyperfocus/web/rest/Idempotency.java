package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.KeyHeld;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.edge.RateLimit;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code Idempotency-Key} on a POST route (after the body is read, before the route's handler):
 * checks the key and hands it, with its scope and the request's fingerprint, to the route, which
 * sends it inside its domain request. The domain that makes the write keeps the response in its
 * own store, in the write's transaction, and answers a repeat with it; the edge then adds
 * {@code Idempotent-Replayed: true} ({@link Bus#forward}). Nothing is kept at the edge; a key
 * another writing domain holds is refused here ({@link #claim}).
 */
public final class Idempotency {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String CLAIMED = "hyperfocus.idempotency";
  private static final int KEY_MAX = 255;

  private Idempotency() {}

  /**
   * The handler for a route whose writes one domain makes, while {@code elsewhere} are the other
   * writing domains' {@code key-held} endpoints: it reads the request's key, if it has one (a
   * malformed one is a 422), and, since a key is scoped to (user or client address, key) across
   * every endpoint (api.md section 2) while each domain keeps only its own, asks the other domains
   * whether they hold it. One that does means the key was used for another request: 422
   * {@code Idempotency-Key reused with a different request}, and nothing is forwarded (a request
   * on another endpoint never has the same fingerprint, the path being part of it). A domain that
   * cannot answer makes it a 503 with Retry-After, so a key is never run twice for want of an
   * answer. Otherwise the request goes on, and its own domain answers replay and reuse.
   */
  @SafeVarargs
  public static Handler<RoutingContext> claim(Bus bus, Endpoint<KeyHeld, KeyHeld.Answer>... elsewhere) {
    List<Endpoint<KeyHeld, KeyHeld.Answer>> others = List.of(elsewhere);
    return ctx -> {
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
      KeyHeld asked = new KeyHeld(scope, key);
      Future.all(others.stream().map(other -> bus.request(other, asked)).toList()).onComplete(answered -> {
        if (answered.failed()) {
          Responses.failure(ctx, answered.cause());
        } else if (answered.result().<KeyHeld.Answer>list().stream().anyMatch(KeyHeld.Answer::held)) {
          Responses.detail(ctx, 422, Messages.IDEMPOTENCY_KEY_REUSED);
        } else {
          ctx.next();
        }
      });
    };
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
