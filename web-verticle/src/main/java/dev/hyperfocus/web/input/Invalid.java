package dev.hyperfocus.web.input;

import io.vertx.core.json.JsonArray;

/** A request that failed validation; answered 422 with {@code detail} in the FastAPI shape. */
public final class Invalid extends RuntimeException {
  private final JsonArray detail;

  public Invalid(JsonArray detail) {
    super("validation failed", null, false, false);
    this.detail = detail;
  }

  public JsonArray detail() {
    return detail;
  }
}
