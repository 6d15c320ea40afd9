package dev.hyperfocus.stats;

import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Outbox;
import dev.hyperfocus.api.Page;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Applies one domain's events exactly once and in sequence order. Events come from the domain's
 * events address as they are published (each carries its outbox sequence); one that arrives
 * early waits for the ones before it, and a gap that is still open after {@link #GAP_WAIT_MS}
 * (a publish lost with a node, or a change made while this verticle was down) is read from the
 * domain's outbox. On start the outbox is read from the last applied position on, so a restart
 * resumes exactly where the store stopped. Used on the stats verticle's event loop only.
 */
final class OutboxFollower {
  /** Publishes after one group commit may be handed out a little out of order; a gap gets this long. */
  static final long GAP_WAIT_MS = 200;
  /** How often the position is reported to the domain, which then drops what was applied. */
  static final long REPORT_EVERY_MS = 10_000;

  private static final Logger LOG = Logger.getLogger(OutboxFollower.class.getName());

  /**
   * Submits consecutive events (each with its sequence) to the store, in order, to be applied
   * together; the future completes when they are.
   */
  @FunctionalInterface
  interface Sink {
    Future<?> apply(List<JsonObject> events);
  }

  private final Vertx vertx;
  private final String domain;
  private final Endpoint<Outbox.After, Page> outbox;
  private final Endpoint<Outbox.Applied, Empty> applied;
  private final Endpoint<Empty, Outbox.Applied> replay;
  private final Sink sink;
  private final DeliveryOptions options;
  private final TreeMap<Long, JsonObject> early = new TreeMap<>();
  private long next;
  private long lastApplied;
  private long lastReported;
  private boolean reading;
  private long gapTimer = -1;

  OutboxFollower(Vertx vertx, String domain, Endpoint<Outbox.After, Page> outbox,
      Endpoint<Outbox.Applied, Empty> applied, Endpoint<Empty, Outbox.Applied> replay, Sink sink,
      DeliveryOptions options) {
    this.vertx = vertx;
    this.domain = domain;
    this.outbox = outbox;
    this.applied = applied;
    this.replay = replay;
    this.sink = sink;
    this.options = options;
  }

  String domain() {
    return domain;
  }

  /**
   * Catches up from the store's position ({@code null}: the store has nothing of this domain yet,
   * so the domain first appends its whole current state to the outbox). Completes once every
   * event present at the start has been submitted, so that requests after it see them.
   */
  Future<Void> start(Long position, Function<Long, Future<Void>> recordPosition) {
    Future<Long> from = position != null ? Future.succeededFuture(position)
        : replay.request(vertx.eventBus(), Empty.INSTANCE, options).map(Outbox.Applied::seq)
            .compose(seq -> recordPosition.apply(seq).map(seq));
    return from.compose(seq -> {
      next = seq + 1;
      lastApplied = seq;
      lastReported = seq;
      Promise<Void> caughtUp = Promise.promise();
      read(caughtUp);
      return caughtUp.future();
    });
  }

  /** An event as published on the domain's address. */
  void offer(JsonObject event) {
    Long seq = Outbox.seq(event);
    if (seq == null || seq < next || next == 0) {
      return;
    }
    early.put(seq, event);
    drain();
  }

  /** Tells the domain how far the store has applied, when that moved. */
  void report() {
    if (lastApplied > lastReported) {
      long seq = lastApplied;
      applied.request(vertx.eventBus(), new Outbox.Applied(seq), options)
          .onSuccess(done -> lastReported = Math.max(lastReported, seq));
    }
  }

  private void drain() {
    List<JsonObject> batch = new ArrayList<>();
    while (!early.isEmpty() && early.firstKey() == next) {
      batch.add(early.pollFirstEntry().getValue());
      next++;
    }
    if (!batch.isEmpty()) {
      submit(next - 1, batch);
    }
    while (!early.isEmpty() && early.firstKey() < next) {
      early.pollFirstEntry();
    }
    if (!early.isEmpty() && !reading && gapTimer < 0) {
      gapTimer = vertx.setTimer(GAP_WAIT_MS, id -> {
        gapTimer = -1;
        if (!early.isEmpty() && !reading) {
          read(Promise.promise());
        }
      });
    }
  }

  private void submit(long last, List<JsonObject> events) {
    sink.apply(events).onComplete(done -> {
      if (done.succeeded()) {
        lastApplied = Math.max(lastApplied, last);
      } else {
        LOG.severe(() -> domain + " events up to " + last + " could not be applied to the statistics: " + done.cause());
      }
    });
  }

  /** Reads the outbox after what was submitted, page by page, until a short page. */
  private void read(Promise<Void> done) {
    reading = true;
    outbox.request(vertx.eventBus(), new Outbox.After(next - 1, Outbox.PAGE), options).onComplete(page -> {
      if (page.failed()) {
        reading = false;
        LOG.warning(() -> "cannot read the " + domain + " outbox: " + page.cause().getMessage() + "; retrying");
        vertx.setTimer(GAP_WAIT_MS * 5, retry -> read(done));
        return;
      }
      JsonArray events = page.result().items();
      if (!events.isEmpty() && Outbox.seq(events.getJsonObject(0)) > next) {
        // one writer numbers the outbox in commit order: a sequence below a committed one that is
        // not there now never will be (a rolled-back write)
        long first = Outbox.seq(events.getJsonObject(0));
        LOG.warning(() -> domain + " outbox has no events " + next + " to " + (first - 1) + "; going on from " + first);
        next = first;
      }
      for (int i = 0; i < events.size(); i++) {
        JsonObject event = events.getJsonObject(i);
        early.put(Outbox.seq(event), event);
      }
      reading = false;
      drain();
      if (events.size() == Outbox.PAGE) {
        read(done);
      } else {
        done.tryComplete();
      }
    });
  }
}
