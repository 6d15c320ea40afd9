package dev.hyperfocus.idempotency;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotencyApi;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns {@code idempotency.db}: the first completed response to each (scope, Idempotency-Key),
 * kept for 24 hours (a deleted user's go with them), so that a retry reaching any web node, even after a restart, is answered
 * with it instead of running again.
 */
public final class IdempotencyVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(IdempotencyVerticle.class.getName());
  private static final long LEASE_SWEEP_MS = 5_000;
  private static final long PURGE_EVERY_MS = 10 * 60_000;

  private final Clock clock;
  private SqliteDatabase db;
  private StoredResponses stored;
  private Claims claims;
  private Handlers handlers;
  private MessageConsumer<JsonObject> userEvents;

  public IdempotencyVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SqliteDatabase.open(vertx, DatabaseConfig.fromJson(config()), "idempotency", getClass().getClassLoader())
        .compose(opened -> {
          db = opened;
          stored = new StoredResponses(db);
          claims = new Claims(vertx, stored, clock);
          handlers = new Handlers(vertx)
              .on(IdempotencyApi.HEALTH, ping -> db.ping().map(Empty.INSTANCE))
              .on(IdempotencyApi.CLAIM, claims::claim)
              .on(IdempotencyApi.COMPLETE, claims::complete)
              .on(IdempotencyApi.RELEASE, claims::release);
          userEvents = vertx.eventBus().consumer(Address.USERS_EVENTS, message -> {
            if (Events.kind(message.body()) == Change.USER_DELETED) {
              forget(message.body().getLong(Fields.USER_ID));
            }
          });
          vertx.setPeriodic(LEASE_SWEEP_MS, tick -> claims.expireLeases());
          vertx.setPeriodic(1, PURGE_EVERY_MS, tick -> purgeExpired());
          return Future.all(handlers.ready(), userEvents.completion());
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = handlers == null ? Future.succeededFuture() : handlers.close();
    return unbound.compose(done -> db == null ? Future.succeededFuture() : db.close());
  }

  private void purgeExpired() {
    stored.purgeBefore(clock.instant().minus(Claims.KEPT_FOR))
        .onSuccess(purged -> LOG.fine(() -> "Purged " + purged + " expired idempotency keys"))
        .onFailure(failure -> LOG.log(Level.WARNING, "Purging expired idempotency keys failed", failure));
  }

  private void forget(long userId) {
    stored.purgeScope(Fields.userScope(userId))
        .onFailure(failure -> LOG.log(Level.WARNING, "Forgetting the keys of user " + userId + " failed", failure));
  }
}
