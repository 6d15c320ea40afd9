package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;

/** The sessions domain's addresses and the records that travel on them. */
public final class SessionsApi {
  private static final Codec<Session> SESSION = Codec.json(Session::toJson, Session::fromJson);

  public static final Endpoint<Start, Session> START =
      Endpoint.of(Address.SESSIONS_START, Codec.json(Start::toJson, Start::fromJson), SESSION);
  public static final Endpoint<End, Session> END =
      Endpoint.of(Address.SESSIONS_END, Codec.json(End::toJson, End::fromJson), SESSION);
  public static final Endpoint<ById, Session> GET = Endpoint.of(Address.SESSIONS_GET, ById.CODEC, SESSION);
  /** One page of a user's sessions (the REST listing); {@code total} counts the whole listing. */
  public static final Endpoint<ListOfUser, Page> LIST =
      Endpoint.of(Address.SESSIONS_LIST, Codec.json(ListOfUser::toJson, ListOfUser::fromJson), Page.CODEC);
  public static final Endpoint<History, Page> HISTORY = Endpoint.of(Address.SESSIONS_HISTORY, History.CODEC, Page.CODEC);
  public static final Endpoint<Outbox.After, Page> OUTBOX =
      Endpoint.of(Address.SESSIONS_OUTBOX, Outbox.After.CODEC, Page.CODEC);
  public static final Endpoint<Outbox.Applied, Empty> OUTBOX_APPLIED =
      Endpoint.of(Address.SESSIONS_OUTBOX_APPLIED, Outbox.Applied.CODEC, Codec.EMPTY);
  /** Appends every current row to the outbox; the answer is the sequence to read after. */
  public static final Endpoint<Empty, Outbox.Applied> OUTBOX_REPLAY =
      Endpoint.of(Address.SESSIONS_OUTBOX_REPLAY, Codec.EMPTY, Outbox.Applied.CODEC);
  public static final Endpoint<ForUser, Empty> PURGE_USER = Endpoint.of(Address.SESSIONS_PURGE_USER, ForUser.CODEC, Codec.EMPTY);
  public static final Endpoint<Empty, Empty> HEALTH = Endpoint.health(Address.SESSIONS_HEALTH);
  /** Whether this domain keeps a response for (scope, key), from its read connection. */
  public static final Endpoint<KeyHeld, KeyHeld.Answer> KEY_HELD =
      Endpoint.of(Address.SESSIONS_KEY_HELD, KeyHeld.CODEC, KeyHeld.Answer.CODEC);

  /** A user's sessions overlapping a window (an active one reaches now), by start: the calendar feed. */
  public static final Endpoint<Imports.Window, Page> BETWEEN =
      Endpoint.of(Address.SESSIONS_BETWEEN, Imports.Window.CODEC, Page.CODEC);
  /**
   * Checks the sessions of an import against the user's stored ones (409 naming the row) and,
   * unless a dry run, reserves one id per row (the reply, in the order of the rows), so that the
   * interruptions can be written first, under their sessions' ids (see {@link #IMPORT}).
   */
  public static final Endpoint<Imports.Sessions, Imports.Ids> IMPORT_CHECK =
      Endpoint.of(Address.SESSIONS_IMPORT_CHECK, Imports.Sessions.CODEC, Imports.Ids.CODEC);
  /**
   * Writes the sessions of an import under their reserved ids in one transaction, checking the stored
   * sessions again (a live write may have come between), then publishes one {@code session_ended} each.
   */
  public static final Endpoint<Imports.Sessions, Imports.Count> IMPORT =
      Endpoint.of(Address.SESSIONS_IMPORT, Imports.Sessions.CODEC, Imports.Count.CODEC);

  private SessionsApi() {}

  /**
   * Starts a session.
   *
   * @param startTime null: now
   * @param timezone null: the user's zone
   * @param idempotency null: no Idempotency-Key
   */
  public record Start(long userId, Long actorId, Instant startTime, String timezone, IdempotentKey idempotency) {
    public Start(long userId, Long actorId, Instant startTime, String timezone) {
      this(userId, actorId, startTime, timezone, null);
    }

    public JsonObject toJson() {
      return IdempotentKey.with(new JsonObject().put(Fields.USER_ID, userId).put(Fields.ACTOR_ID, actorId)
          .put(Fields.START_TIME, Fields.instant(startTime)).put(Fields.TIMEZONE, timezone), idempotency);
    }

    public static Start fromJson(JsonObject json) {
      return new Start(json.getLong(Fields.USER_ID), json.getLong(Fields.ACTOR_ID), Fields.instant(json, Fields.START_TIME),
          json.getString(Fields.TIMEZONE), IdempotentKey.in(json));
    }
  }

  /**
   * Ends a session.
   *
   * @param endTime null: now
   * @param idempotency null: no Idempotency-Key
   */
  public record End(long id, Long actorId, Instant endTime, IdempotentKey idempotency) {
    public End(long id, Long actorId, Instant endTime) {
      this(id, actorId, endTime, null);
    }

    public JsonObject toJson() {
      return IdempotentKey.with(new ById(id, actorId).toJson().put(Fields.END_TIME, Fields.instant(endTime)), idempotency);
    }

    public static End fromJson(JsonObject json) {
      return new End(json.getLong(Fields.ID), json.getLong(Fields.ACTOR_ID), Fields.instant(json, Fields.END_TIME),
          IdempotentKey.in(json));
    }
  }

  /**
   * A page of a user's sessions.
   *
   * @param day null: every session; else those overlapping that local day in the user's zone
   */
  public record ListOfUser(long userId, Long actorId, LocalDate day, int limit, long offset) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(Fields.ACTOR_ID, actorId)
          .put(Fields.DAY, day == null ? null : day.toString()).put(Fields.LIMIT, limit).put(Fields.OFFSET, offset);
    }

    public static ListOfUser fromJson(JsonObject json) {
      String day = json.getString(Fields.DAY);
      return new ListOfUser(json.getLong(Fields.USER_ID), json.getLong(Fields.ACTOR_ID),
          day == null ? null : LocalDate.parse(day), json.getInteger(Fields.LIMIT), json.getLong(Fields.OFFSET));
    }
  }
}
