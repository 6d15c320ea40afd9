package dev.hyperfocus.idempotency;

import dev.hyperfocus.api.Json;
import io.vertx.core.json.JsonObject;

/** A kept response: the fingerprint of the request that produced it, its status and body text. */
record Kept(String fingerprint, int status, String body) {

  static Kept fromJson(JsonObject json) {
    return new Kept(json.getString(Json.FINGERPRINT), json.getInteger(Json.STATUS), json.getString(Json.BODY, ""));
  }

  /** The claim reply that replays this response. */
  JsonObject replay() {
    return new JsonObject().put(Json.OUTCOME, Json.REPLAY).put(Json.STATUS, status).put(Json.BODY, body);
  }
}
