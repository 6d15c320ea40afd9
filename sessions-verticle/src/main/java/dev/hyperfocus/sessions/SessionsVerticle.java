package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.User;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Owns {@code sessions.db}: starting, ending and listing focus sessions. */
public final class SessionsVerticle extends VerticleBase {
  private final Clock clock;
  private SqliteDatabase db;
  private SessionRepository sessions;
  private Handlers handlers;
  private ActiveSessions active;

  public SessionsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "sessions", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          sessions = new SessionRepository(db);
          active = new ActiveSessions(sessions, Meters.of(vertx));
          handlers = new Handlers(vertx)
              .on(Address.SESSIONS_HEALTH, ping -> db.ping().map(new JsonObject()))
              .on(Address.SESSIONS_START, this::start)
              .on(Address.SESSIONS_END, this::end)
              .on(Address.SESSIONS_GET, this::get)
              .on(Address.SESSIONS_LIST, this::list)
              .on(Address.SESSIONS_HISTORY, this::history)
              .on(Address.SESSIONS_PURGE_USER, this::purgeUser);
          return active.recount().compose(counted -> handlers.ready());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = handlers == null ? Future.succeededFuture() : handlers.close();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<JsonObject> start(JsonObject request) {
    long userId = request.getLong(Json.USER_ID);
    Instant now = clock.instant();
    Instant start = request.containsKey(Json.START_TIME) ? Json.instant(request, Json.START_TIME) : now;
    return ownedUser(userId, Json.actor(request))
        .compose(user -> sessions.write(tx -> {
          SessionRules.checkStart(sessions.hasActive(tx, userId), start, now, sessions.latestEnd(tx, userId));
          return sessions.insert(tx, userId, start, request.getString(Json.TIMEZONE, user.timezone()), now);
        }))
        .recover(failure -> Future.failedFuture(SqliteDatabase.isUniqueViolation(failure)
            ? Failure.BAD_REQUEST.with(Messages.ACTIVE_SESSION_EXISTS) : failure))
        .compose(session -> publish(Change.SESSION_STARTED, session));
  }

  private Future<JsonObject> end(JsonObject request) {
    Instant now = clock.instant();
    Instant end = request.containsKey(Json.END_TIME) ? Json.instant(request, Json.END_TIME) : now;
    return owned(request)
        .compose(session -> {
          SessionRules.checkEnd(session, end, now);
          return sessions.end(session.id(), end);
        })
        .compose(ended -> publish(Change.SESSION_ENDED,
            ended.orElseThrow(() -> Failure.BAD_REQUEST.with(Messages.SESSION_ALREADY_ENDED))));
  }

  private Future<JsonObject> get(JsonObject request) {
    return owned(request).map(Session::toJson);
  }

  /** One page of a user's sessions; with {@code day}, those overlapping that day in the user's zone. */
  private Future<JsonObject> list(JsonObject request) {
    long userId = request.getLong(Json.USER_ID);
    return ownedUser(userId, Json.actor(request)).compose(user -> {
      SessionRules.Window window = SessionRules.listing(request.getString(Json.DAY), ZoneId.of(user.timezone()));
      Instant from = window.from();
      Instant to = window.to();
      int limit = request.getInteger(Json.LIMIT);
      long offset = request.getLong(Json.OFFSET);
      Instant now = clock.instant();
      return Future.all(sessions.page(userId, from, to, now, limit, offset), sessions.count(userId, from, to, now))
          .map(both -> page(both.<List<Session>>resultAt(0), both.<Long>resultAt(1)));
    });
  }

  private Future<JsonObject> history(JsonObject request) {
    return sessions.history(request.getLong(Json.USER_ID), request.getLong(Json.AFTER_ID, 0L),
            Math.min(request.getInteger(Json.LIMIT, Json.HISTORY_PAGE), Json.HISTORY_PAGE))
        .map(rows -> page(rows, rows.size()));
  }

  private Future<JsonObject> purgeUser(JsonObject request) {
    return sessions.purgeUser(request.getLong(Json.USER_ID)).compose(purged -> active.recount()).map(new JsonObject());
  }

  /** The session named by {@code id}: 404 when missing, 403 when the actor is someone else. */
  private Future<Session> owned(JsonObject request) {
    Long actor = Json.actor(request);
    return sessions.get(request.getLong(Json.ID)).map(found -> {
      Session session = found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.SESSION_NOT_FOUND));
      if (actor != null && actor != session.userId()) {
        throw Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS);
      }
      return session;
    });
  }

  /** The user from the users domain: its 404 passes through; 403 when the actor is someone else. */
  private Future<User> ownedUser(long userId, Long actor) {
    return vertx.eventBus().<JsonObject>request(Address.USERS_GET, new JsonObject().put(Json.ID, userId))
        .map(reply -> {
          if (actor != null && actor != userId) {
            throw Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS);
          }
          return User.fromJson(reply.body());
        });
  }

  private static JsonObject page(List<Session> items, long total) {
    JsonArray array = new JsonArray();
    items.forEach(session -> array.add(session.toJson()));
    return new JsonObject().put(Json.ITEMS, array).put(Json.TOTAL, total);
  }

  /**
   * Publishes the change and answers with the session once the event is in the queues of this
   * node's consumers: the interruptions verticle checks interruptions against its copy of the
   * sessions, which must not be behind a change its client has seen answered. (A clustered
   * publish first looks its nodes up, and a reply sent meanwhile could overtake it.)
   */
  private Future<JsonObject> publish(Change change, Session session) {
    if (change == Change.SESSION_STARTED) {
      active.started();
    } else if (change == Change.SESSION_ENDED) {
      active.ended();
    }
    return vertx.eventBus().publisher(Address.SESSIONS_EVENTS).write(Events.session(change, session))
        .otherwiseEmpty()
        .map(published -> session.toJson());
  }
}
