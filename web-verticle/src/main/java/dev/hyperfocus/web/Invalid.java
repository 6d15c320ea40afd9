package dev.hyperfocus.web;

import io.vertx.core.json.JsonArray;

/** A request that failed validation; answered 422 with {@code detail} in the FastAPI shape. */
final class Invalid extends RuntimeException {
  private final JsonArray detail;

  Invalid(JsonArray detail) {
    super("validation failed", null, false, false);
    this.detail = detail;
  }

  JsonArray detail() {
    return detail;
  }
}
