package dev.hyperfocus.launcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition that only polling can observe (another verticle's state seen over HTTP).
 * It returns as soon as the condition holds and fails loudly at the limit, never returns quietly:
 * a test that carries on after a wait that gave up would fail later with a misleading message, or
 * worse, pass.
 */
final class Await {
  /** Between two checks: short, so a passing wait costs little; not a guess of how long anything takes. */
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private Await() {}

  /**
   * Checks {@code condition} until it holds; an {@link AssertionError} naming {@code what} and the
   * state {@code observed} describes when it still does not hold after {@code limit}.
   */
  static void until(String what, Duration limit, BooleanSupplier condition, Supplier<?> observed) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + limit + " for " + what + "; still not the case, observed: " + observed.get());
      }
      LockSupport.parkNanos(PAUSE_NANOS);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
  }
}
