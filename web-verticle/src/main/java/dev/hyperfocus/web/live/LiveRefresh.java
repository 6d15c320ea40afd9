package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.web.rest.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Fresh snapshots for every user with sockets on this node, asked for when the stats verticle
 * announces a (re)start: after the data node comes back, its new epoch would otherwise reach a
 * socket only with that user's next change. A few users at a time, so that a node with many
 * sockets does not flood the data node, which rebuilds each user's aggregates on first use.
 */
final class LiveRefresh {
  private static final int BATCH = 16;
  /**
   * Right after the data node (re)joins, this node may not yet see its subscriptions; such a
   * request fails with NO_HANDLERS (after the bus's own short retries) and is asked again, for
   * at most ATTEMPTS x RETRY_MS: unlike a client's request, nobody waits on this one.
   */
  private static final int ATTEMPTS = 10;
  private static final long RETRY_MS = 250;

  private final Vertx vertx;
  private final Bus bus;

  LiveRefresh(Vertx vertx, Bus bus) {
    this.vertx = vertx;
    this.bus = bus;
  }

  /** Asks each user's snapshot and hands it to {@code push}; completes when all were answered or failed. */
  Future<Void> refresh(List<Long> userIds, BiConsumer<Long, JsonObject> push) {
    return next(userIds.iterator(), push);
  }

  private Future<Void> next(Iterator<Long> users, BiConsumer<Long, JsonObject> push) {
    List<Future<JsonObject>> batch = new ArrayList<>();
    while (users.hasNext() && batch.size() < BATCH) {
      long userId = users.next();
      batch.add(snapshot(new StatsApi.LiveState(userId, null, Live.CONNECTED), ATTEMPTS).onSuccess(frame -> push.accept(userId, frame)));
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(batch).transform(done -> next(users, push));
  }

  private Future<JsonObject> snapshot(StatsApi.LiveState ask, int attemptsLeft) {
    return bus.request(StatsApi.LIVE, ask).recover(failure -> {
      if (!Bus.noHandlers(failure) || attemptsLeft <= 1) {
        return Future.failedFuture(failure);
      }
      return vertx.timer(RETRY_MS).compose(waited -> snapshot(ask, attemptsLeft - 1));
    });
  }
}
