package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A focus session; {@code endTime} is null while it is active. */
public record Session(
    long id, long userId, Instant startTime, Instant endTime, String timezone, Instant createdAt) {

  /** The fields of the session JSON, in the order {@link #toJson()} writes them. */
  public static final List<String> FIELDS =
      List.of(Fields.ID, Fields.USER_ID, Fields.START_TIME, Fields.END_TIME, Fields.TIMEZONE, Fields.CREATED_AT);

  public boolean active() {
    return endTime == null;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(Fields.ID, id)
        .put(Fields.USER_ID, userId)
        .put(Fields.START_TIME, Fields.instant(startTime))
        .put(Fields.END_TIME, Fields.instant(endTime))
        .put(Fields.TIMEZONE, timezone)
        .put(Fields.CREATED_AT, Fields.instant(createdAt));
  }

  public static Session fromJson(JsonObject json) {
    return new Session(
        json.getLong(Fields.ID),
        json.getLong(Fields.USER_ID),
        Fields.instant(json, Fields.START_TIME),
        Fields.instant(json, Fields.END_TIME),
        json.getString(Fields.TIMEZONE),
        Fields.instant(json, Fields.CREATED_AT));
  }
}
