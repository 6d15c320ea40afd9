package dev.hyperfocus.users;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Tokens;
import dev.hyperfocus.api.User;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Owns {@code users.db}: sign-up, profile, tokens, deletion with tombstones. */
public final class UsersVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(UsersVerticle.class.getName());
  private static final DeliveryOptions PURGE = new DeliveryOptions().setSendTimeout(30_000);

  private final Clock clock;
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
              .on(Address.USERS_HEALTH, ping -> db.ping().map(new JsonObject()))
              .on(Address.USERS_CREATE, this::create)
              .on(Address.USERS_GET, this::get)
              .on(Address.USERS_UPDATE, this::update)
              .on(Address.USERS_DELETE, this::delete)
              .on(Address.USERS_ROTATE_TOKEN, this::rotateToken)
              .on(Address.USERS_AUTHENTICATE, this::authenticate);
          return handlers.ready();
        })
        .compose(ready -> repairInterruptedDeletes());
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = handlers == null ? Future.succeededFuture() : handlers.close();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private Future<JsonObject> create(JsonObject request) {
    String token = request.getBoolean(Json.ISSUE_TOKEN, false) ? Tokens.generate() : null;
    return users.insert(request.getString(Json.NAME), request.getString(Json.EMAIL),
            request.getString(Json.TIMEZONE), token == null ? null : Tokens.hash(token), clock.instant())
        .recover(failure -> Future.failedFuture(SqliteDatabase.isUniqueViolation(failure)
            ? Failure.BAD_REQUEST.with(Messages.EMAIL_ALREADY_REGISTERED) : failure))
        .map(user -> {
          publish(Events.user(Change.USER_CREATED, user));
          JsonObject body = user.toJson();
          return token == null ? body : body.put(Json.API_TOKEN, token);
        });
  }

  private Future<JsonObject> get(JsonObject request) {
    return owned(request).map(User::toJson);
  }

  private Future<JsonObject> update(JsonObject request) {
    return owned(request)
        .compose(user -> users.update(user.id(), request.getString(Json.NAME), request.getString(Json.TIMEZONE)))
        .map(updated -> {
          User user = updated.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND));
          publish(Events.user(Change.USER_UPDATED, user));
          return user.toJson();
        });
  }

  private Future<JsonObject> delete(JsonObject request) {
    return owned(request)
        .compose(user -> users.deleteLeavingTombstone(user.id(), clock.instant()).map(user.id()))
        .compose(id -> {
          publish(Events.userOnly(Change.USER_DELETED, id));
          return purgeOtherDomains(id);
        })
        .map(new JsonObject());
  }

  private Future<JsonObject> rotateToken(JsonObject request) {
    String token = Tokens.generate();
    return owned(request)
        .compose(user -> users.setTokenHash(user.id(), Tokens.hash(token)).map(user.id()))
        .map(id -> {
          publish(Events.userOnly(Change.TOKEN_REVOKED, id));
          return new JsonObject().put(Json.API_TOKEN, token);
        });
  }

  private Future<JsonObject> authenticate(JsonObject request) {
    return users.idByTokenHash(request.getString(Json.TOKEN_HASH))
        .map(id -> new JsonObject().put(Json.USER_ID,
            id.orElseThrow(() -> Failure.UNAUTHORIZED.with(Messages.NOT_AUTHENTICATED))));
  }

  /** The user named by {@code id}: 404 when missing, 403 when the actor is someone else. */
  private Future<User> owned(JsonObject request) {
    long id = request.getLong(Json.ID);
    Long actor = Json.actor(request);
    return users.get(id).map(found -> {
      User user = found.orElseThrow(() -> Failure.NOT_FOUND.with(Messages.USER_NOT_FOUND));
      if (actor != null && actor != id) {
        throw Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS);
      }
      return user;
    });
  }

  /** Asks the other domains to drop the user's rows, then removes the tombstone. */
  private Future<Void> purgeOtherDomains(long userId) {
    JsonObject body = new JsonObject().put(Json.USER_ID, userId);
    return Future.all(
            vertx.eventBus().request(Address.SESSIONS_PURGE_USER, body, PURGE),
            vertx.eventBus().request(Address.INTERRUPTIONS_PURGE_USER, body, PURGE))
        .compose(purged -> users.removeTombstone(userId))
        .recover(failure -> {
          LOG.log(Level.WARNING, "Purge of user " + userId + " incomplete; repaired at next start", failure);
          return Future.succeededFuture();
        });
  }

  /**
   * Finishes deletions that a crash interrupted, before this verticle reports itself started (the
   * other domain verticles are deployed first), so that no request sees a deleted user's rows.
   */
  private Future<Void> repairInterruptedDeletes() {
    return users.tombstones().compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        LOG.info("Completing the interrupted deletion of user " + id);
        chain = chain.compose(done -> purgeOtherDomains(id));
      }
      return chain;
    });
  }

  private void publish(JsonObject event) {
    vertx.eventBus().publish(Address.USERS_EVENTS, event);
  }
}
