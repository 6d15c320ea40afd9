package dev.hyperfocus.runtime;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users whose deletion has begun, as a domain that holds user rows knows them: fed early by
 * {@code user_deleted} on {@code users.events}, and for certain by the domain's own purge handler,
 * which records the user here <em>before</em> it submits its purge to the domain's single writer.
 *
 * <p>A write of such a domain calls {@link #refuse} inside its transaction, on the writer's
 * thread. Every write therefore either runs before the purge in the writer's order (and the purge
 * deletes what it wrote) or after it (and then it sees the user here and writes nothing): a write
 * whose user check passed just before the deletion never survives it. User ids are never reused
 * (AUTOINCREMENT), so an id stays here for the life of the process; after a restart the user row
 * is gone, so no check passes any more, and a deletion still unfinished is purged again (and
 * recorded again) before the users verticle completes its start.
 *
 * <p>Thread-safe: read by the writer's worker thread, written on the verticle's context.
 */
public final class DeletedUsers {
  private final Set<Long> ids = ConcurrentHashMap.newKeySet();
  private MessageConsumer<JsonObject> events;

  /** Starts following {@code users.events}; completes once the consumer is registered. */
  public Future<Void> listen(Vertx vertx) {
    events = vertx.eventBus().consumer(Address.USERS_EVENTS, event -> {
      if (Events.kind(event.body()) == Change.USER_DELETED) {
        add(event.body().getLong(Fields.USER_ID));
      }
    });
    return events.completion();
  }

  public Future<Void> close() {
    return events == null ? Future.succeededFuture() : events.unregister();
  }

  /** Records a user whose rows are about to be purged; call before submitting the purge. */
  public void add(long userId) {
    ids.add(userId);
  }

  public boolean contains(long userId) {
    return ids.contains(userId);
  }

  /**
   * Whether an Idempotency-Key scope ({@link Fields#userScope}) is a user whose deletion has begun:
   * a refusal is then not kept for it (call inside the write, like {@link #refuse}), so no kept
   * response of the user outlives the purge.
   */
  public boolean holdsScope(String scope) {
    return ids.stream().anyMatch(id -> Fields.userScope(id).equals(scope));
  }

  /** Throws a 404 with {@code detail} when the user's deletion has begun: call inside the write. */
  public void refuse(long userId, String detail) {
    if (ids.contains(userId)) {
      throw Failure.NOT_FOUND.with(detail);
    }
  }
}
