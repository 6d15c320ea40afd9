package dev.hyperfocus.web.edge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;

/**
 * Fails a request with {@code status} once it has run for {@code timeoutMs}, like Vert.x Web's
 * {@code TimeoutHandler} but without a timer per request: requests queue up in arrival order
 * (so in deadline order) and one periodic sweep fails the overdue ones. A timer per request cost
 * its scheduling and cancelling on the web event loop, the busiest thread under load (5 % of its
 * time in a profile of the statistics benchmark). A deadline is met within {@link #SWEEP_MS}.
 * Confined to the web verticle's event loop.
 */
public final class RequestDeadlines implements Handler<RoutingContext> {
  static final long SWEEP_MS = 100;
  private static final String ENTRY = "hyperfocus.deadline";
  /** Above this many entries, finished ones behind a slow request at the head are dropped too. */
  private static final int COMPACT_ABOVE = 10_000;

  private static final class Entry {
    final RoutingContext ctx;
    final long deadline;
    int endHandler;
    boolean ended;

    Entry(RoutingContext ctx, long deadline) {
      this.ctx = ctx;
      this.deadline = deadline;
    }
  }

  private final long timeoutNanos;
  private final int status;
  private final ArrayDeque<Entry> running = new ArrayDeque<>();

  public RequestDeadlines(long timeoutMs, int status) {
    this.timeoutNanos = timeoutMs * 1_000_000L;
    this.status = status;
  }

  /** Starts the sweep; call on the event loop of the router this handler is on. */
  public void start(Vertx vertx) {
    vertx.setPeriodic(SWEEP_MS, tick -> sweep(System.nanoTime()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Entry entry = new Entry(ctx, System.nanoTime() + timeoutNanos);
    entry.endHandler = ctx.addEndHandler(ended -> entry.ended = true);
    ctx.put(ENTRY, entry);
    running.add(entry);
    ctx.next();
  }

  /**
   * Frees {@code ctx} from its deadline: for a live WebSocket upgrade that was accepted (the user
   * checked, the snapshot ready), whose response never ends. Every other request, one carrying
   * {@code Upgrade: websocket} included, keeps its deadline, so a client cannot hold a connection
   * with a partial body by adding that header.
   */
  public static void release(RoutingContext ctx) {
    Entry entry = ctx.remove(ENTRY);
    if (entry != null && !entry.ended) {
      entry.ended = true;
      ctx.removeEndHandler(entry.endHandler);
    }
  }

  void sweep(long now) {
    for (Entry head = running.peek(); head != null && (head.ended || head.deadline - now <= 0); head = running.peek()) {
      running.poll();
      // a router that was restarted for this request (a reroute) removed our end handler
      if (!head.ended && head.ctx.removeEndHandler(head.endHandler)) {
        if (!head.ctx.request().isEnded()) {
          head.ctx.request().resume();
        }
        head.ctx.fail(status);
      }
    }
    if (running.size() > COMPACT_ABOVE) {
      running.removeIf(entry -> entry.ended);
    }
  }
}
