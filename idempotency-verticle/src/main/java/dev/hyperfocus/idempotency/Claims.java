package dev.hyperfocus.idempotency;

import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.IdempotencyApi;
import dev.hyperfocus.api.IdempotencyApi.Claimed;
import dev.hyperfocus.api.Messages;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The keys whose first request is still running. They live in memory only: a restart of the data
 * node ends every request that was running through it. A repeat of a running request waits for its
 * response (or takes over the key if the first gives it up) for at most its {@code wait_ms}.
 */
final class Claims {
  static final Duration KEPT_FOR = Duration.ofHours(24);
  private static final Claimed PROCEED = Claimed.PROCEED;

  private record Waiter(Promise<Claimed> reply, long timer) {}

  private static final class Running {
    final String fingerprint;
    final long leaseMs;
    final Instant leaseEnds;
    final Deque<Waiter> waiters = new ArrayDeque<>();

    Running(String fingerprint, long leaseMs, Instant now) {
      this.fingerprint = fingerprint;
      this.leaseMs = leaseMs;
      this.leaseEnds = now.plusMillis(leaseMs);
    }
  }

  private final Vertx vertx;
  private final StoredResponses stored;
  private final Clock clock;
  private final Map<String, Running> running = new HashMap<>();

  Claims(Vertx vertx, StoredResponses stored, Clock clock) {
    this.vertx = vertx;
    this.stored = stored;
    this.clock = clock;
  }

  Future<Claimed> claim(IdempotencyApi.Claim request) {
    String scope = request.scope();
    String key = request.key();
    String fingerprint = request.fingerprint();
    String id = id(scope, key);
    Running first = running.get(id);
    if (first != null) {
      if (!first.fingerprint.equals(fingerprint)) {
        return Future.failedFuture(Failure.UNPROCESSABLE.with(Messages.IDEMPOTENCY_KEY_REUSED));
      }
      return await(id, request.waitMs());
    }
    Running claimed = new Running(fingerprint, request.leaseMs(), clock.instant());
    running.put(id, claimed);
    return stored.find(scope, key, clock.instant().minus(KEPT_FOR)).transform(found -> {
      if (found.failed()) {
        hand(id, claimed);
        return Future.failedFuture(found.cause());
      }
      Optional<Kept> kept = found.result();
      if (kept.isEmpty()) {
        return Future.succeededFuture(PROCEED);
      }
      running.remove(id, claimed);
      Future<Claimed> answer = kept.get().fingerprint().equals(fingerprint)
          ? Future.succeededFuture(kept.get().replay())
          : Future.failedFuture(Failure.UNPROCESSABLE.with(Messages.IDEMPOTENCY_KEY_REUSED));
      settle(claimed, answer);
      return answer;
    });
  }

  /** Keeps the response of a running request and replays it to the repeats that wait for it. */
  Future<Empty> complete(IdempotencyApi.Complete request) {
    String scope = request.scope();
    String key = request.key();
    Kept kept = Kept.of(request);
    return stored.keep(scope, key, kept, clock.instant()).map(done -> {
      Running first = running.remove(id(scope, key));
      if (first != null) {
        settle(first, Future.succeededFuture(kept.replay()));
      }
      return Empty.INSTANCE;
    });
  }

  /** Gives a running key up: the longest-waiting repeat, if any, runs instead. */
  Future<Empty> release(IdempotencyApi.Release request) {
    String id = id(request.scope(), request.key());
    Running first = running.get(id);
    if (first != null) {
      hand(id, first);
    }
    return Future.succeededFuture(Empty.INSTANCE);
  }

  /** Releases the keys whose first request never answered (a web node that died, say). */
  void expireLeases() {
    Instant now = clock.instant();
    Map<String, Running> expired = new HashMap<>();
    running.forEach((id, first) -> {
      if (first.leaseEnds.isBefore(now)) {
        expired.put(id, first);
      }
    });
    expired.forEach(this::hand);
  }

  /**
   * Queues a repeat behind the running request of {@code id}. Its timer looks the key up when it
   * fires: the request it waited for may have handed the key (and this waiter) to a successor.
   */
  private Future<Claimed> await(String id, long waitMs) {
    if (waitMs <= 0) {
      return Future.failedFuture(Failure.CONFLICT.with(Messages.IDEMPOTENCY_KEY_IN_PROGRESS));
    }
    Promise<Claimed> reply = Promise.promise();
    long[] timer = new long[1];
    Waiter waiter = new Waiter(reply, vertx.setTimer(waitMs, fired -> {
      Running holder = running.get(id);
      if (holder != null && holder.waiters.removeIf(w -> w.timer() == timer[0])) {
        reply.fail(Failure.CONFLICT.with(Messages.IDEMPOTENCY_KEY_IN_PROGRESS));
      }
    }));
    timer[0] = waiter.timer();
    running.get(id).waiters.add(waiter);
    return reply.future();
  }

  private void hand(String id, Running first) {
    running.remove(id, first);
    Waiter next = first.waiters.poll();
    if (next == null) {
      return;
    }
    vertx.cancelTimer(next.timer());
    Running successor = new Running(first.fingerprint, first.leaseMs, clock.instant());
    successor.waiters.addAll(first.waiters);
    first.waiters.clear();
    running.put(id, successor);
    next.reply().complete(PROCEED);
  }

  private void settle(Running first, Future<Claimed> answer) {
    for (Iterator<Waiter> it = first.waiters.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      it.remove();
      vertx.cancelTimer(waiter.timer());
      answer.onComplete(waiter.reply());
    }
  }

  private static String id(String scope, String key) {
    return scope + '\u0000' + key;
  }
}
