package dev.hyperfocus.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotencyApi;
import dev.hyperfocus.api.IdempotencyApi.Claim;
import dev.hyperfocus.api.IdempotencyApi.Claimed;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.testing.VerticleHarness;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The idempotency verticle alone over its typed endpoints ({@link IdempotencyApi}), on a real
 * SQLite file, with a clock the test moves (for the 24 hours a response is kept).
 * The ground it stands on (one Vert.x per class, clean deployments) is {@link VerticleHarness}.
 */
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class IdempotencyVerticleTest extends VerticleHarness {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final String ADA = Fields.userScope(1);
  private static final String BOB = Fields.userScope(2);
  private static final String FIRST = "fingerprint-of-the-first-request";
  private static final String OTHER = "fingerprint-of-another-request";
  private static final String CREATED = "{\"id\":7}";

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = NOW;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final MovableClock clock = new MovableClock();
  private String deployment;

  @BeforeEach
  void deploy(VertxTestContext ctx) {
    // Normally a no-op: the previous test's cleanup left nothing behind.
    undeployEverything()
        .compose(clean -> deployIdempotency())
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, through the endpoints the web edge uses ----

  private static Claim claimOf(String scope, String key, String fingerprint, long waitMs) {
    return new Claim(scope, key, fingerprint, waitMs, 60_000L);
  }

  private static Future<Claimed> claim(String scope, String key, String fingerprint, long waitMs) {
    return IdempotencyApi.CLAIM.request(bus(), claimOf(scope, key, fingerprint, waitMs));
  }

  private static Future<Empty> complete(String scope, String key, String fingerprint) {
    return IdempotencyApi.COMPLETE.request(bus(), claimOf(scope, key, fingerprint, 0).complete(201, CREATED));
  }

  private static Future<Empty> release(String scope, String key) {
    return IdempotencyApi.RELEASE.request(bus(), new IdempotencyApi.Release(scope, key));
  }

  private static Claimed replay(int status, String body) {
    return Claimed.replay(status, body);
  }

  // ---- deployment and helpers ----

  private Future<String> deployIdempotency() {
    return vertx.deployVerticle(new IdempotencyVerticle(clock), options())
        .onSuccess(id -> deployment = id);
  }

  private Future<String> redeployIdempotency() {
    Future<String> redeployed = vertx.undeploy(deployment).compose(undeployed -> deployIdempotency());
    redeploying(redeployed);
    return redeployed;
  }

  // ---- claim, complete, replay ----

  @Test
  @DisplayName("A new key proceeds, and once completed a repeat of the same request replays its status and body")
  void proceedThenReplay(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> complete(ADA, "k1", FIRST).map(done -> first))
        .compose(first -> claim(ADA, "k1", FIRST, 0).map(repeat -> new Claimed[] {first, repeat}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(Claimed.PROCEED);
          assertThat(both[1]).isEqualTo(replay(201, CREATED));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A completed key reused with another request is a 422 Idempotency-Key reused with a different request")
  void reusedAfterCompletion(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> complete(ADA, "k1", FIRST))
        .compose(done -> refused(claim(ADA, "k1", OTHER, 0)))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 422, Messages.IDEMPOTENCY_KEY_REUSED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("While the first request runs, a repeat that will not wait is a 409 and another request with its key a 422")
  void whileRunning(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> Future.all(refused(claim(ADA, "k1", FIRST, 0)), refused(claim(ADA, "k1", OTHER, 1_000))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure(both.resultAt(0), 409, Messages.IDEMPOTENCY_KEY_IN_PROGRESS);
          assertFailure(both.resultAt(1), 422, Messages.IDEMPOTENCY_KEY_REUSED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A repeat that waits for the running first request is answered with its response once it completes")
  void waiterGetsReplay(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> {
          Future<Claimed> waiting = claim(ADA, "k1", FIRST, 4_000);
          return complete(ADA, "k1", FIRST).compose(done -> waiting);
        })
        .onComplete(ctx.succeeding(repeat -> ctx.verify(() -> {
          assertThat(repeat).isEqualTo(replay(201, CREATED));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A repeat still waiting when its wait_ms runs out is a 409")
  void waiterTimesOut(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> refused(claim(ADA, "k1", FIRST, 50)))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 409, Messages.IDEMPOTENCY_KEY_IN_PROGRESS);
          ctx.completeNow();
        })));
  }

  // ---- release ----

  @Test
  @DisplayName("A released key is not kept: the next claim proceeds")
  void releaseFreesTheKey(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> release(ADA, "k1"))
        .compose(released -> claim(ADA, "k1", FIRST, 0))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again).isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Releasing a key with a waiting repeat hands the key to it, which then runs while others get 409")
  void releaseHandsOver(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> {
          Future<Claimed> waiting = claim(ADA, "k1", FIRST, 4_000);
          return release(ADA, "k1")
              .compose(released -> waiting)
              .compose(handed -> refused(claim(ADA, "k1", FIRST, 0)).map(late -> new Object[] {handed, late}));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(Claimed.PROCEED);
          assertFailure((ReplyException) both[1], 409, Messages.IDEMPOTENCY_KEY_IN_PROGRESS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A repeat that timed out after a hand-over is never handed the key: the next release frees it")
  void timedOutWaiterIsNotHandedTheKey(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> {
          Future<Claimed> handedTo = claim(ADA, "k1", FIRST, 4_000);
          Future<ReplyException> gaveUp = refused(claim(ADA, "k1", FIRST, 100));
          return release(ADA, "k1")
              .compose(released -> handedTo)
              .compose(handed -> gaveUp)
              .compose(timedOut -> release(ADA, "k1").map(timedOut))
              .compose(timedOut -> claim(ADA, "k1", FIRST, 0).map(next -> new Object[] {timedOut, next}));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure((ReplyException) both[0], 409, Messages.IDEMPOTENCY_KEY_IN_PROGRESS);
          assertThat(both[1]).as("the key is free after the second release").isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Releasing a key nobody holds answers an empty body and changes nothing")
  void releaseUnknown(VertxTestContext ctx) {
    // The wire form on purpose: the typed reply (Empty) would read any body as empty.
    IdempotencyApi.Release nobody = new IdempotencyApi.Release(ADA, "nobody");
    bus().<JsonObject>request(IdempotencyApi.RELEASE.address(), IdempotencyApi.RELEASE.request().encode(nobody))
        .map(Message::body)
        .compose(reply -> claim(ADA, "nobody", FIRST, 0).map(after -> new Object[] {reply, after}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(new JsonObject());
          assertThat(both[1]).as("the key is still free").isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }

  // ---- scopes, expiry, deleted users ----

  @Test
  @DisplayName("The same key in another scope is another key")
  void scopesAreSeparate(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> complete(ADA, "k1", FIRST))
        .compose(done -> claim(BOB, "k1", OTHER, 0))
        .onComplete(ctx.succeeding(bobs -> ctx.verify(() -> {
          assertThat(bobs).isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A response is kept for 24 hours: replayed just before, forgotten just after")
  void keptFor24Hours(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> complete(ADA, "k1", FIRST))
        .compose(done -> {
          clock.advance(Duration.ofHours(24));
          return claim(ADA, "k1", FIRST, 0);
        })
        .compose(within -> {
          clock.advance(Duration.ofMillis(1));
          return claim(ADA, "k1", OTHER, 0).map(after -> new Claimed[] {within, after});
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(replay(201, CREATED));
          assertThat(both[1]).as("a new request may use the key").isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A user_deleted event forgets that user's kept responses and nobody else's")
  void deletedUserForgotten(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(a -> complete(ADA, "k1", FIRST))
        .compose(a -> claim(BOB, "k1", FIRST, 0))
        .compose(b -> complete(BOB, "k1", FIRST))
        .compose(b -> {
          // Handled on the verticle's context before the claims sent after it; its delete and the
          // claims' reads go through the one read connection in order.
          bus().publish(Address.USERS_EVENTS, Events.userOnly(Change.USER_DELETED, 1));
          return Future.all(claim(ADA, "k1", OTHER, 0), claim(BOB, "k1", FIRST, 0));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat((Claimed) both.resultAt(0)).isEqualTo(Claimed.PROCEED);
          assertThat((Claimed) both.resultAt(1)).isEqualTo(replay(201, CREATED));
          ctx.completeNow();
        })));
  }

  // ---- persistence ----

  @Test
  @DisplayName("Kept responses survive an undeploy and redeploy on the same file; running claims do not")
  void persists(VertxTestContext ctx) {
    claim(ADA, "done", FIRST, 0)
        .compose(first -> complete(ADA, "done", FIRST))
        .compose(done -> claim(ADA, "running", FIRST, 0))
        .compose(running -> redeployIdempotency())
        .compose(redeployed -> Future.all(claim(ADA, "done", FIRST, 0), refused(claim(ADA, "done", OTHER, 0)),
            claim(ADA, "running", FIRST, 0)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat((Claimed) all.resultAt(0)).isEqualTo(replay(201, CREATED));
          assertFailure(all.resultAt(1), 422, Messages.IDEMPOTENCY_KEY_REUSED);
          assertThat((Claimed) all.resultAt(2)).as("a restart ends every running request").isEqualTo(Claimed.PROCEED);
          ctx.completeNow();
        })));
  }
}
