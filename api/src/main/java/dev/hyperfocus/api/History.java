package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * One page of a user's rows by id, for rebuilding aggregates and for the export: rows with an id
 * above {@code afterId}, at most {@code limit} (capped at {@link Fields#HISTORY_PAGE}); a shorter
 * page is the last.
 */
public record History(long userId, long afterId, int limit) {
  public static final Codec<History> CODEC = Codec.json(History::toJson, History::fromJson);

  /** The first full page of a user's rows. */
  public static History first(long userId) {
    return new History(userId, 0, Fields.HISTORY_PAGE);
  }

  /** The page after the row {@code lastId}. */
  public History after(long lastId) {
    return new History(userId, lastId, limit);
  }

  public JsonObject toJson() {
    return new JsonObject().put(Fields.USER_ID, userId).put(Fields.AFTER_ID, afterId).put(Fields.LIMIT, limit);
  }

  public static History fromJson(JsonObject json) {
    return new History(json.getLong(Fields.USER_ID), json.getLong(Fields.AFTER_ID, 0L),
        Math.min(json.getInteger(Fields.LIMIT, Fields.HISTORY_PAGE), Fields.HISTORY_PAGE));
  }
}
