package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * One page of a user's rows by id, for rebuilding aggregates and for the export: rows with an id
 * above {@code afterId}, at most {@code limit} (capped at {@link Json#HISTORY_PAGE}); a shorter
 * page is the last.
 */
public record History(long userId, long afterId, int limit) {
  public static final Codec<History> CODEC = Codec.json(History::toJson, History::fromJson);

  /** The first full page of a user's rows. */
  public static History first(long userId) {
    return new History(userId, 0, Json.HISTORY_PAGE);
  }

  /** The page after the row {@code lastId}. */
  public History after(long lastId) {
    return new History(userId, lastId, limit);
  }

  public JsonObject toJson() {
    return new JsonObject().put(Json.USER_ID, userId).put(Json.AFTER_ID, afterId).put(Json.LIMIT, limit);
  }

  public static History fromJson(JsonObject json) {
    return new History(json.getLong(Json.USER_ID), json.getLong(Json.AFTER_ID, 0L),
        Math.min(json.getInteger(Json.LIMIT, Json.HISTORY_PAGE), Json.HISTORY_PAGE));
  }
}
