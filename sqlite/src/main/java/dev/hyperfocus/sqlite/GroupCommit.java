package dev.hyperfocus.sqlite;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit on a domain's single write connection. Write operations queue up while a batch
 * commits; the next batch takes every queued operation and runs them one after the other inside
 * one {@code BEGIN IMMEDIATE ... COMMIT}, so that concurrent writes share one fsync.
 *
 * <p>Each operation of a batch of several runs inside its own {@code SAVEPOINT}: a failing one
 * (a UNIQUE violation, a rule it throws) is rolled back alone and fails alone. Every operation's
 * future completes only after the shared {@code COMMIT} has returned, so a success still means
 * "on disk" at {@code synchronous=FULL}; when the {@code COMMIT} itself fails, every operation of
 * the batch fails with it.
 *
 * <p>Used from the owning verticle's event loop only (the queue is not synchronised).
 */
final class GroupCommit {
  static final int MAX_BATCH = 512;
  private static final String SAVEPOINT = "op";

  private record Op<T>(Function<SqlConnection, Future<T>> work, Promise<T> promise) {
    void complete(AsyncResult<?> outcome) {
      @SuppressWarnings("unchecked")
      AsyncResult<T> typed = (AsyncResult<T>) outcome;
      promise.handle(typed);
    }
  }

  private final Pool pool;
  private final ArrayDeque<Op<?>> queue = new ArrayDeque<>();
  private boolean running;
  private long batches;
  private long operations;

  GroupCommit(Pool pool) {
    this.pool = pool;
  }

  <T> Future<T> submit(Function<SqlConnection, Future<T>> work) {
    Promise<T> promise = Promise.promise();
    queue.add(new Op<>(work, promise));
    if (!running) {
      drain();
    }
    return promise.future();
  }

  /** Batches committed and operations in them, so that the average batch size can be reported. */
  long batches() {
    return batches;
  }

  long operations() {
    return operations;
  }

  private void drain() {
    if (queue.isEmpty()) {
      running = false;
      return;
    }
    running = true;
    List<Op<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
    batches++;
    operations += batch.size();
    pool.withConnection(conn -> run(conn, batch)).onComplete(done -> {
      List<AsyncResult<?>> outcomes = done.succeeded() ? done.result() : null;
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).complete(outcomes != null ? outcomes.get(i) : Future.failedFuture(done.cause()));
      }
      drain();
    });
  }

  /** Runs the batch in one transaction; the outcomes are only handed out once it is committed. */
  private static Future<List<AsyncResult<?>>> run(SqlConnection conn, List<Op<?>> batch) {
    boolean isolate = batch.size() > 1;
    List<AsyncResult<?>> outcomes = new ArrayList<>(batch.size());
    Future<Void> chain = conn.query("BEGIN IMMEDIATE").execute().mapEmpty();
    for (Op<?> op : batch) {
      chain = chain.compose(previous -> isolate ? isolated(conn, op) : alone(op, conn))
          .map(outcome -> {
            outcomes.add(outcome);
            return null;
          });
    }
    return chain
        .compose(ran -> {
          boolean anySucceeded = outcomes.stream().anyMatch(AsyncResult::succeeded);
          return conn.query(anySucceeded ? "COMMIT" : "ROLLBACK").execute();
        })
        .map(committed -> outcomes)
        .recover(failure -> conn.query("ROLLBACK").execute()
            .transform(rolledBack -> Future.failedFuture(failure)));
  }

  /** A lone operation needs no savepoint: the transaction's rollback undoes exactly it. */
  private static Future<AsyncResult<?>> alone(Op<?> op, SqlConnection conn) {
    return start(op, conn).transform(Future::succeededFuture);
  }

  private static Future<AsyncResult<?>> isolated(SqlConnection conn, Op<?> op) {
    return conn.query("SAVEPOINT " + SAVEPOINT).execute()
        .compose(saved -> start(op, conn).transform(outcome -> {
          Future<?> undo = outcome.succeeded()
              ? Future.succeededFuture()
              : conn.query("ROLLBACK TO " + SAVEPOINT).execute();
          return undo
              .compose(undone -> conn.query("RELEASE " + SAVEPOINT).execute())
              .map(released -> (AsyncResult<?>) outcome);
        }));
  }

  private static Future<?> start(Op<?> op, SqlConnection conn) {
    try {
      return op.work().apply(conn);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
