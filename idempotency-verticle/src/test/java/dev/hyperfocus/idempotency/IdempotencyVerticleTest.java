package dev.hyperfocus.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Setting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idempotency verticle alone over its event-bus addresses, on a real SQLite file, with a clock
 * the test moves (for the 24 hours a response is kept).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class IdempotencyVerticleTest {
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

  @TempDir
  Path dataDir;

  private final MovableClock clock = new MovableClock();
  private Vertx vertx;
  private String deployment;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    deployIdempotency().onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, built in one place (the JSON wire contract of the idempotency addresses) ----

  private static JsonObject claimOf(String scope, String key, String fingerprint, long waitMs) {
    return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key).put(Fields.FINGERPRINT, fingerprint)
        .put(Fields.WAIT_MS, waitMs).put(Fields.LEASE_MS, 60_000L);
  }

  private static JsonObject completionOf(String scope, String key, String fingerprint, int status, String body) {
    return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key).put(Fields.FINGERPRINT, fingerprint)
        .put(Fields.STATUS, status).put(Fields.BODY, body);
  }

  private static JsonObject releaseOf(String scope, String key) {
    return new JsonObject().put(Fields.SCOPE, scope).put(Fields.KEY, key);
  }

  private static JsonObject userDeleted(long userId) {
    return new JsonObject().put(Fields.KIND, "user_deleted").put(Fields.USER_ID, userId);
  }

  private static JsonObject proceed() {
    return new JsonObject().put(Fields.OUTCOME, Fields.PROCEED);
  }

  private static JsonObject replay(int status, String body) {
    return new JsonObject().put(Fields.OUTCOME, Fields.REPLAY).put(Fields.STATUS, status).put(Fields.BODY, body);
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
  }

  private Future<JsonObject> claim(String scope, String key, String fingerprint, long waitMs) {
    return ask(Address.IDEMPOTENCY_CLAIM, claimOf(scope, key, fingerprint, waitMs));
  }

  private Future<JsonObject> complete(String scope, String key, String fingerprint) {
    return ask(Address.IDEMPOTENCY_COMPLETE, completionOf(scope, key, fingerprint, 201, CREATED));
  }

  // ---- deployment and helpers ----

  private Future<String> deployIdempotency() {
    JsonObject config = new JsonObject()
        .put(Setting.DATA_DIR.key(), dataDir.toString())
        .put(Setting.DB_SYNC.key(), "normal");
    return vertx.deployVerticle(new IdempotencyVerticle(clock), new DeploymentOptions().setConfig(config))
        .onSuccess(id -> deployment = id);
  }

  private Future<String> redeployIdempotency() {
    return vertx.undeploy(deployment).compose(undeployed -> deployIdempotency());
  }

  /** Succeeds with the failure of {@code request}; fails when it succeeded. */
  private static Future<ReplyException> refused(Future<?> request) {
    return request.transform(done -> {
      if (done.succeeded()) {
        return Future.failedFuture(new AssertionError("expected a failure, got " + done.result()));
      }
      return done.cause() instanceof ReplyException failure
          ? Future.succeededFuture(failure) : Future.failedFuture(done.cause());
    });
  }

  private static void assertFailure(ReplyException failure, int code, String detail) {
    assertThat(failure.failureCode()).as("failure code").isEqualTo(code);
    assertThat(failure.getMessage()).as("detail").isEqualTo(detail);
  }

  // ---- claim, complete, replay ----

  @Test
  @DisplayName("A new key proceeds, and once completed a repeat of the same request replays its status and body")
  void proceedThenReplay(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> complete(ADA, "k1", FIRST).map(done -> first))
        .compose(first -> claim(ADA, "k1", FIRST, 0).map(repeat -> new JsonObject[] {first, repeat}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(proceed());
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
          Future<JsonObject> waiting = claim(ADA, "k1", FIRST, 4_000);
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
        .compose(first -> ask(Address.IDEMPOTENCY_RELEASE, releaseOf(ADA, "k1")))
        .compose(released -> claim(ADA, "k1", FIRST, 0))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again).isEqualTo(proceed());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Releasing a key with a waiting repeat hands the key to it, which then runs while others get 409")
  void releaseHandsOver(VertxTestContext ctx) {
    claim(ADA, "k1", FIRST, 0)
        .compose(first -> {
          Future<JsonObject> waiting = claim(ADA, "k1", FIRST, 4_000);
          return ask(Address.IDEMPOTENCY_RELEASE, releaseOf(ADA, "k1"))
              .compose(released -> waiting)
              .compose(handed -> refused(claim(ADA, "k1", FIRST, 0)).map(late -> new Object[] {handed, late}));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(proceed());
          assertFailure((ReplyException) both[1], 409, Messages.IDEMPOTENCY_KEY_IN_PROGRESS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Releasing a key nobody holds answers an empty body and changes nothing")
  void releaseUnknown(VertxTestContext ctx) {
    ask(Address.IDEMPOTENCY_RELEASE, releaseOf(ADA, "nobody"))
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply).isEqualTo(new JsonObject());
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
          assertThat(bobs).isEqualTo(proceed());
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
          return claim(ADA, "k1", OTHER, 0).map(after -> new JsonObject[] {within, after});
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0]).isEqualTo(replay(201, CREATED));
          assertThat(both[1]).as("a new request may use the key").isEqualTo(proceed());
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
          vertx.eventBus().publish(Address.USERS_EVENTS, userDeleted(1));
          return Future.all(claim(ADA, "k1", OTHER, 0), claim(BOB, "k1", FIRST, 0));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat((JsonObject) both.resultAt(0)).isEqualTo(proceed());
          assertThat((JsonObject) both.resultAt(1)).isEqualTo(replay(201, CREATED));
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
          assertThat((JsonObject) all.resultAt(0)).isEqualTo(replay(201, CREATED));
          assertFailure(all.resultAt(1), 422, Messages.IDEMPOTENCY_KEY_REUSED);
          assertThat((JsonObject) all.resultAt(2)).as("a restart ends every running request").isEqualTo(proceed());
          ctx.completeNow();
        })));
  }
}
