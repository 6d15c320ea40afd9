package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * A request naming one resource (a user, a session, an interruption) by id.
 *
 * @param id the resource
 * @param actorId the authenticated user acting, or null in open mode and for requests between domains
 */
public record ById(long id, Long actorId) {
  public static final Codec<ById> CODEC = Codec.json(ById::toJson, ById::fromJson);

  /** A request between domains, on behalf of nobody. */
  public static ById of(long id) {
    return new ById(id, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put(Fields.ID, id).put(Fields.ACTOR_ID, actorId);
  }

  public static ById fromJson(JsonObject json) {
    return new ById(json.getLong(Fields.ID), json.getLong(Fields.ACTOR_ID));
  }
}
