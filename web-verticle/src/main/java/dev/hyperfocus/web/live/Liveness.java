package dev.hyperfocus.web.live;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps one web verticle instance's sockets honest: pings each socket once per interval and
 * closes one that answered nothing (no pong, no message) for two intervals, so a dead peer behind
 * a silent network is gone at most three intervals (60 s by default) after its last sign of life.
 *
 * <p>The work is spread over the interval: each socket gets one of {@link #SLOTS} slots as it
 * joins (in turn, so they stay even), and a timer visits one slot every interval / {@code SLOTS}.
 * Pinging all 10,000 sockets of a node in one event-loop turn stalled the loop for tens of
 * milliseconds every 20 s, then again as the pongs came back together, and multiplied the p99 of
 * every request served meanwhile (docs/benchmarks.md, issue 21); a slot holds 1 % of them.
 */
final class Liveness {
  static final int SLOTS = 100;
  /** How often the node renews its watches (a watch lasts 60 s in the stats verticle: three renewals may be lost). */
  static final long WATCH_EVERY_MS = 15_000;
  private static final Buffer PING = Buffer.buffer("hf");

  private final Vertx vertx;
  private final long intervalMs;
  private final long deadNanos;
  private final Consumer<LiveSocket> dead;
  private final List<Set<LiveSocket>> slots = new ArrayList<>(SLOTS);
  private final List<LiveSocket> dying = new ArrayList<>();
  private int nextSlot;
  private int visited;
  private long timer = -1;

  /** {@code dead}: what to do with a socket that stopped answering (close and forget it). */
  Liveness(Vertx vertx, long intervalMs, Consumer<LiveSocket> dead) {
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    this.deadNanos = 2 * intervalMs * 1_000_000L;
    this.dead = dead;
    for (int i = 0; i < SLOTS; i++) {
      slots.add(new LinkedHashSet<>());
    }
  }

  void start() {
    timer = vertx.setPeriodic(Math.max(1, intervalMs / SLOTS), id -> visit());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  void add(LiveSocket socket) {
    socket.pingSlot = nextSlot;
    slots.get(nextSlot).add(socket);
    nextSlot = (nextSlot + 1) % SLOTS;
  }

  void remove(LiveSocket socket) {
    if (socket.pingSlot >= 0) {
      slots.get(socket.pingSlot).remove(socket);
      socket.pingSlot = -1;
    }
  }

  /** Pings the sockets of the next slot; those silent for too long are closed after the loop. */
  private void visit() {
    Set<LiveSocket> slot = slots.get(visited);
    visited = (visited + 1) % SLOTS;
    long now = System.nanoTime();
    for (LiveSocket socket : slot) {
      if (!socket.open()) {
        continue; // still upgrading
      }
      if (now - socket.lastSeenNanos() > deadNanos) {
        dying.add(socket);
      } else {
        socket.ws().writePing(PING);
      }
    }
    dying.forEach(dead);
    dying.clear();
  }
}
