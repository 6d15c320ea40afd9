package dev.hyperfocus.sqlite;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.InvalidField;
import dev.hyperfocus.api.Messages;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The responses kept for {@code Idempotency-Key}s in a writing domain's own store (table
 * {@code idempotent_responses}, statements {@code idempotent_*} in its {@code queries.sql}), for
 * {@link #KEPT_FOR}.
 *
 * <p>The guarantee: a 2xx is kept in the transaction of the write it reports ({@link #check} then
 * {@link #keep}, on the domain's single writer), so the write and its kept response are committed
 * together or not at all, and a key runs at most one write however its repeats interleave; a
 * repeat gets the kept response, even after a crash between the commit and the answer. A 4xx
 * wrote nothing: it is kept afterwards in a small transaction of its own ({@link #run}); a crash
 * before that commit loses only a refusal, and the retry is checked again. 429 and 5xx (and a
 * reply that never came) are not kept: a retry runs again.
 */
public final class IdempotentResponses {
  public static final Duration KEPT_FOR = Duration.ofHours(24);

  private final SqliteDatabase db;
  private final Clock clock;
  private final Predicate<String> forgotten;

  public IdempotentResponses(SqliteDatabase db, Clock clock) {
    this(db, clock, scope -> false);
  }

  /**
   * {@code forgotten}: the scopes (users whose deletion has begun) for which a refusal is no longer
   * kept; tested inside the keeping transaction, on the domain's single writer, so a refusal kept
   * after the user's purge in the writer's order is never written.
   */
  public IdempotentResponses(SqliteDatabase db, Clock clock, Predicate<String> forgotten) {
    this.db = db;
    this.clock = clock;
    this.forgotten = forgotten;
  }

  /**
   * Runs a request that may carry a key: without one, {@code request} alone; with one that is
   * held, the kept answer (a {@link IdempotentKey.Replay}, or 422 for another request); else
   * {@code request}, whose 4xx failure is kept before it is answered.
   */
  public <T> Future<T> run(IdempotentKey key, Supplier<Future<T>> request) {
    if (key == null) {
      return request.get();
    }
    return db.query("idempotent_find", find(key)).compose(rows -> {
      if (rows.size() > 0) {
        JsonObject row = rows.iterator().next().toJson();
        return Future.failedFuture(answer(key, row));
      }
      return request.get().recover(failure -> keepFailure(key, failure));
    });
  }

  /**
   * Inside the write's transaction, before the write: fails with the kept answer when the key was
   * kept meanwhile (a repeat that ran first), so that the write does not run twice.
   */
  public void check(Tx tx, IdempotentKey key) throws SQLException {
    if (key == null) {
      return;
    }
    List<JsonObject> rows = tx.rows("idempotent_find", find(key));
    if (!rows.isEmpty()) {
      throw answer(key, rows.get(0));
    }
  }

  /**
   * Inside the write's transaction, after the write: keeps its response ({@code key}'s status). A
   * key held meanwhile by another writer (impossible on SQLite's single writer after {@link #check};
   * possible on a store with concurrent writers) fails the write with the kept answer, so that it
   * rolls back instead of being answered without its response kept.
   */
  public void keep(Tx tx, IdempotentKey key, JsonObject body) throws SQLException {
    if (key != null && tx.change("idempotent_keep", keepParams(key, key.status(), body.encode())) == 0) {
      check(tx, key);
      throw new IllegalStateException("Idempotency-Key neither kept nor held: " + key.key());
    }
  }

  /**
   * Whether a response is kept for (scope, key) and not expired, whatever the request it answered:
   * read from the domain's read connection, for the edge's check across writing domains.
   */
  public Future<Boolean> held(String scope, String key) {
    return db.query("idempotent_find", params("scope", scope, "key", key, "since", since()))
        .map(rows -> rows.size() > 0);
  }

  /** Forgets what a user's keys were answered: their responses go with the user. */
  public Future<Void> purgeUser(long userId) {
    return db.change("idempotent_purge_scope", params("scope", Fields.userScope(userId))).mapEmpty();
  }

  /** Forgets the responses older than {@link #KEPT_FOR}; how many. */
  public Future<Integer> purgeExpired() {
    return db.change("idempotent_purge_before", params("before", clock.instant().minus(KEPT_FOR).toEpochMilli()));
  }

  private <T> Future<T> keepFailure(IdempotentKey key, Throwable failure) {
    if (!(failure instanceof ReplyException reply) || failure instanceof Reused
        || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return Future.failedFuture(failure);
    }
    int status = reply.failureCode();
    if (status < 400 || status >= 500 || status == 429) {
      return Future.failedFuture(failure);
    }
    JsonObject body = reply instanceof InvalidField invalid ? invalid.body()
        : new JsonObject().put(Fields.DETAIL, reply.getMessage());
    String encoded = body.encode();
    return db.write(tx -> forgotten.test(key.scope()) ? 0 : tx.change("idempotent_keep", keepParams(key, status, encoded)))
        .transform(kept -> Future.failedFuture(failure));
  }

  private RuntimeException answer(IdempotentKey key, JsonObject row) {
    return key.fingerprint().equals(row.getString("fingerprint"))
        ? new IdempotentKey.Replay(row.getInteger("status"), row.getString("body"))
        : new Reused();
  }

  private java.util.Map<String, Object> find(IdempotentKey key) {
    return params("scope", key.scope(), "key", key.key(), "since", since());
  }

  private java.util.Map<String, Object> keepParams(IdempotentKey key, int status, String body) {
    return params("scope", key.scope(), "key", key.key(), "fingerprint", key.fingerprint(), "status", status,
        "body", body, "created_at", clock.instant().toEpochMilli(), "since", since());
  }

  private long since() {
    return clock.instant().minus(KEPT_FOR).toEpochMilli();
  }

  /** The key is held by another request: 422, and nothing is kept for it. */
  private static final class Reused extends ReplyException {
    Reused() {
      super(ReplyFailure.RECIPIENT_FAILURE, Failure.UNPROCESSABLE.code(), Messages.IDEMPOTENCY_KEY_REUSED, true);
    }
  }
}
