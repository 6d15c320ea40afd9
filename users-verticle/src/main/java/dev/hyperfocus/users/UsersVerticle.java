package dev.hyperfocus.users;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.ForUser;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.Tokens;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Owns {@code users.db}: sign-up, profile, tokens, all-or-nothing deletion with tombstones. */
public final class UsersVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(UsersVerticle.class.getName());
  private static final DeliveryOptions PURGE = new DeliveryOptions().setSendTimeout(30_000);

  /** How long an unfinished deletion waits before the next attempt when no client repeats it. */
  private static final long RETRY_MS = 10_000;

  private final Clock clock;
  private long retryTimer = -1;
  private volatile boolean stopping;
  private SqliteDatabase db;
  private UserRepository users;
  private Handlers handlers;

  public UsersVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "users", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          users = new UserRepository(db);
          handlers = new Handlers(vertx)
              .on(UsersApi.HEALTH, ping -> db.ping().map(Empty.INSTANCE))
              .on(UsersApi.CREATE, this::create)
              .on(UsersApi.GET, this::owned)
              .on(UsersApi.UPDATE, this::update)
              .on(UsersApi.DELETE, this::delete)
              .on(UsersApi.ROTATE_TOKEN, this::rotateToken)
              .on(UsersApi.AUTHENTICATE, this::authenticate)
              .on(UsersApi.CALENDAR_KEY, this::calendarKey)
              .on(UsersApi.CALENDAR_USER, this::calendarUser);
          return handlers.ready();
        })
        .compose(ready -> repairInterruptedDeletes());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    Future<Void> unbound = handlers == null ? Future.succeededFuture() : handlers.close();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<UsersApi.Created> create(UsersApi.Create request) {
    String token = request.issueToken() ? Tokens.generate() : null;
    return users.insert(request.name(), request.email(), request.timezone(),
            token == null ? null : Tokens.hash(token), clock.instant())
        .recover(failure -> Future.failedFuture(SqliteDatabase.isUniqueViolation(failure)
            ? Failure.BAD_REQUEST.with(Messages.EMAIL_ALREADY_REGISTERED) : failure))
        .map(user -> {
          publish(Events.user(Change.USER_CREATED, user));
          return new UsersApi.Created(user, token);
        });
  }

  private Future<User> update(UsersApi.Update request) {
    return owned(new ById(request.id(), request.actorId()))
        .compose(user -> users.update(user.id(), request.name(), request.timezone()))
        .map(updated -> {
          User user = updated.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND));
          publish(Events.user(Change.USER_UPDATED, user));
          return user;
        });
  }

  /**
   * All or nothing from the client's view: the tombstone goes in first (the user is then gone for
   * every read and write), {@code user_deleted} is published, the other domains purge, and only
   * when every one of them has purged do the row and the tombstone go and the client get its 204.
   * When a domain fails, the client gets a 503 and the tombstone stays: a repeat of the DELETE
   * (the user's token still authenticates for it) finishes the purge, as does a retry in the
   * background and the next start.
   */
  private Future<Empty> delete(ById request) {
    return users.deletable(request.id())
        .compose(found -> {
          long id = found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND));
          Ownership.check(request.actorId(), id);
          return users.addTombstone(id, clock.instant()).map(id);
        })
        .compose(id -> purge(id).recover(failure -> {
          retryLater();
          return Future.failedFuture(Failure.UNAVAILABLE.with(Messages.DELETION_INCOMPLETE));
        }))
        .map(Empty.INSTANCE);
  }

  private Future<UsersApi.Token> rotateToken(ById request) {
    String token = Tokens.generate();
    return owned(request)
        .compose(user -> users.setTokenHash(user.id(), Tokens.hash(token)).map(changed -> {
          if (!changed) {
            throw Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND); // deleted meanwhile
          }
          return user.id();
        }))
        .map(id -> {
          publish(Events.userOnly(Change.TOKEN_REVOKED, id));
          return new UsersApi.Token(token);
        });
  }

  /** A new calendar-feed key; storing its hash replaces the previous one, which stops working at once. */
  private Future<UsersApi.CalendarKey> calendarKey(ById request) {
    String key = Tokens.calendarKey();
    return owned(request)
        .compose(user -> users.setCalendarKeyHash(user.id(), Tokens.hash(key)))
        .map(changed -> {
          if (!changed) {
            throw Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND); // deleted meanwhile
          }
          return new UsersApi.CalendarKey(key);
        });
  }

  /** The user of a calendar feed: one 404 for an unknown user, a wrong key and no key alike. */
  private Future<User> calendarUser(UsersApi.CalendarUser request) {
    return users.byCalendarKey(request.userId(), request.keyHash())
        .map(found -> found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.CALENDAR_NOT_FOUND)));
  }

  private Future<UsersApi.Authenticated> authenticate(UsersApi.Authenticate request) {
    return users.idByTokenHash(request.tokenHash())
        .map(id -> new UsersApi.Authenticated(
            id.orElseThrow(() -> Failure.UNAUTHORIZED.with(Messages.NOT_AUTHENTICATED))));
  }

  /** The user named by {@code id}: 404 when missing, 403 when the actor is someone else. */
  private Future<User> owned(ById request) {
    return users.get(request.id()).map(found -> {
      User user = found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND));
      Ownership.check(request.actorId(), user.id());
      return user;
    });
  }

  /**
   * Publishes {@code user_deleted} (web nodes drop the user's tokens and sockets; the sessions and
   * interruptions verticles refuse the user's writes from then on), asks the other domains to drop
   * the user's rows, then removes the row and the tombstone. Each purge handler also records the
   * user as deleted before it deletes, so no write that passed its user check before the tombstone
   * can land after the purge (see SessionsVerticle#purgeUser). Fails when any domain failed.
   */
  private Future<Void> purge(long userId) {
    publish(Events.userOnly(Change.USER_DELETED, userId));
    ForUser user = new ForUser(userId);
    return Future.all(
            SessionsApi.PURGE_USER.request(vertx.eventBus(), user, PURGE),
            InterruptionsApi.PURGE_USER.request(vertx.eventBus(), user, PURGE))
        .compose(purged -> users.deleteWithTombstone(userId))
        .onFailure(failure -> LOG.log(Level.WARNING, "Deletion of user " + userId
            + " incomplete; the tombstone stays until every domain has purged the user", failure));
  }

  /**
   * Finishes deletions that a crash or a failing domain left unfinished. At start this runs before
   * the verticle reports itself started (the other domain verticles are deployed first), so that no
   * request sees a deleted user's rows; a failure there does not stop the node, it retries later.
   */
  private Future<Void> repairInterruptedDeletes() {
    return users.tombstones().compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      boolean[] failed = {false};
      for (long id : ids) {
        LOG.info("Completing the interrupted deletion of user " + id);
        chain = chain.compose(done -> purge(id).otherwise(failure -> {
          failed[0] = true;
          return null;
        }));
      }
      return chain.onComplete(done -> {
        if (failed[0]) {
          retryLater();
        }
      });
    }).otherwise(failure -> {
      LOG.log(Level.WARNING, "Cannot read the unfinished deletions; retrying later", failure);
      retryLater();
      return null;
    });
  }

  /** One pending retry of every unfinished deletion at a time. */
  private void retryLater() {
    if (retryTimer < 0 && !stopping) {
      retryTimer = vertx.setTimer(RETRY_MS, fired -> {
        retryTimer = -1;
        repairInterruptedDeletes();
      });
    }
  }

  private void publish(JsonObject event) {
    vertx.eventBus().publish(Address.USERS_EVENTS, event);
  }
}
