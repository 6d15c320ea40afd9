package dev.hyperfocus.api;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

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

  /** A domain rule broken by one body field (422, in the FastAPI shape). */
  public static InvalidField invalidField(String field, String msg) {
    return new InvalidField(field, msg);
  }
}
