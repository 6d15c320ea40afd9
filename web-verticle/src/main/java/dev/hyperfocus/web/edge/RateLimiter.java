package dev.hyperfocus.web.edge;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets, one per key: a bucket holds up to {@code capacity} tokens and refills at
 * {@code perSecond}; a request takes one token or is refused. O(1) per request, no allocation for
 * a known key. Buckets that have refilled completely are forgotten by {@link #forgetIdle(long)},
 * so memory follows the number of recently active keys.
 *
 * <p>One limiter serves every web verticle instance of a node (one per event loop), so that a
 * client's budget is the node's whatever connection it uses: every method holds the limiter's
 * lock, which its few arithmetic steps keep for well under a microsecond.
 */
public final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int MAX_KEYS = 200_000;

  /** The outcome of one request, and what the {@code RateLimit-*} headers report. */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }

  private final double capacity;
  private final double perNano;
  private final Map<Object, Bucket> buckets = new HashMap<>();

  public RateLimiter(long capacity, double perSecond) {
    this.capacity = capacity;
    this.perNano = perSecond / NANOS_PER_SECOND;
  }

  /** {@code perSecond} sustained, bursts of twice that: the per-token limit. */
  public static RateLimiter perSecond(int limit) {
    return new RateLimiter(2L * limit, limit);
  }

  /** {@code limit} in any minute, refilled evenly: the sign-up limit. */
  public static RateLimiter perMinute(int limit) {
    return new RateLimiter(limit, limit / 60.0);
  }

  synchronized Decision take(Object key, long nowNanos) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= MAX_KEYS) {
        forgetIdle(nowNanos);
      }
      bucket = new Bucket(capacity, nowNanos);
      buckets.put(key, bucket);
    } else {
      refill(bucket, nowNanos);
    }
    boolean allowed = bucket.tokens >= 1;
    if (allowed) {
      bucket.tokens -= 1;
    }
    long reset = seconds((capacity - bucket.tokens) / perNano);
    long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - bucket.tokens) / perNano));
    return new Decision(allowed, (long) capacity, (long) Math.floor(bucket.tokens), reset, retryAfter);
  }

  /**
   * The refusal {@link #take} would give now, without taking anything; null when a request would
   * be allowed (an unknown key has a full bucket and is not stored).
   */
  synchronized Decision refusal(Object key, long nowNanos) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      return null;
    }
    refill(bucket, nowNanos);
    if (bucket.tokens >= 1) {
      return null;
    }
    long reset = seconds((capacity - bucket.tokens) / perNano);
    long retryAfter = Math.max(1, seconds((1 - bucket.tokens) / perNano));
    return new Decision(false, (long) capacity, 0, reset, retryAfter);
  }

  /** Drops the buckets that are full again: they behave exactly like a new one. */
  synchronized void forgetIdle(long nowNanos) {
    buckets.values().removeIf(bucket -> {
      refill(bucket, nowNanos);
      return bucket.tokens >= capacity;
    });
    if (buckets.size() >= MAX_KEYS) {
      buckets.clear();
    }
  }

  synchronized int size() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long nowNanos) {
    long elapsed = nowNanos - bucket.updatedAt;
    if (elapsed > 0) {
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perNano);
      bucket.updatedAt = nowNanos;
    }
  }

  private static long seconds(double nanos) {
    return (long) Math.ceil(nanos / NANOS_PER_SECOND);
  }
}
