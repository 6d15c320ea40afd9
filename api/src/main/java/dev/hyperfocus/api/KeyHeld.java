package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * Whether a writing domain holds an {@code Idempotency-Key}: asked by the web edge of the other
 * writing domains before it forwards a keyed request, since a key is scoped to (user or client
 * address, key) across every endpoint (api.md section 2), while each domain keeps only its own.
 *
 * @param scope whose key it is ({@link Fields#userScope} or {@link Fields#addressScope})
 * @param key the header's value
 */
public record KeyHeld(String scope, String key) {
  public static final Codec<KeyHeld> CODEC = Codec.json(
      request -> new JsonObject().put(Fields.SCOPE, request.scope()).put(Fields.KEY, request.key()),
      json -> new KeyHeld(json.getString(Fields.SCOPE), json.getString(Fields.KEY)));

  /** The answer: {@code true} when the domain keeps a response (2xx or 4xx) for the key. */
  public record Answer(boolean held) {
    public static final Codec<Answer> CODEC = Codec.json(
        answer -> new JsonObject().put(Fields.HELD, answer.held()),
        json -> new Answer(json.getBoolean(Fields.HELD, false)));
  }
}
