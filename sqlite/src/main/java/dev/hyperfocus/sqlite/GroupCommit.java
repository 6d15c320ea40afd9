package dev.hyperfocus.sqlite;

import dev.hyperfocus.api.Failure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit on a domain's single write connection. Write operations queue up while a batch
 * commits; the next batch takes every queued operation and runs them one after the other inside
 * one {@code BEGIN IMMEDIATE ... COMMIT}, so that concurrent writes share one fsync.
 *
 * <p>Batches run with plain JDBC on a worker thread that stays in a loop while writes keep
 * coming: as soon as a batch has committed it hands the outcomes to the owning context and takes
 * the next batch, so the next fsync never waits for the event loop to process the previous
 * answers (measured: that wait was as long as the batch itself). Through the Vert.x JDBC client
 * every statement was a round trip between the event loop and a worker, which capped the rate on
 * 2 busy cores (see docs/benchmarks.md, "What the profiles changed").
 *
 * <p>A failing operation (a UNIQUE violation, a rule it throws) fails alone: the batch is then
 * run again with each operation inside its own {@code SAVEPOINT}. Every operation's future completes only
 * after the shared {@code COMMIT} has returned, so a success still means "on disk" at
 * {@code synchronous=FULL}; when the {@code COMMIT} itself fails, every operation fails with it.
 */
final class GroupCommit {
  static final int MAX_BATCH = 512;
  /** A loop hands its worker back this often (and goes on in a new task), as Vert.x expects. */
  static final long LOOP_NANOS = 1_000_000_000L;

  private record Op<T>(SqliteDatabase.Work<T> work, Promise<T> promise) {}

  private record Outcome(Object value, Throwable failure) {}

  private final Context context;
  private final Tx tx;
  private final Queue<Op<?>> queue = new ConcurrentLinkedQueue<>();
  /** True while a worker runs the write loop; whoever sets it starts one. */
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean closing;
  private volatile long batches;
  private volatile long operations;

  GroupCommit(Context context, Tx tx) {
    this.context = context;
    this.tx = tx;
  }

  <T> Future<T> submit(SqliteDatabase.Work<T> work) {
    if (closing) {
      return Future.failedFuture(closed());
    }
    Promise<T> promise = Promise.promise();
    queue.add(new Op<>(work, promise));
    if (running.compareAndSet(false, true)) {
      context.executeBlocking(this::loop, false);
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
    closing = true;
    Promise<Void> closed = Promise.promise();
    context.runOnContext(go -> closeWhenIdle(closed));
    return closed.future();
  }

  private void closeWhenIdle(Promise<Void> closed) {
    if (!running.compareAndSet(false, true)) {
      context.runOnContext(again -> closeWhenIdle(closed));
      return;
    }
    context.executeBlocking(() -> {
      drainQueue();
      tx.close();
      // a write that passed the closing check while the last batch ran
      for (Op<?> late = queue.poll(); late != null; late = queue.poll()) {
        Op<?> op = late;
        context.runOnContext(go -> op.promise().fail(closed()));
      }
      return null;
    }, false).<Void>mapEmpty().onComplete(closed);
  }

  private static Throwable closed() {
    return Failure.UNAVAILABLE.with("the database is closing");
  }

  /** On the worker: the writes that were queued before {@link #close()} marked the end. */
  private void drainQueue() {
    for (List<Op<?>> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
      runAndHandOver(batch);
    }
  }

  /**
   * On the worker: batch after batch while writes are queued. The flag is dropped only with an
   * empty queue and checked again after, so a write queued at that moment is never left behind.
   * After {@link #LOOP_NANOS} the loop goes on in a new task, still holding the flag.
   */
  private Void loop() {
    long until = System.nanoTime() + LOOP_NANOS;
    try {
      while (true) {
        List<Op<?>> batch = nextBatch();
        if (batch.isEmpty()) {
          running.set(false);
          if (queue.isEmpty() || !running.compareAndSet(false, true)) {
            return null;
          }
          continue;
        }
        runAndHandOver(batch);
        if (System.nanoTime() - until > 0) {
          context.executeBlocking(this::loop, false);
          return null;
        }
      }
    } catch (RuntimeException | Error e) {
      running.set(false);
      throw e;
    }
  }

  private List<Op<?>> nextBatch() {
    List<Op<?>> batch = new ArrayList<>();
    for (Op<?> op = queue.poll(); op != null; op = batch.size() < MAX_BATCH ? queue.poll() : null) {
      batch.add(op);
    }
    return batch;
  }

  /** Runs a batch, then completes its operations on the owning context, in one task. */
  private void runAndHandOver(List<Op<?>> batch) {
    batches++;
    operations += batch.size();
    List<Outcome> outcomes;
    try {
      outcomes = run(batch);
    } catch (Throwable failed) {
      Outcome failure = new Outcome(null, failed);
      outcomes = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        outcomes.add(failure);
      }
    }
    List<Outcome> done = outcomes;
    context.runOnContext(go -> {
      for (int i = 0; i < batch.size(); i++) {
        complete(batch.get(i), done.get(i));
      }
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
