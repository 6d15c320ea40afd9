package dev.hyperfocus.interruptions;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.runtime.SessionCache;
import dev.hyperfocus.api.TimeRules;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Owns {@code interruptions.db}: logging, listing and deleting interruptions. The sessions it
 * checks against come from {@code sessions.get} once, then from a copy kept current by
 * {@code sessions.events}: the sessions verticle answers a start or end only once its event is
 * queued here (both live on the data node), so the copy is never behind a change a client has
 * seen answered.
 */
public final class InterruptionsVerticle extends VerticleBase {
  private final Clock clock;
  private SqliteDatabase db;
  private InterruptionRepository interruptions;
  private Handlers handlers;
  private MessageConsumer<JsonObject> sessionEvents;
  private final SessionCache sessions = new SessionCache();

  public InterruptionsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "interruptions", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          interruptions = new InterruptionRepository(db);
          sessionEvents = vertx.eventBus().consumer(Address.SESSIONS_EVENTS,
              event -> sessions.written(Session.fromJson(event.body().getJsonObject(Json.SESSION))));
          handlers = new Handlers(vertx)
              .on(Address.INTERRUPTIONS_HEALTH, ping -> db.ping().map(new JsonObject()))
              .on(Address.INTERRUPTIONS_LOG, this::log)
              .on(Address.INTERRUPTIONS_LIST, this::list)
              .on(Address.INTERRUPTIONS_DELETE, this::delete)
              .on(Address.INTERRUPTIONS_HISTORY, this::history)
              .on(Address.INTERRUPTIONS_PURGE_USER, this::purgeUser);
          return Future.all(sessionEvents.completion(), handlers.ready());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = Future.all(handlers == null ? Future.succeededFuture() : handlers.close(),
        sessionEvents == null ? Future.succeededFuture() : sessionEvents.unregister()).mapEmpty();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<JsonObject> log(JsonObject request) {
    Instant start = Json.instant(request, Json.START_TIME);
    Instant end = Json.instant(request, Json.END_TIME);
    return session(request.getLong(Json.SESSION_ID), Json.actor(request))
        .compose(session -> {
          Instant now = clock.instant();
          if (request.getLong(Json.USER_ID) != session.userId()) {
            throw Failure.BAD_REQUEST.with(Messages.INTERRUPTION_USER_MISMATCH);
          }
          if (TimeRules.inFuture(start, now)) {
            throw Failure.invalidField(Json.START_TIME, Messages.TIME_IN_FUTURE);
          }
          if (TimeRules.tooFarAhead(end, now)) {
            throw Failure.invalidField(Json.END_TIME, Messages.END_TOO_FAR_AHEAD);
          }
          if (!TimeRules.overlaps(start, end, session.startTime(), TimeRules.spanEnd(session, now))) {
            throw Failure.invalidField(Json.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP);
          }
          Interruption row = new Interruption(0, session.id(), session.userId(),
              InterruptionType.fromWire(request.getString(Json.TYPE)).orElseThrow(),
              request.getString(Json.DESCRIPTION), start, end, Interruption.durationSeconds(start, end), now);
          return interruptions.insertUnlessOverlapping(row, session.timezone());
        })
        .map(inserted -> {
          if (inserted.overlapping() != null) {
            throw Failure.CONFLICT.with(Messages.interruptionOverlaps(inserted.overlapping()));
          }
          publish(Change.INTERRUPTION_LOGGED, inserted.stored());
          return inserted.stored().interruption().toJson();
        });
  }

  private Future<JsonObject> list(JsonObject request) {
    return session(request.getLong(Json.SESSION_ID), Json.actor(request))
        .compose(session -> interruptions.ofSession(session.id()))
        .map(rows -> items(rows, false));
  }

  private Future<JsonObject> delete(JsonObject request) {
    Long actor = Json.actor(request);
    return interruptions.get(request.getLong(Json.ID))
        .compose(found -> {
          InterruptionRepository.Stored stored =
              found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.INTERRUPTION_NOT_FOUND));
          if (actor != null && actor != stored.interruption().userId()) {
            throw Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS);
          }
          return interruptions.delete(stored.interruption().id()).map(deleted -> {
            if (!deleted) {
              throw Failure.NOT_FOUND.with(Messages.INTERRUPTION_NOT_FOUND);
            }
            publish(Change.INTERRUPTION_DELETED, stored);
            return new JsonObject();
          });
        });
  }

  private Future<JsonObject> history(JsonObject request) {
    return interruptions.ofUser(request.getLong(Json.USER_ID), request.getLong(Json.AFTER_ID, 0L),
            Math.min(request.getInteger(Json.LIMIT, Json.HISTORY_PAGE), Json.HISTORY_PAGE))
        .map(rows -> items(rows, true));
  }

  private Future<JsonObject> purgeUser(JsonObject request) {
    long userId = request.getLong(Json.USER_ID);
    sessions.purge(userId);
    return interruptions.purgeUser(userId).map(new JsonObject());
  }

  /**
   * The session, as {@code sessions.get} would answer: 404 when missing, 403 when the actor is
   * someone else. Asked of the sessions domain only the first time (its 404 and 403 pass through).
   */
  private Future<Session> session(long sessionId, Long actor) {
    Session known = sessions.get(sessionId);
    if (known != null) {
      if (actor != null && actor != known.userId()) {
        return Future.failedFuture(Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS));
      }
      return Future.succeededFuture(known);
    }
    JsonObject query = new JsonObject().put(Json.ID, sessionId).put(Json.ACTOR_ID, actor);
    return vertx.eventBus().<JsonObject>request(Address.SESSIONS_GET, query)
        .map(reply -> {
          Session session = Session.fromJson(reply.body());
          sessions.read(session);
          return session;
        });
  }

  /** A list reply; the history for aggregates also carries each row's session time zone. */
  private static JsonObject items(List<InterruptionRepository.Stored> rows, boolean withZone) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> {
      JsonObject json = row.interruption().toJson();
      array.add(withZone ? json.put(Json.TIMEZONE, row.timezone()) : json);
    });
    return new JsonObject().put(Json.ITEMS, array).put(Json.TOTAL, rows.size());
  }

  private void publish(Change change, InterruptionRepository.Stored stored) {
    vertx.eventBus().publish(Address.INTERRUPTIONS_EVENTS,
        Events.interruption(change, stored.interruption(), stored.timezone()));
  }
}
