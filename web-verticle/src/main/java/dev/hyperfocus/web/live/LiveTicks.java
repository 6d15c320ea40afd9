package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.web.rest.Bus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The {@code ?tick=N} updates of one web instance's sockets, computed once per (user, period) on
 * the node. Each instance holding such sockets runs a timer of its own for the (user, period), but
 * the node's {@link LiveBeats} lets only one of them ask the stats verticle per period; the one
 * that asked hands the frame to every instance in the group, each pushing it to its own sockets
 * on its own event loop. Nothing has to be handed over when an instance's last socket leaves: the
 * others' timers keep running and the next of them takes the next beat.
 */
final class LiveTicks {
  private static final LiveSocket[] NONE = new LiveSocket[0];

  private static final class Ticker {
    LiveSocket[] sockets = NONE;
    long timer;
    boolean asking;
  }

  private final Vertx vertx;
  private final Context context;
  private final Bus bus;
  private final LiveBeats beats;
  private final IntConsumer pushed;
  private final Map<LiveBeats.Key, Ticker> tickers = new HashMap<>();

  /** {@code pushed}: counts the frames written. Built on the instance's own context. */
  LiveTicks(Vertx vertx, Bus bus, LiveBeats beats, IntConsumer pushed) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.bus = bus;
    this.beats = beats;
    this.pushed = pushed;
  }

  /** From now on the socket gets the user's tick every {@code seconds}. */
  void add(LiveSocket socket, int seconds) {
    LiveBeats.Key key = new LiveBeats.Key(socket.userId(), seconds);
    Ticker ticker = tickers.get(key);
    if (ticker == null) {
      Ticker created = new Ticker();
      created.timer = vertx.setPeriodic(seconds * 1000L, id -> beat(key, created));
      tickers.put(key, created);
      beats.join(key, this);
      ticker = created;
    }
    ticker.sockets = LiveChannels.with(ticker.sockets, socket);
    socket.tickSeconds(seconds);
  }

  void remove(LiveSocket socket) {
    if (socket.tickSeconds() <= 0) {
      return;
    }
    LiveBeats.Key key = new LiveBeats.Key(socket.userId(), socket.tickSeconds());
    Ticker ticker = tickers.get(key);
    if (ticker != null && LiveChannels.contains(ticker.sockets, socket)) {
      ticker.sockets = LiveChannels.without(ticker.sockets, socket);
      if (ticker.sockets.length == 0) {
        vertx.cancelTimer(ticker.timer);
        tickers.remove(key);
        beats.leave(key, this);
      }
    }
  }

  /**
   * This instance's beat of a (user, period): it asks only while one of its sockets shows an
   * active session, not while its last ask is unanswered (a slow data node gets no pile of
   * requests), and only when no other instance has asked for this period.
   */
  private void beat(LiveBeats.Key key, Ticker ticker) {
    if (ticker.asking || Arrays.stream(ticker.sockets).noneMatch(LiveTicks::wantsTick)
        || !beats.claim(key, key.seconds() * 1_000_000_000L)) {
      return;
    }
    ticker.asking = true;
    bus.request(StatsApi.LIVE, new StatsApi.LiveState(key.userId(), null, Live.TICK))
        .onComplete(done -> {
          ticker.asking = false;
          if (done.succeeded()) {
            LiveSocket.Frame frame = LiveSocket.Frame.of(done.result());
            for (LiveTicks member : beats.members(key)) {
              if (member == this) {
                push(key, frame);
              } else {
                member.context.runOnContext(run -> member.push(key, frame));
              }
            }
          }
        });
  }

  /** On this instance's event loop: the frame to its sockets of that (user, period) that want it. */
  private void push(LiveBeats.Key key, LiveSocket.Frame frame) {
    Ticker ticker = tickers.get(key);
    if (ticker == null) {
      return;
    }
    int written = 0;
    for (LiveSocket socket : ticker.sockets) {
      if (wantsTick(socket)) {
        written += socket.push(frame) ? 1 : 0;
      }
    }
    pushed.accept(written);
  }

  void stop() {
    tickers.forEach((key, ticker) -> {
      vertx.cancelTimer(ticker.timer);
      beats.leave(key, this);
    });
    tickers.clear();
  }

  private static boolean wantsTick(LiveSocket socket) {
    return socket.open() && socket.sessionActive();
  }
}
