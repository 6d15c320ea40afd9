package dev.hyperfocus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/** The ceilings, measured in the same run with the same generator as the service. */
final class Ceilings {
  /** About the size of a live {@code update} frame of HyperFocus. */
  static final String FRAME = new JsonObject().put("type", "update").put("pad", "x".repeat(900)).encode();

  private Ceilings() {}

  static void measure(Vertx vertx, Plan plan, Path tmp, List<JsonObject> rows) throws Exception {
    try (NodeProcess server = NodeProcess.ceilingServer(true)) {
      HttpLoad load = new HttpLoad(vertx, server.base());
      IntFunction<HttpLoad.Call> trivial = i -> HttpLoad.Call.get("/json", null);
      // measured at steady state like the service it is the ceiling of: loaded as long first
      load.run(64, Duration.ZERO, plan.steadyAfter(), trivial);
      rows.add(Row.of("ceiling.http_trivial_64c", load.run(64, plan.warmup(), plan.window(), trivial)));
      for (boolean deflate : new boolean[] {false, true}) {
        try (FanOut fan = new FanOut(vertx, deflate); Client client = new Client(vertx, server.base())) {
          fan.connect(server.base(), Collections.nCopies(1000, "/ws"), 100);
          FanOut.Rounds rounds = fan.measure(plan.rounds(), 0, 1000,
              () -> client.send(HttpMethod.POST, "/broadcast", null, new JsonObject(Buffer.buffer(FRAME)), 200));
          rows.add(fanOutRow(deflate ? "ceiling.fanout_1000_deflate" : "ceiling.fanout_1000", rounds));
        }
      }
    }
    rows.add(Row.of("ceiling.jdbc_full_1_per_commit", JdbcCeiling.run(tmp, "FULL", 1, plan.window())));
    rows.add(Row.of("ceiling.jdbc_normal_1_per_commit", JdbcCeiling.run(tmp, "NORMAL", 1, plan.window())));
    rows.add(Row.of("ceiling.jdbc_full_100_per_commit", JdbcCeiling.run(tmp, "FULL", 100, plan.window())));
  }

  static JsonObject fanOutRow(String name, FanOut.Rounds rounds) {
    return new JsonObject().put("name", name).put("last_ms", rounds.lastMedianMs()).put("p50_ms", rounds.p50Ms())
        .put("p99_ms", rounds.p99Ms()).put("errors", rounds.missed());
  }
}
