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
  public static final List<String> FIELDS = List.of(Fields.ID, Fields.SESSION_ID, Fields.USER_ID, Fields.TYPE,
      Fields.DESCRIPTION, Fields.START_TIME, Fields.END_TIME, Fields.DURATION, Fields.CREATED_AT);

  /** {@code floor(end - start)} in whole seconds. */
  public static long durationSeconds(Instant start, Instant end) {
    return Math.floorDiv(Duration.between(start, end).toMillis(), 1000L);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(Fields.ID, id)
        .put(Fields.SESSION_ID, sessionId)
        .put(Fields.USER_ID, userId)
        .put(Fields.TYPE, type.wireName())
        .put(Fields.DESCRIPTION, description)
        .put(Fields.START_TIME, Fields.instant(startTime))
        .put(Fields.END_TIME, Fields.instant(endTime))
        .put(Fields.DURATION, duration)
        .put(Fields.CREATED_AT, Fields.instant(createdAt));
  }

  public static Interruption fromJson(JsonObject json) {
    return new Interruption(
        json.getLong(Fields.ID),
        json.getLong(Fields.SESSION_ID),
        json.getLong(Fields.USER_ID),
        InterruptionType.fromWire(json.getString(Fields.TYPE)).orElseThrow(),
        json.getString(Fields.DESCRIPTION),
        Fields.instant(json, Fields.START_TIME),
        Fields.instant(json, Fields.END_TIME),
        json.getLong(Fields.DURATION),
        Fields.instant(json, Fields.CREATED_AT));
  }
}
