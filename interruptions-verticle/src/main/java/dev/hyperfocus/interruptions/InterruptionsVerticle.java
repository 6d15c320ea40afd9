package dev.hyperfocus.interruptions;

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
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.KeyHeld;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.TimeRules;
import dev.hyperfocus.runtime.DeletedUsers;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.runtime.SessionCache;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.IdempotentResponses;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Owns {@code interruptions.db}: logging, listing and deleting interruptions. The sessions it
 * checks against come from {@code sessions.get} once, then from a copy kept current by
 * {@code sessions.events}: the sessions verticle answers a start or end only once its event is
 * queued here (both live on the data node), so the copy is never behind a change a client has
 * seen answered. A log with an {@code Idempotency-Key} keeps its response here too
 * ({@link IdempotentResponses}), in the transaction of the insert.
 */
public final class InterruptionsVerticle extends VerticleBase {
  private static final long PURGE_EVERY_MS = 10 * 60_000;

  private final Clock clock;
  private SqliteDatabase db;
  private IdempotentResponses kept;
  private InterruptionRepository interruptions;
  private Handlers handlers;
  private MessageConsumer<JsonObject> sessionEvents;
  private final SessionCache sessions = new SessionCache();
  private final DeletedUsers deleted = new DeletedUsers();

  public InterruptionsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "interruptions", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          kept = new IdempotentResponses(db, clock, deleted::holdsScope);
          interruptions = new InterruptionRepository(db, deleted, kept, clock);
          vertx.setPeriodic(1, PURGE_EVERY_MS, tick -> kept.purgeExpired());
          sessionEvents = vertx.eventBus().consumer(Address.SESSIONS_EVENTS, event -> {
            JsonObject session = event.body().getJsonObject(Fields.SESSION);
            if (session != null) {
              sessions.written(Session.fromJson(session));
            }
          });
          handlers = new Handlers(vertx)
              .on(InterruptionsApi.HEALTH, ping -> db.ping().map(Empty.INSTANCE))
              .on(InterruptionsApi.LOG, this::log)
              .on(InterruptionsApi.LIST, this::list)
              .on(InterruptionsApi.DELETE, this::delete)
              .on(InterruptionsApi.HISTORY, this::history)
              .on(InterruptionsApi.PURGE_USER, this::purgeUser)
              .on(InterruptionsApi.OUTBOX, interruptions.outbox()::after)
              .on(InterruptionsApi.OUTBOX_APPLIED, applied -> interruptions.outbox().applied(applied).map(Empty.INSTANCE))
              .on(InterruptionsApi.OUTBOX_REPLAY, replay -> interruptions.outbox().replay())
              .on(InterruptionsApi.KEY_HELD, asked -> kept.held(asked.scope(), asked.key()).map(KeyHeld.Answer::new))
              .on(InterruptionsApi.IMPORT, this::importRows)
              .on(InterruptionsApi.IMPORT_UNDO, this::undoImport)
              .on(InterruptionsApi.BETWEEN, request -> interruptions
                  .ofUserBetween(request.userId(), request.from(), request.to()).map(rows -> items(rows, false)));
          return Future.all(sessionEvents.completion(), deleted.listen(vertx), handlers.ready());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = Future.all(handlers == null ? Future.succeededFuture() : handlers.close(),
        sessionEvents == null ? Future.succeededFuture() : sessionEvents.unregister(), deleted.close()).mapEmpty();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<Interruption> log(InterruptionsApi.Log request) {
    return kept.run(request.idempotency(), () -> logOnce(request));
  }

  private Future<Interruption> logOnce(InterruptionsApi.Log request) {
    Instant start = request.startTime();
    Instant end = request.endTime();
    return session(request.sessionId(), request.actorId())
        .compose(session -> {
          Instant now = clock.instant();
          if (request.userId() != session.userId()) {
            throw Failure.BAD_REQUEST.with(Messages.INTERRUPTION_USER_MISMATCH);
          }
          if (TimeRules.inFuture(start, now)) {
            throw Failure.invalidField(Fields.START_TIME, Messages.TIME_IN_FUTURE);
          }
          if (TimeRules.tooFarAhead(end, now)) {
            throw Failure.invalidField(Fields.END_TIME, Messages.END_TOO_FAR_AHEAD);
          }
          if (!TimeRules.overlaps(start, end, session.startTime(), TimeRules.spanEnd(session, now))) {
            throw Failure.invalidField(Fields.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP);
          }
          Interruption row = new Interruption(0, session.id(), session.userId(),
              request.type(), request.description(), start, end, Interruption.durationSeconds(start, end), now);
          return interruptions.insertUnlessOverlapping(row, session.timezone(), request.idempotency());
        })
        .map(inserted -> {
          if (inserted.overlapping() != null) {
            throw Failure.CONFLICT.with(Messages.interruptionOverlaps(inserted.overlapping()));
          }
          publish(Change.INTERRUPTION_LOGGED, inserted.stored(), inserted.seq());
          return inserted.stored().interruption();
        });
  }

  /**
   * The interruptions of an import, into sessions the import has just written: the edge checked
   * them against their sessions and each other; the insert itself refuses an overlap (409 naming
   * the row, nothing written). Published after the commit, as a log is.
   */
  private Future<Imports.Ids> importRows(Imports.Interruptions request) {
    return interruptions.insertAll(request, clock.instant())
        .compose(stored -> publishPage(Change.INTERRUPTION_LOGGED, stored, 0)
            .map(published -> new Imports.Ids(request.userId(),
                stored.stream().map(row -> row.stored().interruption().id()).toList())));
  }

  /** Compensation: the import's interruptions go again, each with its {@code interruption_deleted}. */
  private Future<Empty> undoImport(Imports.Ids request) {
    return interruptions.deleteAll(request.userId(), request.ids())
        .compose(deleted -> publishPage(Change.INTERRUPTION_DELETED, deleted, 0))
        .map(Empty.INSTANCE);
  }

  /** A page of events per task of the event loop, however large the import. */
  private Future<Void> publishPage(Change change, List<InterruptionRepository.Written> stored, int from) {
    int to = Math.min(from + Fields.HISTORY_PAGE, stored.size());
    stored.subList(from, to).forEach(row -> publish(change, row.stored(), row.seq()));
    if (to >= stored.size()) {
      return Future.succeededFuture();
    }
    Promise<Void> nextTask = Promise.promise();
    vertx.runOnContext(next -> nextTask.complete());
    return nextTask.future().compose(next -> publishPage(change, stored, to));
  }

  private Future<Page> list(InterruptionsApi.OfSession request) {
    return session(request.sessionId(), request.actorId())
        .compose(session -> interruptions.ofSession(session.id()))
        .map(rows -> items(rows, false));
  }

  private Future<Empty> delete(ById request) {
    return interruptions.get(request.id())
        .compose(found -> {
          InterruptionRepository.Stored stored =
              found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.INTERRUPTION_NOT_FOUND));
          Ownership.check(request.actorId(), stored.interruption().userId());
          return interruptions.delete(stored).map(deleted -> {
            publish(Change.INTERRUPTION_DELETED, stored,
                deleted.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.INTERRUPTION_NOT_FOUND)));
            return Empty.INSTANCE;
          });
        });
  }

  private Future<Page> history(History request) {
    return interruptions.ofUser(request.userId(), request.afterId(), request.limit())
        .map(rows -> items(rows, true));
  }

  /** The user is recorded as deleted before the purge is submitted: see {@link DeletedUsers}. */
  private Future<Empty> purgeUser(ForUser request) {
    deleted.add(request.userId());
    sessions.purge(request.userId());
    return Future.all(interruptions.purgeUser(request.userId()), kept.purgeUser(request.userId())).map(purged -> {
      vertx.eventBus().publish(Address.INTERRUPTIONS_EVENTS, Events.userOnly(Change.USER_DELETED, request.userId())
          .put(Fields.OUTBOX_SEQ, purged.<Long>resultAt(0)));
      return Empty.INSTANCE;
    });
  }

  /**
   * The session, as {@code sessions.get} would answer: 404 when missing, 403 when the actor is
   * someone else. Asked of the sessions domain only the first time (its 404 and 403 pass through).
   */
  private Future<Session> session(long sessionId, Long actor) {
    Session known = sessions.get(sessionId);
    if (known != null) {
      return Ownership.allows(actor, known.userId()) ? Future.succeededFuture(known)
          : Future.failedFuture(Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS));
    }
    return SessionsApi.GET.request(vertx.eventBus(), new ById(sessionId, actor))
        .map(session -> {
          sessions.read(session);
          return session;
        });
  }

  /** A list reply; the history for aggregates also carries each row's session time zone. */
  private static Page items(List<InterruptionRepository.Stored> rows, boolean withZone) {
    return Page.of(rows, row -> withZone
        ? row.interruption().toJson().put(Fields.TIMEZONE, row.timezone()) : row.interruption().toJson(), rows.size());
  }

  private void publish(Change change, InterruptionRepository.Stored stored, long seq) {
    vertx.eventBus().publish(Address.INTERRUPTIONS_EVENTS,
        InterruptionRepository.event(change, stored).put(Fields.OUTBOX_SEQ, seq));
  }
}
