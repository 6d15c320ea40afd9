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
  /** A user's interruptions by id, each row with its session's time zone ({@link Fields#TIMEZONE}). */
  public static final Endpoint<History, Page> HISTORY = Endpoint.of(Address.INTERRUPTIONS_HISTORY, History.CODEC, Page.CODEC);
  public static final Endpoint<Outbox.After, Page> OUTBOX =
      Endpoint.of(Address.INTERRUPTIONS_OUTBOX, Outbox.After.CODEC, Page.CODEC);
  public static final Endpoint<Outbox.Applied, Empty> OUTBOX_APPLIED =
      Endpoint.of(Address.INTERRUPTIONS_OUTBOX_APPLIED, Outbox.Applied.CODEC, Codec.EMPTY);
  /** Appends every current row to the outbox; the answer is the sequence to read after. */
  public static final Endpoint<Empty, Outbox.Applied> OUTBOX_REPLAY =
      Endpoint.of(Address.INTERRUPTIONS_OUTBOX_REPLAY, Codec.EMPTY, Outbox.Applied.CODEC);
  public static final Endpoint<ForUser, Empty> PURGE_USER =
      Endpoint.of(Address.INTERRUPTIONS_PURGE_USER, ForUser.CODEC, Codec.EMPTY);
  public static final Endpoint<Empty, Empty> HEALTH = Endpoint.health(Address.INTERRUPTIONS_HEALTH);
  /** Whether this domain keeps a response for (scope, key), from its read connection. */
  public static final Endpoint<KeyHeld, KeyHeld.Answer> KEY_HELD =
      Endpoint.of(Address.INTERRUPTIONS_KEY_HELD, KeyHeld.CODEC, KeyHeld.Answer.CODEC);

  /** A user's interruptions overlapping a window, by start: the calendar feed. */
  public static final Endpoint<Imports.Window, Page> BETWEEN =
      Endpoint.of(Address.INTERRUPTIONS_BETWEEN, Imports.Window.CODEC, Page.CODEC);
  /** Writes the interruptions of an import in one transaction (409 on an overlap), then publishes them; their ids. */
  public static final Endpoint<Imports.Interruptions, Imports.Ids> IMPORT =
      Endpoint.of(Address.INTERRUPTIONS_IMPORT, Imports.Interruptions.CODEC, Imports.Ids.CODEC);
  /**
   * Compensation: deletes the interruptions an import wrote when its sessions could not be written,
   * publishing {@code interruption_deleted} for each, as a delete does.
   */
  public static final Endpoint<Imports.Ids, Empty> IMPORT_UNDO =
      Endpoint.of(Address.INTERRUPTIONS_IMPORT_UNDO, Imports.Ids.CODEC, Codec.EMPTY);

  private InterruptionsApi() {}

  /**
   * Logs an interruption of a session; its shape was checked by the edge, its rules are checked here.
   *
   * @param idempotency null: no Idempotency-Key
   */
  public record Log(Long actorId, long sessionId, long userId, InterruptionType type, String description,
      Instant startTime, Instant endTime, IdempotentKey idempotency) {
    public Log(Long actorId, long sessionId, long userId, InterruptionType type, String description,
        Instant startTime, Instant endTime) {
      this(actorId, sessionId, userId, type, description, startTime, endTime, null);
    }

    public JsonObject toJson() {
      return IdempotentKey.with(new JsonObject()
          .put(Fields.ACTOR_ID, actorId)
          .put(Fields.SESSION_ID, sessionId)
          .put(Fields.USER_ID, userId)
          .put(Fields.TYPE, type.wireName())
          .put(Fields.DESCRIPTION, description)
          .put(Fields.START_TIME, Fields.instant(startTime))
          .put(Fields.END_TIME, Fields.instant(endTime)), idempotency);
    }

    public static Log fromJson(JsonObject json) {
      return new Log(json.getLong(Fields.ACTOR_ID), json.getLong(Fields.SESSION_ID), json.getLong(Fields.USER_ID),
          InterruptionType.fromWire(json.getString(Fields.TYPE)).orElseThrow(), json.getString(Fields.DESCRIPTION),
          Fields.instant(json, Fields.START_TIME), Fields.instant(json, Fields.END_TIME), IdempotentKey.in(json));
    }
  }

  public record OfSession(long sessionId, Long actorId) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.SESSION_ID, sessionId).put(Fields.ACTOR_ID, actorId);
    }

    public static OfSession fromJson(JsonObject json) {
      return new OfSession(json.getLong(Fields.SESSION_ID), json.getLong(Fields.ACTOR_ID));
    }
  }
}
