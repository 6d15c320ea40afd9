package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Outbox;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.SessionsApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The follower against a domain outbox on a real event bus (a table of events answered on
 * {@code sessions.outbox}): every event reaches the store once and in order, however the
 * published copies arrive.
 */
@DisplayName("Following a domain's outbox")
class OutboxFollowerTest {
  private Vertx vertx;
  private final TreeMap<Long, JsonObject> outbox = new TreeMap<>();
  private final List<Long> applied = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(SessionsApi.OUTBOX.address(), message -> {
      Outbox.After after = Outbox.After.CODEC.decode(message.body());
      JsonArray items = new JsonArray();
      outbox.tailMap(after.afterSeq(), false).values().stream().limit(after.limit()).forEach(items::add);
      message.reply(new Page(items, items.size()).toJson());
    }).completion().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject event(long seq) {
    return new JsonObject().put(Fields.KIND, "session_started").put(Fields.OUTBOX_SEQ, seq);
  }

  private OutboxFollower follower() {
    return new OutboxFollower(vertx, "sessions", SessionsApi.OUTBOX, SessionsApi.OUTBOX_APPLIED,
        SessionsApi.OUTBOX_REPLAY, events -> {
          events.forEach(event -> applied.add(Outbox.seq(event)));
          return Future.succeededFuture();
        }, new DeliveryOptions().setSendTimeout(5000));
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(go -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Resumes after its position, then takes published events in order, once, a gap read from the outbox")
  void exactlyOnceInOrder() throws Exception {
    for (long seq = 1; seq <= 2500; seq++) {
      outbox.put(seq, event(seq));
    }
    OutboxFollower follower = follower();
    onLoop(() -> follower.start(1200L, seq -> Future.succeededFuture())).await(10, TimeUnit.SECONDS);
    assertThat(applied).hasSize(1300).startsWith(1201L).endsWith(2500L);

    applied.clear();
    for (long seq = 2501; seq <= 2510; seq++) {
      outbox.put(seq, event(seq));
    }
    // published out of order, one twice, one (2505) never: it must come from the outbox
    onLoop(() -> {
      for (long seq : new long[] {2502, 2501, 2501, 2500, 2504, 2503, 2506, 2508, 2507, 2510, 2509}) {
        follower.offer(event(seq));
      }
      return null;
    });
    assertThat(applied).containsExactly(2501L, 2502L, 2503L, 2504L);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (applied.size() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(onLoop(() -> List.copyOf(applied)))
        .containsExactly(2501L, 2502L, 2503L, 2504L, 2505L, 2506L, 2507L, 2508L, 2509L, 2510L);
  }

  @Test
  @DisplayName("Without a position, the domain replays its state into the outbox and the follower reads after it")
  void replayWithoutPosition() throws Exception {
    for (long seq = 1; seq <= 5; seq++) {
      outbox.put(seq, event(seq));
    }
    List<Long> recorded = new ArrayList<>();
    vertx.eventBus().<JsonObject>consumer(SessionsApi.OUTBOX_REPLAY.address(), message -> {
      for (long seq = 6; seq <= 8; seq++) {
        outbox.put(seq, event(seq));
      }
      message.reply(new Outbox.Applied(5).toJson());
    }).completion().await(10, TimeUnit.SECONDS);
    OutboxFollower follower = follower();
    onLoop(() -> follower.start(null, seq -> {
      recorded.add(seq);
      return Future.succeededFuture();
    })).await(10, TimeUnit.SECONDS);
    assertThat(recorded).containsExactly(5L);
    assertThat(applied).containsExactly(6L, 7L, 8L);
  }
}
