package dev.hyperfocus.api;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Failure codes of event-bus replies. Each code is the HTTP status the web verticle answers with;
 * the failure message is the client-facing {@code detail}.
 */
public enum Failure {
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  UNPROCESSABLE(422),
  UNAVAILABLE(503);

  private final int code;

  Failure(int code) {
    this.code = code;
  }

  /** The HTTP status this failure maps to. */
  public int code() {
    return code;
  }

  /** A reply failure carrying {@code detail} as its message. */
  public ReplyException with(String detail) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, detail);
  }

  /**
   * A domain-rule 422 in the FastAPI shape: the message is the JSON text of
   * {@code {"detail": [{"loc": ["body", field], "msg": msg, "type": "value_error"}]}}.
   */
  public static ReplyException invalidField(String field, String msg) {
    JsonObject body = new JsonObject().put(Json.DETAIL, new JsonArray().add(
        new JsonObject()
            .put(Json.LOC, new JsonArray().add("body").add(field))
            .put(Json.MSG, msg)
            .put(Json.TYPE, "value_error")));
    return UNPROCESSABLE.with(body.encode());
  }
}
