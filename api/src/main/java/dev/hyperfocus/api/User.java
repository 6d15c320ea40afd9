package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A user as clients see it (never with a token). */
public record User(long id, String name, String email, String timezone, Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put(Json.ID, id)
        .put(Json.NAME, name)
        .put(Json.EMAIL, email)
        .put(Json.TIMEZONE, timezone)
        .put(Json.CREATED_AT, Json.instant(createdAt));
  }

  public static User fromJson(JsonObject json) {
    return new User(
        json.getLong(Json.ID),
        json.getString(Json.NAME),
        json.getString(Json.EMAIL),
        json.getString(Json.TIMEZONE),
        Json.instant(json, Json.CREATED_AT));
  }
}
