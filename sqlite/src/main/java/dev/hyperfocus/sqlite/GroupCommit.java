package dev.hyperfocus.sqlite;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit on a domain's single write connection. Write operations queue up while a batch
 * commits; the next batch takes every queued operation and runs them one after the other inside
 * one {@code BEGIN IMMEDIATE ... COMMIT}, so that concurrent writes share one fsync.
 *
 * <p>A whole batch runs in one go on a worker thread with plain JDBC. Through the Vert.x JDBC
 * client every statement was a round trip between the event loop and a worker, and the
 * statements of a batch are sequential: on 2 busy cores those round trips, not the fsync, capped
 * the rate (see the README's benchmarks).
 *
 * <p>A failing operation (a UNIQUE violation, a rule it throws) fails alone: the batch is then
 * run again with each operation inside its own {@code SAVEPOINT}. Every operation's future completes only
 * after the shared {@code COMMIT} has returned, so a success still means "on disk" at
 * {@code synchronous=FULL}; when the {@code COMMIT} itself fails, every operation fails with it.
 */
final class GroupCommit {
  static final int MAX_BATCH = 512;

  private record Op<T>(SqliteDatabase.Work<T> work, Promise<T> promise) {}

  private record Outcome(Object value, Throwable failure) {}

  private final Context context;
  private final Tx tx;
  private final ArrayDeque<Op<?>> queue = new ArrayDeque<>();
  private boolean running;
  private long batches;
  private long operations;

  GroupCommit(Context context, Tx tx) {
    this.context = context;
    this.tx = tx;
  }

  <T> Future<T> submit(SqliteDatabase.Work<T> work) {
    Promise<T> promise = Promise.promise();
    Op<T> op = new Op<>(work, promise);
    if (Vertx.currentContext() == context) {
      enqueue(op);
    } else {
      context.runOnContext(go -> enqueue(op));
    }
    return promise.future();
  }

  long batches() {
    return batches;
  }

  long operations() {
    return operations;
  }

  /** Completes once the queued writes are done; later writes fail. */
  Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    context.runOnContext(go -> closeWhenIdle(closed));
    return closed.future();
  }

  private void closeWhenIdle(Promise<Void> closed) {
    if (running || !queue.isEmpty()) {
      context.runOnContext(again -> closeWhenIdle(closed));
      return;
    }
    running = true;
    context.executeBlocking(() -> {
      tx.close();
      return null;
    }, false).<Void>mapEmpty().onComplete(closed);
  }

  private void enqueue(Op<?> op) {
    queue.add(op);
    if (!running) {
      drain();
    }
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
    context.executeBlocking(() -> run(batch), false).onComplete(done -> {
      for (int i = 0; i < batch.size(); i++) {
        complete(batch.get(i), done.succeeded() ? done.result().get(i) : new Outcome(null, done.cause()));
      }
      drain();
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Op<T> op, Outcome outcome) {
    if (outcome.failure() == null) {
      op.promise().complete((T) outcome.value());
    } else {
      op.promise().fail(outcome.failure());
    }
  }

  /**
   * On the worker: the batch in one transaction; outcomes are handed out only once it is
   * committed. Operations run straight in the transaction; only when one of them throws is the
   * transaction rolled back and the batch run again with a SAVEPOINT around each operation, so
   * that the failing ones fail alone. A SAVEPOINT and RELEASE per operation cost as much as the
   * write itself, and almost no write fails. An operation may therefore run twice: it must only
   * read and write through its {@link Tx}, which the rollback undoes.
   */
  private List<Outcome> run(List<Op<?>> batch) throws Exception {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    tx.execute("BEGIN IMMEDIATE");
    try {
      for (Op<?> op : batch) {
        outcomes.add(new Outcome(op.work().run(tx), null));
      }
    } catch (Exception failed) {
      rollback();
      return runIsolated(batch);
    } catch (Error broken) {
      rollback();
      throw broken;
    }
    commit();
    return outcomes;
  }

  private List<Outcome> runIsolated(List<Op<?>> batch) throws Exception {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    tx.execute("BEGIN IMMEDIATE");
    boolean anySucceeded = false;
    try {
      for (Op<?> op : batch) {
        tx.execute("SAVEPOINT op");
        try {
          outcomes.add(new Outcome(op.work().run(tx), null));
          anySucceeded = true;
        } catch (Exception e) {
          undo(e);
          outcomes.add(new Outcome(null, e));
        }
        tx.execute("RELEASE op");
      }
    } catch (Exception | Error e) {
      rollback();
      throw e;
    }
    if (anySucceeded) {
      commit();
    } else {
      tx.execute("ROLLBACK");
    }
    return outcomes;
  }

  /**
   * Rolls back to the failed operation's savepoint. If even that fails (after a full disk or an
   * I/O error SQLite may have rolled back the whole transaction), the whole batch fails with the
   * operation's own error, so that a storage failure is still recognised as one.
   */
  private void undo(Exception failed) throws Exception {
    try {
      tx.execute("ROLLBACK TO op");
    } catch (Exception rollbackFailed) {
      failed.addSuppressed(rollbackFailed);
      throw failed;
    }
  }

  private void commit() throws Exception {
    try {
      tx.execute("COMMIT");
    } catch (Exception e) {
      rollback();
      throw e;
    }
  }

  private void rollback() {
    try {
      tx.execute("ROLLBACK");
    } catch (Exception ignored) {
      // the transaction may already be gone; the connection stays usable
    }
  }
}
