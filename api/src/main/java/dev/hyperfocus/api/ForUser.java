package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/** A request about every row of one user, made between domains (the purge after a deletion). */
public record ForUser(long userId) {
  public static final Codec<ForUser> CODEC =
      Codec.json(request -> new JsonObject().put(Fields.USER_ID, request.userId()),
          json -> new ForUser(json.getLong(Fields.USER_ID)));
}
