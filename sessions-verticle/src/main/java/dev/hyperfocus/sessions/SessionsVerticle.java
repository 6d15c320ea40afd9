package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.ForUser;
import dev.hyperfocus.api.History;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.KeyHeld;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.runtime.DeletedUsers;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.IdempotentResponses;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Owns {@code sessions.db}: starting, ending and listing focus sessions. A start or end with an
 * {@code Idempotency-Key} keeps its response here too ({@link IdempotentResponses}), in the
 * transaction of the write.
 */
public final class SessionsVerticle extends VerticleBase {
  private static final long PURGE_EVERY_MS = 10 * 60_000;

  private final Clock clock;
  private SqliteDatabase db;
  private IdempotentResponses kept;
  private SessionRepository sessions;
  private Handlers handlers;
  private ActiveSessions active;
  private final DeletedUsers deleted = new DeletedUsers();

  public SessionsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "sessions", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          sessions = new SessionRepository(db, clock);
          kept = new IdempotentResponses(db, clock, deleted::holdsScope);
          vertx.setPeriodic(1, PURGE_EVERY_MS, tick -> kept.purgeExpired());
          active = new ActiveSessions(sessions, Meters.of(vertx));
          handlers = new Handlers(vertx)
              .on(SessionsApi.HEALTH, ping -> db.ping().map(Empty.INSTANCE))
              .on(SessionsApi.START, this::start)
              .on(SessionsApi.END, this::end)
              .on(SessionsApi.GET, this::owned)
              .on(SessionsApi.LIST, this::list)
              .on(SessionsApi.HISTORY, this::history)
              .on(SessionsApi.PURGE_USER, this::purgeUser)
              .on(SessionsApi.OUTBOX, sessions.outbox()::after)
              .on(SessionsApi.OUTBOX_APPLIED, applied -> sessions.outbox().applied(applied).map(Empty.INSTANCE))
              .on(SessionsApi.OUTBOX_REPLAY, replay -> sessions.outbox().replay())
              .on(SessionsApi.KEY_HELD, asked -> kept.held(asked.scope(), asked.key()).map(KeyHeld.Answer::new));
          SessionImports imports = new SessionImports(vertx, clock, sessions, deleted);
          handlers.on(SessionsApi.IMPORT_CHECK, imports::check)
              .on(SessionsApi.IMPORT, imports::write)
              .on(SessionsApi.BETWEEN, this::between);
          return Future.all(deleted.listen(vertx), active.recount()).compose(counted -> handlers.ready());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = Future.all(handlers == null ? Future.succeededFuture() : handlers.close(),
        deleted.close()).mapEmpty();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<Session> start(SessionsApi.Start request) {
    return kept.run(request.idempotency(), () -> startOnce(request));
  }

  private Future<Session> startOnce(SessionsApi.Start request) {
    long userId = request.userId();
    Instant now = clock.instant();
    Instant start = request.startTime() != null ? request.startTime() : now;
    return ownedUser(userId, request.actorId())
        .compose(user -> sessions.write(tx -> {
          // in the writer's order: a user whose deletion began meanwhile gets nothing written
          deleted.refuse(userId, Messages.USER_NOT_FOUND);
          kept.check(tx, request.idempotency());
          SessionRules.checkStart(sessions.hasActive(tx, userId), start, now, sessions.latestEnd(tx, userId));
          SessionRepository.Written written =
              sessions.insert(tx, userId, start, request.timezone() != null ? request.timezone() : user.timezone(), now);
          kept.keep(tx, request.idempotency(), written.session().toJson());
          return written;
        }))
        .recover(failure -> Future.failedFuture(SqliteDatabase.isUniqueViolation(failure)
            ? Failure.BAD_REQUEST.with(Messages.ACTIVE_SESSION_EXISTS) : failure))
        .compose(session -> publish(Change.SESSION_STARTED, session));
  }

  private Future<Session> end(SessionsApi.End request) {
    return kept.run(request.idempotency(), () -> endOnce(request));
  }

  private Future<Session> endOnce(SessionsApi.End request) {
    Instant now = clock.instant();
    Instant end = request.endTime() != null ? request.endTime() : now;
    return owned(new ById(request.id(), request.actorId()))
        .compose(session -> {
          SessionRules.checkEnd(session, end, now);
          return sessions.end(session.id(), end, tx -> {
            kept.check(tx, request.idempotency());
            return null;
          }, (tx, ended) -> kept.keep(tx, request.idempotency(), ended.toJson()));
        })
        .compose(ended -> publish(Change.SESSION_ENDED,
            ended.orElseThrow(() -> Failure.BAD_REQUEST.with(Messages.SESSION_ALREADY_ENDED))));
  }

  /** One page of a user's sessions; with {@code day}, those overlapping that day in the user's zone. */
  private Future<Page> list(SessionsApi.ListOfUser request) {
    long userId = request.userId();
    return ownedUser(userId, request.actorId()).compose(user -> {
      SessionRules.Window window = SessionRules.listing(request.day(), ZoneId.of(user.timezone()));
      Instant from = window.from();
      Instant to = window.to();
      int limit = request.limit();
      long offset = request.offset();
      Instant now = clock.instant();
      return Future.all(sessions.page(userId, from, to, now, limit, offset), sessions.count(userId, from, to, now))
          .map(both -> Page.of(both.<List<Session>>resultAt(0), Session::toJson, both.<Long>resultAt(1)));
    });
  }

  /** The calendar feed's sessions: every one overlapping the window, by start (no page limit). */
  private Future<Page> between(Imports.Window request) {
    return sessions.page(request.userId(), request.from(), request.to(), clock.instant(), Integer.MAX_VALUE, 0)
        .map(rows -> Page.of(rows, Session::toJson, rows.size()));
  }

  private Future<Page> history(History request) {
    return sessions.history(request.userId(), request.afterId(), request.limit())
        .map(rows -> Page.of(rows, Session::toJson, rows.size()));
  }

  /**
   * Records the user as deleted first, then submits the purge to the single writer: a start whose
   * user check passed before the deletion is either written before the purge (and purged) or runs
   * after it and is refused (see {@link DeletedUsers}).
   */
  private Future<Empty> purgeUser(ForUser request) {
    deleted.add(request.userId());
    return Future.all(sessions.purgeUser(request.userId()), kept.purgeUser(request.userId()))
        .compose(purged -> {
          vertx.eventBus().publish(Address.SESSIONS_EVENTS, Events.userOnly(Change.USER_DELETED, request.userId())
              .put(Fields.OUTBOX_SEQ, purged.<Long>resultAt(0)));
          return active.recount();
        }).map(Empty.INSTANCE);
  }

  /** The session named by {@code id}: 404 when missing, 403 when the actor is someone else. */
  private Future<Session> owned(ById request) {
    return sessions.get(request.id()).map(found -> {
      Session session = found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.SESSION_NOT_FOUND));
      Ownership.check(request.actorId(), session.userId());
      return session;
    });
  }

  /** The user from the users domain: its 404 passes through; 403 when the actor is someone else. */
  private Future<User> ownedUser(long userId, Long actor) {
    return UsersApi.GET.request(vertx.eventBus(), ById.of(userId))
        .map(user -> {
          Ownership.check(actor, userId);
          return user;
        });
  }

  /**
   * Publishes the change and answers with the session once the event is in the queues of this
   * node's consumers: the interruptions verticle checks interruptions against its copy of the
   * sessions, which must not be behind a change its client has seen answered. (A clustered
   * publish first looks its nodes up, and a reply sent meanwhile could overtake it.)
   */
  private Future<Session> publish(Change change, SessionRepository.Written written) {
    if (change == Change.SESSION_STARTED) {
      active.started();
    } else if (change == Change.SESSION_ENDED) {
      active.ended();
    }
    Session session = written.session();
    return vertx.eventBus().publisher(Address.SESSIONS_EVENTS)
        .write(Events.session(change, session).put(Fields.OUTBOX_SEQ, written.seq()))
        .otherwiseEmpty()
        .map(published -> session);
  }
}
