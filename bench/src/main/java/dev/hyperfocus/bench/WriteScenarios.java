package dev.hyperfocus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /interruptions} from 64 concurrent clients (one user and session each) on a fresh
 * node: its cold first window, then, after {@link Plan#steadyAfter()} more of the same load, the
 * measured steady state. At FULL the node is then killed (SIGKILL) and every acknowledged row,
 * cold and warm-up ones included, must be in the file.
 */
final class WriteScenarios {
  static final int CLIENTS = 64;

  private WriteScenarios() {}

  static void run(Vertx vertx, Plan plan, Path jar, Path tmp, String sync, List<JsonObject> rows,
      JsonObject ceiling) throws Exception {
    Path dataDir = Files.createTempDirectory(tmp, "writes-" + sync + "-");
    NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, sync, List.of());
    String tag = sync.toLowerCase(Locale.ROOT);
    if ("full".equals(tag)) {
      rows.add(Row.target(Row.value("cold_start.empty_data_dir", "s", node.readySeconds()), "< 2 s",
          node.readySeconds() < 2));
    }
    List<Sessions> sessions = new ArrayList<>();
    try (Client client = new Client(vertx, node.base())) {
      for (int i = 0; i < CLIENTS; i++) {
        Client.User user = client.signUp("writer" + i, Seeder.ZONE).await(60, TimeUnit.SECONDS);
        sessions.add(Sessions.open(client, user).await(60, TimeUnit.SECONDS));
      }
    }
    HttpLoad load = new HttpLoad(vertx, node.base());
    // A fresh JVM needs far longer than a read path to compile this one on 2 shared cores: its
    // first window is reported on its own, then the node is loaded until steady state.
    rows.add(Row.of("writes.post_interruptions_" + tag + "_64c_cold_first_window",
        load.run(CLIENTS, Duration.ZERO, plan.window(), i -> sessions.get(i).logCall())));
    load.run(CLIENTS, Duration.ZERO, plan.steadyAfter(), i -> sessions.get(i).logCall());
    JsonObject writes = Row.of("writes.post_interruptions_" + tag + "_64c",
        load.run(CLIENTS, plan.warmup(), plan.window(), i -> sessions.get(i).logCall()));
    boolean ok = writes.getDouble("p99_ms") < 25 && writes.getLong("errors") == 0;
    if ("full".equals(tag)) {
      node.kill();
      long stored = Seeder.count(dataDir, "interruptions");
      writes.put("acknowledged", load.acknowledged()).put("on_disk_after_sigkill", stored);
      ok = ok && stored >= load.acknowledged();
      rows.add(Row.against(writes, ceiling, ">= 2x, p99 < 25 ms, 0 errors, all acked on disk", 2)
          .put("met", writes.getDouble("ratio") >= 2 && ok));
    } else {
      node.close();
      rows.add(Row.against(writes, ceiling, "", 0));
    }
  }
}
