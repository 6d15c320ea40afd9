package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/** The idempotency domain's addresses and the records that travel on them. */
public final class IdempotencyApi {
  /**
   * Claims an Idempotency-Key: proceed, or replay the kept response; 422 for a key reused with
   * another request, 409 when the first request is still running after {@code waitMs}.
   */
  public static final Endpoint<Claim, Claimed> CLAIM = Endpoint.of(Address.IDEMPOTENCY_CLAIM,
      Codec.json(Claim::toJson, Claim::fromJson), Codec.json(Claimed::toJson, Claimed::fromJson));
  /** Keeps the response of a claimed key. */
  public static final Endpoint<Complete, Empty> COMPLETE =
      Endpoint.of(Address.IDEMPOTENCY_COMPLETE, Codec.json(Complete::toJson, Complete::fromJson), Codec.EMPTY);
  /** Gives a claimed key up without keeping a response (429, 5xx). */
  public static final Endpoint<Release, Empty> RELEASE =
      Endpoint.of(Address.IDEMPOTENCY_RELEASE, Codec.json(Release::toJson, Release::fromJson), Codec.EMPTY);
  public static final Endpoint<Empty, Empty> HEALTH = Endpoint.health(Address.IDEMPOTENCY_HEALTH);

  private IdempotencyApi() {}

  /**
   * A key of one scope ({@link Fields#userScope} or {@link Fields#addressScope}) with the fingerprint
   * of the request that carries it.
   */
  public record Claim(String scope, String key, String fingerprint, long waitMs, long leaseMs) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key).put(Fields.FINGERPRINT, fingerprint)
          .put(Fields.WAIT_MS, waitMs).put(Fields.LEASE_MS, leaseMs);
    }

    public static Claim fromJson(JsonObject json) {
      return new Claim(json.getString(Fields.SCOPE), json.getString(Fields.KEY), json.getString(Fields.FINGERPRINT),
          json.getLong(Fields.WAIT_MS, 0L), json.getLong(Fields.LEASE_MS, 60_000L));
    }

    /** Keeps {@code body} as the answer to this key. */
    public Complete complete(int status, String body) {
      return new Complete(scope, key, fingerprint, status, body);
    }

    public Release release() {
      return new Release(scope, key);
    }
  }

  /** Proceed with the request, or answer it with the kept {@code status} and {@code body}. */
  public record Claimed(boolean replay, int status, String body) {
    public static final Claimed PROCEED = new Claimed(false, 0, null);

    public static Claimed replay(int status, String body) {
      return new Claimed(true, status, body);
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put(Fields.OUTCOME, replay ? Fields.REPLAY : Fields.PROCEED);
      return replay ? json.put(Fields.STATUS, status).put(Fields.BODY, body) : json;
    }

    public static Claimed fromJson(JsonObject json) {
      return Fields.REPLAY.equals(json.getString(Fields.OUTCOME))
          ? replay(json.getInteger(Fields.STATUS), json.getString(Fields.BODY)) : PROCEED;
    }
  }

  public record Complete(String scope, String key, String fingerprint, int status, String body) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key).put(Fields.FINGERPRINT, fingerprint)
          .put(Fields.STATUS, status).put(Fields.BODY, body);
    }

    public static Complete fromJson(JsonObject json) {
      return new Complete(json.getString(Fields.SCOPE), json.getString(Fields.KEY), json.getString(Fields.FINGERPRINT),
          json.getInteger(Fields.STATUS), json.getString(Fields.BODY));
    }
  }

  public record Release(String scope, String key) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key);
    }

    public static Release fromJson(JsonObject json) {
      return new Release(json.getString(Fields.SCOPE), json.getString(Fields.KEY));
    }
  }
}
