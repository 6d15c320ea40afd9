package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * The {@code Idempotency-Key} of a write request, carried inside the domain request so that the
 * domain that makes the write keeps the response in its own store, in the write's transaction.
 *
 * @param scope whose key it is ({@link Fields#userScope} or {@link Fields#addressScope})
 * @param key the header's value
 * @param fingerprint SHA-256 of the method, path and canonical body of the HTTP request
 * @param status the HTTP status the edge answers the request's success with (kept with its body)
 */
public record IdempotentKey(String scope, String key, String fingerprint, int status) {
  /** Reply header of a replayed response: the kept HTTP status; the reply body is the kept HTTP body. */
  public static final String REPLAYED_STATUS = "hyperfocus-idempotent-replayed-status";

  public JsonObject toJson() {
    return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key).put(Fields.FINGERPRINT, fingerprint)
        .put(Fields.STATUS, status);
  }

  /** The key a request's JSON carries in {@link Fields#IDEMPOTENCY}, or null. */
  public static IdempotentKey in(JsonObject request) {
    JsonObject json = request.getJsonObject(Fields.IDEMPOTENCY);
    return json == null ? null : new IdempotentKey(json.getString(Fields.SCOPE), json.getString(Fields.KEY),
        json.getString(Fields.FINGERPRINT), json.getInteger(Fields.STATUS));
  }

  /** Adds {@code key}, if any, to a request's JSON. */
  public static JsonObject with(JsonObject request, IdempotentKey key) {
    return key == null ? request : request.put(Fields.IDEMPOTENCY, key.toJson());
  }

  /**
   * A request answered with the response kept for its key: a handler fails with it, and the
   * domain's endpoint binding replies with {@link #body} and {@link #REPLAYED_STATUS} instead.
   */
  public static final class Replay extends RuntimeException {
    private final int status;
    private final String body;

    public Replay(int status, String body) {
      super("replay of a kept response", null, false, false);
      this.status = status;
      this.body = body;
    }

    public int status() {
      return status;
    }

    public String body() {
      return body;
    }
  }
}
