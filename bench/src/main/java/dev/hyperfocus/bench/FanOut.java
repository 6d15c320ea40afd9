package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Many WebSockets on one server; a round triggers one change and times, per socket, the arrival
 * of the first {@code update} frame after the trigger was sent.
 */
final class FanOut implements AutoCloseable {
  /** The last socket's latency and the spread over all sockets of all rounds, in milliseconds. */
  record Rounds(double lastMedianMs, double p50Ms, double p99Ms, long missed) {}

  private final WebSocketClient client;
  private final List<WebSocket> sockets = new ArrayList<>();
  private volatile long[] arrivals = new long[0];
  private volatile CountDownLatch pending = new CountDownLatch(0);

  FanOut(Vertx vertx, boolean offerCompression) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(20_000)
        .setTryUsePerMessageCompression(offerCompression).setConnectTimeout(60_000));
  }

  /** Opens one socket per URI (at most {@code parallel} handshakes at a time). */
  void connect(URI base, List<String> uris, int parallel) throws InterruptedException {
    int first = sockets.size();
    arrivals = Arrays.copyOf(arrivals, first + uris.size());
    for (int from = 0; from < uris.size(); from += parallel) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(uris.size(), from + parallel); i++) {
        int slot = first + i;
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost())
            .setPort(base.getPort()).setURI(uris.get(i));
        batch.add(client.connect(options).onSuccess(ws -> ws.textMessageHandler(text -> arrived(slot, text))));
      }
      try {
        Future.all(batch).await(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("could not open sockets: " + e.getMessage(), e);
      }
      batch.forEach(f -> sockets.add(f.result()));
    }
  }

  int size() {
    return sockets.size();
  }

  private void arrived(int slot, String text) {
    long now = System.nanoTime();
    if (arrivals[slot] == 0 && text.contains("\"type\":\"update\"")) {
      arrivals[slot] = now;
      pending.countDown();
    }
  }

  /** Runs {@code rounds} changes, each expected on the sockets {@code from} .. {@code to - 1}. */
  Rounds measure(int rounds, int from, int to, Supplier<Future<?>> trigger) throws Exception {
    Histogram all = new Histogram(3);
    double[] lasts = new double[rounds];
    long missed = 0;
    for (int r = 0; r < rounds; r++) {
      long[] fresh = new long[sockets.size()];
      Arrays.fill(fresh, 0, from, -1);
      Arrays.fill(fresh, to, fresh.length, -1);
      arrivals = fresh;
      pending = new CountDownLatch(to - from);
      long sent = System.nanoTime();
      try {
        trigger.get().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a failed trigger (seen once: the ceiling server's connection closed) is a round whose
        // frames all count as missed, not the end of a 40-minute run
        System.out.println("  fan-out trigger failed: " + e);
      }
      pending.await(30, TimeUnit.SECONDS);
      long last = 0;
      for (int i = from; i < to; i++) {
        if (fresh[i] <= 0) {
          missed++;
          continue;
        }
        long micros = Math.max(1, (fresh[i] - sent) / 1000);
        all.recordValue(micros);
        last = Math.max(last, micros);
      }
      lasts[r] = last / 1000.0;
    }
    Arrays.sort(lasts);
    return new Rounds(lasts[rounds / 2], all.getValueAtPercentile(50) / 1000.0,
        all.getValueAtPercentile(99) / 1000.0, missed);
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(ws -> closing.add(ws.close()));
    try {
      Future.join(closing).await(60, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // sockets of a killed server are closed already
    }
    client.close();
  }
}
