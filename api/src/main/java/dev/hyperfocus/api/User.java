package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A user as clients see it (never with a token). */
public record User(long id, String name, String email, String timezone, Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put(Fields.ID, id)
        .put(Fields.NAME, name)
        .put(Fields.EMAIL, email)
        .put(Fields.TIMEZONE, timezone)
        .put(Fields.CREATED_AT, Fields.instant(createdAt));
  }

  public static User fromJson(JsonObject json) {
    return new User(
        json.getLong(Fields.ID),
        json.getString(Fields.NAME),
        json.getString(Fields.EMAIL),
        json.getString(Fields.TIMEZONE),
        Fields.instant(json, Fields.CREATED_AT));
  }
}
