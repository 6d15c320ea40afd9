package dev.hyperfocus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.Messages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept responses of a domain's Idempotency-Keys, on a real file (test domain {@code kept}). */
class IdempotentResponsesTest {
  private static final IdempotentKey KEY = new IdempotentKey(Fields.userScope(7), "k", "fp-1", 201);
  private static final IdempotentKey OTHER_REQUEST = new IdempotentKey(Fields.userScope(7), "k", "fp-2", 201);

  @TempDir Path dir;
  private Vertx vertx;
  private SqliteDatabase db;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private IdempotentResponses kept;
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = SqliteDatabase.open(vertx, new DatabaseConfig(dir, SyncMode.NORMAL), "kept", getClass().getClassLoader())
        .await(10, TimeUnit.SECONDS);
    kept = new IdempotentResponses(db, clock);
  }

  @AfterEach
  void close() throws Exception {
    db.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A write that keeps its response in its own transaction, as a domain's is. */
  private Future<JsonObject> write(IdempotentKey key, JsonObject body) {
    return kept.run(key, () -> db.write(tx -> {
      kept.check(tx, key);
      runs.incrementAndGet();
      kept.keep(tx, key, body);
      return body;
    }));
  }

  private Future<JsonObject> refuse(IdempotentKey key, ReplyException failure) {
    return kept.run(key, () -> {
      runs.incrementAndGet();
      return Future.failedFuture(failure);
    });
  }

  private static Throwable failure(Future<?> request) throws Exception {
    return request.transform(done -> Future.succeededFuture(done.cause())).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A kept 2xx is replayed and runs nothing; another request with the key is a 422")
  void replayAndReuse() throws Exception {
    JsonObject body = new JsonObject().put("id", 1);
    assertThat(write(KEY, body).await(10, TimeUnit.SECONDS)).isEqualTo(body);
    Throwable again = failure(write(KEY, new JsonObject().put("id", 2)));
    assertThat(again).isInstanceOfSatisfying(IdempotentKey.Replay.class, replay -> {
      assertThat(replay.status()).isEqualTo(201);
      assertThat(replay.body()).isEqualTo(body.encode());
    });
    Throwable reused = failure(write(OTHER_REQUEST, body));
    assertThat(reused).isInstanceOfSatisfying(ReplyException.class, failure -> {
      assertThat(failure.failureCode()).isEqualTo(422);
      assertThat(failure.getMessage()).isEqualTo(Messages.IDEMPOTENCY_KEY_REUSED);
    });
    assertThat(runs).hasValue(1);
  }

  @Test
  @DisplayName("A 4xx is kept; a 429 and a 5xx are not, and the retry runs again")
  void whichFailuresAreKept() throws Exception {
    IdempotentKey busy = new IdempotentKey(Fields.userScope(7), "busy", "fp", 201);
    failure(refuse(busy, new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, 429, "Too Many Requests")));
    failure(refuse(busy, Failure.UNAVAILABLE.with("Storage unavailable")));
    failure(refuse(busy, Failure.CONFLICT.with("overlaps")));
    Throwable replayed = failure(refuse(busy, Failure.BAD_REQUEST.with("other")));
    assertThat(replayed).isInstanceOfSatisfying(IdempotentKey.Replay.class, replay -> {
      assertThat(replay.status()).isEqualTo(409);
      assertThat(replay.body()).isEqualTo(new JsonObject().put(Fields.DETAIL, "overlaps").encode());
    });
    assertThat(runs).hasValue(3);
  }

  @Test
  @DisplayName("After 24 hours a key is free again, even before the purge; the purge and a user's deletion forget keys")
  void expiryAndPurges() throws Exception {
    write(KEY, new JsonObject().put("id", 1)).await(10, TimeUnit.SECONDS);
    clock.advance(Duration.ofHours(24).plusMillis(1));
    JsonObject second = new JsonObject().put("id", 2);
    assertThat(write(OTHER_REQUEST, second).await(10, TimeUnit.SECONDS)).isEqualTo(second);
    assertThat(failure(write(OTHER_REQUEST, second))).isInstanceOf(IdempotentKey.Replay.class);

    IdempotentKey old = new IdempotentKey(Fields.userScope(8), "old", "fp", 201);
    write(old, second).await(10, TimeUnit.SECONDS);
    clock.advance(Duration.ofHours(25));
    assertThat(kept.purgeExpired().await(10, TimeUnit.SECONDS)).isEqualTo(2);

    write(KEY, second).await(10, TimeUnit.SECONDS);
    kept.purgeUser(7).await(10, TimeUnit.SECONDS);
    assertThat(write(KEY, second).await(10, TimeUnit.SECONDS)).isEqualTo(second);
    assertThat(runs).hasValue(5);
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

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
      return this;
    }
  }
}
