package dev.hyperfocus.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("A key may burst twice its per-second limit, then is refused until tokens refill")
  void burstThenRefill() {
    RateLimiter limiter = RateLimiter.perSecond(5);
    for (int i = 0; i < 10; i++) {
      RateLimiter.Decision decision = limiter.take("token", 0);
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(9 - i);
      assertThat(decision.limit()).isEqualTo(10);
    }
    RateLimiter.Decision refused = limiter.take("token", 0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(refused.resetSeconds()).isEqualTo(2);
    assertThat(limiter.take("token", SECOND / 5).allowed()).isTrue();
    assertThat(limiter.take("token", SECOND / 5).allowed()).isFalse();
  }

  @Test
  @DisplayName("A refusal check takes nothing and stores no bucket; it refuses once the bucket is empty")
  void refusalTakesNothing() {
    RateLimiter limiter = RateLimiter.perSecond(1);
    assertThat(limiter.refusal("client", 0)).isNull();
    assertThat(limiter.size()).isZero();
    limiter.take("client", 0);
    assertThat(limiter.refusal("client", 0)).isNull();
    limiter.take("client", 0);
    RateLimiter.Decision refused = limiter.refusal("client", 0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(limiter.refusal("client", 0)).as("checking again takes nothing either").isNotNull();
    assertThat(limiter.refusal("client", SECOND)).as("one token back after a second").isNull();
  }

  @Test
  @DisplayName("The sustained rate is the limit per second, whatever the burst")
  void sustainedRate() {
    RateLimiter limiter = RateLimiter.perSecond(100);
    int allowed = 0;
    for (long t = 0; t < 10 * SECOND; t += SECOND / 1000) {
      if (limiter.take("token", t).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isBetween(200 + 1000 - 1, 200 + 1000 + 1);
  }

  @Test
  @DisplayName("Keys do not share budgets")
  void keysAreIndependent() {
    RateLimiter limiter = RateLimiter.perMinute(1);
    assertThat(limiter.take("10.0.0.1", 0).allowed()).isTrue();
    assertThat(limiter.take("10.0.0.1", 0).allowed()).isFalse();
    assertThat(limiter.take("10.0.0.2", 0).allowed()).isTrue();
  }

  @Test
  @DisplayName("A sign-up limit of n per minute refills one sign-up every 60/n seconds")
  void perMinuteRefill() {
    RateLimiter limiter = RateLimiter.perMinute(3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.take("addr", 0).allowed()).isTrue();
    }
    RateLimiter.Decision refused = limiter.take("addr", 0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    assertThat(limiter.take("addr", 19 * SECOND).allowed()).isFalse();
    assertThat(limiter.take("addr", 21 * SECOND).allowed()).isTrue();
  }

  @Test
  @DisplayName("Buckets that refilled completely are forgotten; busy ones are kept")
  void idleBucketsAreForgotten() {
    RateLimiter limiter = RateLimiter.perSecond(1);
    limiter.take("idle", 0);
    limiter.take("busy", 0);
    limiter.take("busy", SECOND / 2);
    limiter.take("busy", SECOND / 2);
    limiter.forgetIdle(SECOND);
    assertThat(limiter.size()).isEqualTo(1);
  }
}
