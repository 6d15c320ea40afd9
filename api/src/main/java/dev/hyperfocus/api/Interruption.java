package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An interruption of a session; {@code duration} is whole seconds, computed by the server. */
public record Interruption(
    long id,
    long sessionId,
    long userId,
    InterruptionType type,
    String description,
    Instant startTime,
    Instant endTime,
    long duration,
    Instant createdAt) {

  /** The fields of the interruption JSON, in the order {@link #toJson()} writes them. */
  public static final List<String> FIELDS = List.of(Json.ID, Json.SESSION_ID, Json.USER_ID, Json.TYPE,
      Json.DESCRIPTION, Json.START_TIME, Json.END_TIME, Json.DURATION, Json.CREATED_AT);

  /** {@code floor(end - start)} in whole seconds. */
  public static long durationSeconds(Instant start, Instant end) {
    return Math.floorDiv(Duration.between(start, end).toMillis(), 1000L);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(Json.ID, id)
        .put(Json.SESSION_ID, sessionId)
        .put(Json.USER_ID, userId)
        .put(Json.TYPE, type.wireName())
        .put(Json.DESCRIPTION, description)
        .put(Json.START_TIME, Json.instant(startTime))
        .put(Json.END_TIME, Json.instant(endTime))
        .put(Json.DURATION, duration)
        .put(Json.CREATED_AT, Json.instant(createdAt));
  }

  public static Interruption fromJson(JsonObject json) {
    return new Interruption(
        json.getLong(Json.ID),
        json.getLong(Json.SESSION_ID),
        json.getLong(Json.USER_ID),
        InterruptionType.fromWire(json.getString(Json.TYPE)).orElseThrow(),
        json.getString(Json.DESCRIPTION),
        Json.instant(json, Json.START_TIME),
        Json.instant(json, Json.END_TIME),
        json.getLong(Json.DURATION),
        Json.instant(json, Json.CREATED_AT));
  }
}
