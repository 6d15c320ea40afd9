package dev.hyperfocus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A closed-loop HTTP load generator: {@code connections} clients, each sending its next request
 * as soon as the previous answer is in; a warm-up, then a measured window. A response with
 * another status than expected, or no response, is an error.
 */
final class HttpLoad {
  /** One request to send; {@code body} may be null. */
  record Call(HttpMethod method, String uri, String token, Buffer body, int expect) {
    static Call get(String uri, String token) {
      return new Call(HttpMethod.GET, uri, token, null, 200);
    }
  }

  private final Vertx vertx;
  private final URI base;
  private final AtomicLong acknowledged = new AtomicLong();

  HttpLoad(Vertx vertx, URI base) {
    this.vertx = vertx;
    this.base = base;
  }

  /** Expected answers received so far, warm-up included (for the durability check). */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Runs {@code connections} loops; {@code next} gives the next call of a loop (by its index). */
  Result run(int connections, Duration warmup, Duration window, IntFunction<Call> next) throws InterruptedException {
    HttpClientAgent client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections).setEventLoopSize(2));
    ConcurrentHistogram micros = new ConcurrentHistogram(3);
    AtomicLong errors = new AtomicLong();
    long startNanos = System.nanoTime();
    long measureFrom = startNanos + warmup.toNanos();
    long measureTo = measureFrom + window.toNanos();
    CountDownLatch finished = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      loop(client, i, next, micros, errors, measureFrom, measureTo, finished);
    }
    boolean done = finished.await(warmup.plus(window).toSeconds() + 60, TimeUnit.SECONDS);
    client.close();
    if (!done) {
      errors.addAndGet(finished.getCount());
    }
    return Result.of(micros, window.toNanos() / 1e9, errors.get());
  }

  private void loop(HttpClientAgent client, int index, IntFunction<Call> next, ConcurrentHistogram micros,
      AtomicLong errors, long measureFrom, long measureTo, CountDownLatch finished) {
    long sent = System.nanoTime();
    if (sent >= measureTo) {
      finished.countDown();
      return;
    }
    Call call = next.apply(index);
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.uri());
    if (call.token() != null) {
      options.putHeader("Authorization", "Bearer " + call.token());
    }
    if (call.body() != null) {
      options.putHeader("Content-Type", "application/json");
    }
    client.request(options)
        .compose(request -> call.body() == null ? request.send() : request.send(call.body()))
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(outcome -> {
          long now = System.nanoTime();
          boolean counted = sent >= measureFrom && now <= measureTo;
          if (counted) {
            micros.recordValue(Math.max(1, (now - sent) / 1000));
          }
          if (outcome.succeeded() && outcome.result() == call.expect()) {
            acknowledged.incrementAndGet();
          }
          if ((outcome.failed() || outcome.result() != call.expect()) && sent >= measureFrom) {
            errors.incrementAndGet();
            if (errors.get() <= 3) {
              System.err.println("  unexpected answer to " + call.method() + " " + call.uri() + ": "
                  + (outcome.failed() ? outcome.cause() : outcome.result()));
            }
          }
          loop(client, index, next, micros, errors, measureFrom, measureTo, finished);
        });
  }
}
