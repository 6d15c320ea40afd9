package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The interruptions domain's addresses and the records that travel on them. */
public final class InterruptionsApi {
  public static final Endpoint<Log, Interruption> LOG = Endpoint.of(Address.INTERRUPTIONS_LOG,
      Codec.json(Log::toJson, Log::fromJson), Codec.json(Interruption::toJson, Interruption::fromJson));
  /** The interruptions of one session; {@code total} is their number. */
  public static final Endpoint<OfSession, Page> LIST =
      Endpoint.of(Address.INTERRUPTIONS_LIST, Codec.json(OfSession::toJson, OfSession::fromJson), Page.CODEC);
  public static final Endpoint<ById, Empty> DELETE = Endpoint.of(Address.INTERRUPTIONS_DELETE, ById.CODEC, Codec.EMPTY);
  /** A user's interruptions by id, each row with its session's time zone ({@link Json#TIMEZONE}). */
  public static final Endpoint<History, Page> HISTORY = Endpoint.of(Address.INTERRUPTIONS_HISTORY, History.CODEC, Page.CODEC);
  public static final Endpoint<ForUser, Empty> PURGE_USER =
      Endpoint.of(Address.INTERRUPTIONS_PURGE_USER, ForUser.CODEC, Codec.EMPTY);
  public static final Endpoint<Empty, Empty> HEALTH = Endpoint.health(Address.INTERRUPTIONS_HEALTH);

  private InterruptionsApi() {}

  /** Logs an interruption of a session; its shape was checked by the edge, its rules are checked here. */
  public record Log(Long actorId, long sessionId, long userId, InterruptionType type, String description,
      Instant startTime, Instant endTime) {
    public JsonObject toJson() {
      return new JsonObject()
          .put(Json.ACTOR_ID, actorId)
          .put(Json.SESSION_ID, sessionId)
          .put(Json.USER_ID, userId)
          .put(Json.TYPE, type.wireName())
          .put(Json.DESCRIPTION, description)
          .put(Json.START_TIME, Json.instant(startTime))
          .put(Json.END_TIME, Json.instant(endTime));
    }

    public static Log fromJson(JsonObject json) {
      return new Log(json.getLong(Json.ACTOR_ID), json.getLong(Json.SESSION_ID), json.getLong(Json.USER_ID),
          InterruptionType.fromWire(json.getString(Json.TYPE)).orElseThrow(), json.getString(Json.DESCRIPTION),
          Json.instant(json, Json.START_TIME), Json.instant(json, Json.END_TIME));
    }
  }

  public record OfSession(long sessionId, Long actorId) {
    public JsonObject toJson() {
      return new JsonObject().put(Json.SESSION_ID, sessionId).put(Json.ACTOR_ID, actorId);
    }

    public static OfSession fromJson(JsonObject json) {
      return new OfSession(json.getLong(Json.SESSION_ID), json.getLong(Json.ACTOR_ID));
    }
  }
}
