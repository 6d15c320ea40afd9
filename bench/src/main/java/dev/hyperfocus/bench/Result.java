package dev.hyperfocus.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** One measured window: operations per second and latency percentiles in milliseconds. */
record Result(long count, double perSecond, double p50Ms, double p99Ms, double p999Ms, double maxMs, long errors) {
  static Result of(Histogram micros, double seconds, long errors) {
    long count = micros.getTotalCount();
    return new Result(count, count / seconds, micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
        micros.getMaxValue() / 1000.0, errors);
  }

  JsonObject toJson() {
    return new JsonObject().put("count", count).put("per_second", perSecond).put("p50_ms", p50Ms)
        .put("p99_ms", p99Ms).put("p999_ms", p999Ms).put("max_ms", maxMs).put("errors", errors);
  }
}
