package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A focus session; {@code endTime} is null while it is active. */
public record Session(
    long id, long userId, Instant startTime, Instant endTime, String timezone, Instant createdAt) {

  /** The fields of the session JSON, in the order {@link #toJson()} writes them. */
  public static final List<String> FIELDS =
      List.of(Json.ID, Json.USER_ID, Json.START_TIME, Json.END_TIME, Json.TIMEZONE, Json.CREATED_AT);

  public boolean active() {
    return endTime == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(Json.ID, id)
        .put(Json.USER_ID, userId)
        .put(Json.START_TIME, Json.instant(startTime))
        .put(Json.END_TIME, Json.instant(endTime))
        .put(Json.TIMEZONE, timezone)
        .put(Json.CREATED_AT, Json.instant(createdAt));
  }

  public static Session fromJson(JsonObject json) {
    return new Session(
        json.getLong(Json.ID),
        json.getLong(Json.USER_ID),
        Json.instant(json, Json.START_TIME),
        Json.instant(json, Json.END_TIME),
        json.getString(Json.TIMEZONE),
        Json.instant(json, Json.CREATED_AT));
  }
}
