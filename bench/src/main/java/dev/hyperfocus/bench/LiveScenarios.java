package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live fan-out on a fresh node with 1,000 users: 1,000 sockets of one user, then 10,000 idle
 * sockets (10 per user) with the heap they cost, one change per round to one user, and the
 * dashboard mix (reads, writes and the 10,000 sockets at once).
 */
final class LiveScenarios {
  static final int USERS = 1000;

  private LiveScenarios() {}

  static void run(Vertx vertx, Plan plan, Path jar, Path tmp, List<JsonObject> rows, JsonObject fanCeiling,
      JsonObject httpCeiling, JsonObject jdbcCeiling) throws Exception {
    Path dataDir = Files.createTempDirectory(tmp, "live-");
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "full", List.of());
         Client client = new Client(vertx, node.base())) {
      List<Sessions> users = new ArrayList<>();
      for (int from = 0; from < USERS; from += 50) {
        List<Future<Sessions>> batch = new ArrayList<>();
        for (int i = from; i < from + 50; i++) {
          batch.add(client.signUp("live" + i, Seeder.ZONE).compose(user -> Sessions.open(client, user)));
        }
        Future.all(batch).await(120, TimeUnit.SECONDS);
        batch.forEach(f -> users.add(f.result()));
      }
      Sessions first = users.get(0);
      try (FanOut fan = new FanOut(vertx, false)) {
        fan.connect(node.base(), Collections.nCopies(1000, liveUri(first)), 100);
        JsonObject row = Ceilings.fanOutRow("live.fanout_1000_sockets_one_user",
            fan.measure(plan.rounds(), 0, 1000, () -> first.log(client)));
        double ratio = row.getDouble("last_ms") / fanCeiling.getDouble("last_ms");
        rows.add(row.put("ceiling", fanCeiling.getString("name")).put("ratio", ratio)
            .put("target", "last socket <= 1.5x ceiling").put("met", ratio <= 1.5 && row.getLong("errors") == 0));
      }
      long heapBefore = node.heapAfterGc();
      try (FanOut fan = new FanOut(vertx, false)) {
        List<String> uris = new ArrayList<>();
        users.forEach(user -> uris.addAll(Collections.nCopies(10, liveUri(user))));
        fan.connect(node.base(), uris, 200);
        double perSocket = (node.heapAfterGc() - heapBefore) / (double) fan.size();
        rows.add(Row.target(Row.value("live.heap_bytes_per_idle_socket_10000", "B", perSocket), "< 30 KiB",
            perSocket < 30 * 1024));
        double[] lasts = new double[plan.rounds() * 4];
        double worst = 0;
        for (int r = 0; r < lasts.length; r++) {
          int user = (r * 97) % USERS;
          FanOut.Rounds one = fan.measure(1, user * 10, user * 10 + 10, () -> users.get(user).log(client));
          lasts[r] = one.lastMedianMs();
          worst = Math.max(worst, one.p99Ms());
        }
        Arrays.sort(lasts);
        rows.add(new JsonObject().put("name", "live.change_to_10_sockets_among_10000").put("last_ms", lasts[lasts.length / 2])
            .put("p99_ms", worst));
        mix(vertx, plan, node, users, rows, httpCeiling, jdbcCeiling);
      }
    }
  }

  private static void mix(Vertx vertx, Plan plan, NodeProcess node, List<Sessions> users, List<JsonObject> rows,
      JsonObject httpCeiling, JsonObject jdbcCeiling) throws Exception {
    HttpLoad reads = new HttpLoad(vertx, node.base());
    HttpLoad writes = new HttpLoad(vertx, node.base());
    CompletableFuture<Result> read = CompletableFuture.supplyAsync(() -> call(() -> reads.run(32, plan.warmup(),
        plan.window(), i -> {
          Client.User user = users.get((int) (System.nanoTime() % USERS)).user();
          return HttpLoad.Call.get("/users/" + user.id() + "/stats/summary?range=7d", user.token());
        })));
    Result written = writes.run(16, plan.warmup(), plan.window(), i -> users.get(i).logCall());
    rows.add(Row.against(Row.of("mix.reads_32c_with_writes_and_10000_sockets", read.get(5, TimeUnit.MINUTES)),
        httpCeiling, "", 0));
    rows.add(Row.against(Row.of("mix.writes_16c_with_reads_and_10000_sockets", written), jdbcCeiling, "", 0));
  }

  private static String liveUri(Sessions user) {
    return "/users/" + user.user().id() + "/live?access_token=" + user.user().token();
  }

  private interface Measured {
    Result run() throws Exception;
  }

  private static Result call(Measured measured) {
    try {
      return measured.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
